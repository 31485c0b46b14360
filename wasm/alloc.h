/* The WASM build's malloc (alloc.c): one address-ordered free list, first fit, merging. */
#ifndef PW_ALLOC_H
#define PW_ALLOC_H

#include <stddef.h>

/* Bytes of the chunks handed out and not yet freed (headers included). */
size_t pw_alloc_in_use(void);
/* The size of the chunk holding ptr (0 for NULL). */
size_t pw_alloc_size(const void *ptr);

#endif
