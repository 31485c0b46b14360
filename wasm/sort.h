/* Sorting index arrays with a context (heapsort: O(n log n), in place, no allocation). */
#ifndef PW_SORT_H
#define PW_SORT_H

#include <stddef.h>

/* Returns < 0, 0 or > 0 as the items at indices a and b compare. */
typedef int (*pw_index_compare)(const void *ctx, size_t a, size_t b);

/* Sorts idx[0..n) so the items they index are in order. Not stable: make the comparison total
 * (break ties on the index) where order matters. */
void pw_sort_indices(size_t *idx, size_t n, pw_index_compare cmp, const void *ctx);

#endif
