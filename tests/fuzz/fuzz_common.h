/* Shared helpers of the libFuzzer targets in tests/fuzz/: invariant checks that abort (so
 * libFuzzer records the input), a JSON checker as strict as JavaScript's JSON.parse, a byte
 * buffer for building inputs, and the field splitter of the structured modes. */
#ifndef PW_FUZZ_COMMON_H
#define PW_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "cJSON.h"
#include "wasm_exports.h"

/* Not assert(): it must hold with NDEBUG too. */
#define FZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
	} while (0)

void fz_fail(const char *file, int line, const char *expr, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));

/* The operations of operations.c, and one it does not know. */
extern const char *const fz_operations[];
extern const size_t fz_n_operations;

/* 1 when JSON.parse would accept s[0..len) (read as UTF-8 by a non-fatal TextDecoder, so
 * invalid UTF-8 is no reason to reject): RFC 8259 grammar, JSON whitespace only, no raw
 * control characters in strings, \u with four hex digits, -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?. */
int fz_strict_json(const char *s, size_t len);
/* 1 when s is valid UTF-8 (no surrogates, no overlongs). */
int fz_valid_utf8(const char *s, size_t len);


/* A growable byte buffer (independent of the code under test). */
typedef struct {
	char *data;
	size_t len, cap;
} fz_buf;

void fz_buf_put(fz_buf *b, const void *p, size_t n);
void fz_buf_puts(fz_buf *b, const char *s);
void fz_buf_putc(fz_buf *b, char c);
/* A JSON string literal of raw bytes: '"', '\\' and control characters escaped, every other
 * byte (invalid UTF-8 included) left as it is. */
void fz_buf_put_json_string(fz_buf *b, const void *p, size_t n);
void fz_buf_free(fz_buf *b);
/* A NUL-terminated heap copy of the contents (the caller frees). */
char *fz_buf_dup(const fz_buf *b, size_t *len);

/* Splits data at each NUL byte into at most max fields (the last takes the rest, NULs and all). */
struct fz_field {
	const char *p;
	size_t len;
};
size_t fz_split(const uint8_t *data, size_t size, struct fz_field *fields, size_t max);

/* Checks a JSON field of an export's result (the glue JSON.parses it): the result is not NULL,
 * the field holds no NUL, JSON.parse and cJSON both read it. Returns the cJSON tree (caller
 * deletes). */
cJSON *fz_field_json(const struct pw_result *r, int field, const char *what);
/* PW_SIGN_HEADERS's list (each name and value a line, \\ and \n escaped) as [[name, value]...];
 * fails the run when it is malformed. */
cJSON *fz_header_list(const struct pw_result *r, const char *what);
/* 1 when field holds exactly s. */
int fz_field_is(const struct pw_result *r, int field, const char *s);
/* Appends n strings packed as the glue packs them (u32 LE length, bytes); returns the bytes added. */
size_t fz_pack(fz_buf *out, const struct fz_field *strings, size_t n);

/* A heap copy of n bytes (at least 1 allocated), for functions that change their input. */
char *fz_dup(const void *p, size_t n);

#endif
