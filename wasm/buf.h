/* A growable byte buffer with a sticky failure flag, so a chain of appends needs one check. */
#ifndef PW_BUF_H
#define PW_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

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
/* Room for extra more bytes (and the NUL): PW_OK, or PW_NOMEM (and the buffer failed). */
pw_status pw_buf_reserve(pw_buf *b, size_t extra);
void pw_buf_put(pw_buf *b, const void *src, size_t len);
void pw_buf_putc(pw_buf *b, char c);
/* Inline, so the length of a string literal is known when compiled, not counted each call. */
static inline void pw_buf_puts(pw_buf *b, const char *s)
{
	pw_buf_put(b, s, __builtin_strlen(s));
}
/* Appends src with ASCII upper case letters lower-cased. */
void pw_buf_put_lower(pw_buf *b, const char *src, size_t len);
void pw_buf_put_uint(pw_buf *b, unsigned long v);

/* Overwrites len bytes with zeros in a way the compiler may not elide. */
void pw_wipe(void *p, size_t len);

/* Overwrites PW_STACK_SCRUB_BYTES of the stack just below the caller's frame, where the functions
 * it called kept their locals (BearSSL's HMAC and SHA-256 keep key blocks, chaining values and
 * outputs in stack temporaries it never clears). More than the deepest signing call uses. */
#define PW_STACK_SCRUB_BYTES 4096
void pw_scrub_stack(void);

/* Every allocation of the core (and of cJSON, via its hooks) goes through pw_malloc, which counts
 * the ones that fail: an export compares the count before and after, and on any failure gives
 * no result at all rather than one built from partial data. */
void *pw_malloc(size_t n);
/* n elements of size bytes; NULL (a failure) when n * size does not fit in a size_t. */
void *pw_malloc_array(size_t n, size_t size);
/* A test seam: when nonzero, counts down by one per allocation, and the allocation that brings
 * it to zero fails, as if memory had run out. */
extern unsigned long pw_alloc_fail_countdown;

/* A buffer's sticky failure flag, as a status (status.h): for a step's end. */
static inline pw_status pw_buf_status(const pw_buf *b)
{
	return b->failed ? PW_NOMEM : PW_OK;
}

#endif
