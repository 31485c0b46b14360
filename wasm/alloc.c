/* malloc for the WASM build, instead of emmalloc: smaller, and what is in use is known exactly.
 *
 * K&R's allocator: one free list in address order, first fit, a free chunk merged with its free
 * neighbours, so the heap never fragments into pieces too small to reuse. Each chunk starts with
 * a header of two words (the next free chunk, the chunk's size in headers), so payloads are
 * 8-aligned as emmalloc's were. The heap grows at its end, whole WASM pages at a time, and is
 * never given back (WASM memory cannot shrink anyway). The core allocates a handful of buffers per
 * call and frees them all, so the list stays short. Single-threaded, like the module. Natively the
 * C library's malloc is used. */
#ifdef __EMSCRIPTEN__
#include "alloc.h"
#include "status.h"

#include <stdint.h>
#include <string.h>

struct chunk {
	struct chunk *next; /* while free: the next free chunk, in address order (circular) */
	size_t units;       /* the chunk's size in units of sizeof(struct chunk), header included */
};

#define UNIT sizeof(struct chunk)
#define PAGE 65536u

extern unsigned char __heap_base; /* the linker's: where the heap starts */
static uintptr_t heap_end;
static struct chunk list = { &list, 0 }; /* the free list's anchor: never handed out */
static struct chunk *rover = &list;      /* where the next search starts */
static size_t in_use;                    /* units */

/* Puts c on the free list, merged with the free chunks right before and after it. */
static void insert(struct chunk *c)
{
	struct chunk *p;

	for (p = rover; !(c > p && c < p->next); p = p->next)
		if (p >= p->next && (c > p || c < p->next)) break; /* c is past either end of the list */
	if (c + c->units == p->next) {
		c->units += p->next->units;
		c->next = p->next->next;
	} else {
		c->next = p->next;
	}
	if (p + p->units == c) {
		p->units += c->units;
		p->next = c->next;
	} else {
		p->next = c;
	}
	rover = p;
}

/* At least `units` more at the end of the heap, whole pages, put on the free list: PW_OK or
 * PW_NOMEM. */
static pw_status grow_heap(size_t units)
{
	uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * PAGE;
	uint64_t want;
	struct chunk *c;

	if (heap_end == 0) heap_end = ((uintptr_t)&__heap_base + UNIT - 1) & ~(uintptr_t)(UNIT - 1);
	want = (uint64_t)heap_end + (uint64_t)units * UNIT;
	if (want > have) {
		size_t pages = (size_t)((want - have + PAGE - 1) / PAGE);
		if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return PW_NOMEM;
		have += (uint64_t)pages * PAGE;
	}
	c = (struct chunk *)heap_end;
	c->units = (size_t)((have - heap_end) / UNIT);
	heap_end += c->units * UNIT;
	insert(c);
	return PW_OK;
}

void *malloc(size_t n)
{
	struct chunk *prev, *c;
	size_t units;

	if (n > (size_t)1 << 30) return NULL;
	units = (n + UNIT - 1) / UNIT + 1;
	for (prev = rover, c = prev->next;; prev = c, c = c->next) {
		if (c->units >= units) {
			if (c->units == units) {
				prev->next = c->next;
			} else { /* the end of the chunk is handed out, its start stays free */
				c->units -= units;
				c += c->units;
				c->units = units;
			}
			rover = prev;
			in_use += units;
			return c + 1;
		}
		if (c == rover) { /* once round the list: nothing fits */
			if (grow_heap(units) != PW_OK) return NULL;
			c = rover;
		}
	}
}

void free(void *ptr)
{
	struct chunk *c = (struct chunk *)ptr - 1;

	if (ptr == NULL) return;
	in_use -= c->units;
	insert(c);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > (size_t)-1 / size) return NULL;
	p = malloc(n * size);
	if (p != NULL) memset(p, 0, n * size);
	return p;
}

size_t pw_alloc_in_use(void)
{
	return in_use * UNIT;
}

size_t pw_alloc_size(const void *ptr)
{
	return ptr != NULL ? ((const struct chunk *)ptr - 1)->units * UNIT : 0;
}
#endif
