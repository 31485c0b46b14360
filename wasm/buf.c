/* Growable buffer; see buf.h. */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

/* A plain memset, then a barrier that tells the compiler the memory may be read: it can no
 * longer prove the stores dead (memory about to be freed, a local about to go out of scope), so
 * it keeps them, and the memset stays one bulk memory.fill. */
void pw_wipe(void *p, size_t len)
{
	if (p == NULL || len == 0) return;
	memset(p, 0, len);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

unsigned long pw_alloc_failures;
unsigned long pw_alloc_fail_countdown;

void *pw_malloc(size_t n)
{
	void *p = NULL;

	if (pw_alloc_fail_countdown == 0 || --pw_alloc_fail_countdown != 0) p = malloc(n);
	if (p == NULL) pw_alloc_failures++;
	return p;
}

void *pw_malloc_array(size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size) {
		pw_alloc_failures++;
		return NULL;
	}
	return pw_malloc(n * size);
}

/* noinline: its frame must be a frame of its own, below the caller's, where the callees' were. */
__attribute__((noinline)) void pw_scrub_stack(void)
{
	unsigned char region[PW_STACK_SCRUB_BYTES];

	pw_wipe(region, sizeof region);
}

void pw_buf_init(pw_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = 0;
}

void pw_buf_wipe_free(pw_buf *b)
{
	if (b->data != NULL) {
		/* Past len + 1 nothing was ever written, or it was wiped by pw_buf_reset. */
		pw_wipe(b->data, b->len + 1);
		free(b->data);
	}
	pw_buf_init(b);
}

void pw_buf_reset(pw_buf *b)
{
	if (b->data != NULL) pw_wipe(b->data, b->len);
	b->len = 0;
	b->failed = 0;
}

/* Growing copies into a new block and wipes the old one, rather than realloc, which would
 * leave earlier contents (perhaps a secret) behind in freed memory. */
pw_status pw_buf_reserve(pw_buf *b, size_t extra)
{
	size_t need, cap;
	char *grown;

	if (b->failed) return PW_NOMEM;
	need = b->len + extra + 1;
	if (need <= b->len) goto fail; /* overflow */
	if (need <= b->cap) return PW_OK;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need) {
		if (cap > (size_t)-1 / 2) { cap = need; break; }
		cap *= 2;
	}
	grown = pw_malloc(cap);
	if (grown == NULL) goto fail;
	if (b->data != NULL) {
		memcpy(grown, b->data, b->len);
		pw_wipe(b->data, b->len + 1);
		free(b->data);
	}
	b->data = grown;
	b->cap = cap;
	b->data[b->len] = 0;
	return PW_OK;
fail:
	b->failed = 1;
	pw_alloc_failures++; /* too large counts as out of memory */
	return PW_NOMEM;
}

void pw_buf_put(pw_buf *b, const void *src, size_t len)
{
	if (pw_buf_reserve(b, len) != 0) return;
	if (len > 0) memcpy(b->data + b->len, src, len);
	b->len += len;
	b->data[b->len] = 0;
}

void pw_buf_putc(pw_buf *b, char c)
{
	if (b->len + 1 < b->cap && !b->failed) { /* room for c and the NUL: most calls */
		b->data[b->len++] = c;
		b->data[b->len] = 0;
		return;
	}
	pw_buf_put(b, &c, 1);
}

void pw_buf_put_lower(pw_buf *b, const char *src, size_t len)
{
	size_t i;

	if (pw_buf_reserve(b, len) != 0) return;
	for (i = 0; i < len; i++) b->data[b->len++] = pw_ascii_lower(src[i]);
	b->data[b->len] = 0;
}

void pw_buf_put_uint(pw_buf *b, unsigned long v)
{
	char tmp[24];
	size_t n = sizeof tmp;

	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	pw_buf_put(b, tmp + n, sizeof tmp - n);
}

pw_status pw_refuse(struct pw_error *e, const char *name, const char *message)
{
	e->name = name;
	e->message = message;
	return PW_ERROR;
}
