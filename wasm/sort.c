/* Heapsort; see sort.h. Much smaller than musl's qsort, and reentrant. */
#include "sort.h"

static void sift_down(size_t *idx, size_t root, size_t n, pw_index_compare cmp, const void *ctx)
{
	for (;;) {
		size_t child = 2 * root + 1, t;

		if (child >= n) return;
		if (child + 1 < n && cmp(ctx, idx[child], idx[child + 1]) < 0) child++;
		if (cmp(ctx, idx[root], idx[child]) >= 0) return;
		t = idx[root];
		idx[root] = idx[child];
		idx[child] = t;
		root = child;
	}
}

void pw_sort_indices(size_t *idx, size_t n, pw_index_compare cmp, const void *ctx)
{
	size_t i, t;

	if (n < 2) return;
	for (i = n / 2; i-- > 0;) sift_down(idx, i, n, cmp, ctx);
	for (i = n - 1; i > 0; i--) {
		t = idx[0];
		idx[0] = idx[i];
		idx[i] = t;
		sift_down(idx, 0, i, cmp, ctx);
	}
}
