/* A growable byte buffer with a sticky failure flag, so a chain of appends needs one check. */
#ifndef PW_BUF_H
#define PW_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	char *data;   /* always NUL-terminated when len > 0 or data != NULL */
	size_t len;
	size_t cap;
	int failed;   /* set once an allocation fails; later appends do nothing */
} pw_buf;

void pw_buf_init(pw_buf *b);
/* Frees the storage after overwriting it with zeros (buffers may have held secrets). */
void pw_buf_wipe_free(pw_buf *b);
void pw_buf_reset(pw_buf *b);
int pw_buf_reserve(pw_buf *b, size_t extra);
void pw_buf_put(pw_buf *b, const void *src, size_t len);
void pw_buf_putc(pw_buf *b, char c);
void pw_buf_puts(pw_buf *b, const char *s);
void pw_buf_put_hex(pw_buf *b, const uint8_t *src, size_t len);
/* Appends src as a JSON string literal, quotes included. */
void pw_buf_put_json_string(pw_buf *b, const char *src, size_t len);
void pw_buf_put_uint(pw_buf *b, unsigned long v);

/* Overwrites len bytes with zeros in a way the compiler may not elide. */
void pw_wipe(void *p, size_t len);

#endif
