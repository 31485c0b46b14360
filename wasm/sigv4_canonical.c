/* SigV4's canonical forms (sigv4.h): the canonical URI, query and headers, the string to sign,
 * and SHA-256 in hex. */
#include "sigv4.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "bearssl_hash.h"
#include "sort.h"

void pw_sigv4_sha256_hex(char out[65], const void *data, size_t len)
{
	static const char digits[] = PW_HEX_DIGITS;
	br_sha256_context cx;
	unsigned char h[32];
	int i;

	br_sha256_init(&cx);
	br_sha256_update(&cx, data, len);
	br_sha256_out(&cx, h);
	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 15];
	}
	out[64] = 0;
}

/* ---- canonical URI and query ---------------------------------------------------------------- */

static int is_unreserved(unsigned char c)
{
	return pw_ascii_is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

void pw_sigv4_uri_encode(pw_buf *out, const char *s, size_t len, int keep_slash)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	if (pw_buf_reserve(out, len > (size_t)-1 / 3 ? (size_t)-1 : len * 3) != 0) return;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_unreserved(c) || (keep_slash && c == '/')) {
			out->data[out->len++] = (char)c;
		} else {
			out->data[out->len++] = '%';
			out->data[out->len++] = digits[c >> 4];
			out->data[out->len++] = digits[c & 15];
		}
	}
	out->data[out->len] = 0;
}

/* Dot segments and empty segments dropped, as the AWS SDKs do for every service but S3:
 * the result keeps a leading '/' and, when any segment remains, a trailing one. */
void pw_sigv4_canonical_uri(pw_buf *out, const char *path, size_t len, int normalize)
{
	size_t *starts, *lens, n = 0, i = 0, k;

	if (len == 0) {
		pw_buf_putc(out, '/');
		return;
	}
	if (!normalize) {
		pw_sigv4_uri_encode(out, path, len, 1);
		return;
	}
	/* at most len/2 + 1 segments survive */
	starts = pw_malloc_array(len / 2 + 1, sizeof *starts);
	lens = pw_malloc_array(len / 2 + 1, sizeof *lens);
	if (starts == NULL || lens == NULL) {
		out->failed = 1;
		goto done;
	}
	while (i <= len) {
		size_t j = i;
		while (j < len && path[j] != '/') j++;
		if (j - i == 2 && path[i] == '.' && path[i + 1] == '.') {
			if (n > 0) n--;
		} else if (j > i && !(j - i == 1 && path[i] == '.')) {
			starts[n] = i;
			lens[n] = j - i;
			n++;
		}
		i = j + 1;
	}
	if (path[0] == '/') pw_buf_putc(out, '/');
	for (k = 0; k < n; k++) {
		if (k > 0) pw_buf_putc(out, '/');
		pw_sigv4_uri_encode(out, path + starts[k], lens[k], 0);
	}
	if (n > 0 && path[len - 1] == '/') pw_buf_putc(out, '/');
done:
	free(starts);
	free(lens);
}

/* Percent-decodes then re-encodes; a '%' not followed by two hex digits stands for itself. */
static void reencode(pw_buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];
		int hi, lo;
		if (c == '%' && i + 2 < len && (hi = pw_hex_value((unsigned char)s[i + 1])) >= 0
			&& (lo = pw_hex_value((unsigned char)s[i + 2])) >= 0) {
			c = (char)(hi << 4 | lo);
			i += 2;
		}
		pw_sigv4_uri_encode(out, &c, 1, 0);
	}
}

struct query_param {
	size_t name_start, name_len, value_start, value_len; /* into the encoded buffer */
};

struct query_params {
	const struct query_param *params;
	const char *encoded;
};

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);
	if (c != 0) return c;
	return alen < blen ? -1 : alen > blen;
}

/* By encoded name, then encoded value (equal pairs may go in either order: same output). */
static int compare_params(const void *ctx, size_t ia, size_t ib)
{
	const struct query_params *q = ctx;
	const struct query_param *a = &q->params[ia], *b = &q->params[ib];
	const char *d = q->encoded;
	int c = compare_bytes(d + a->name_start, a->name_len, d + b->name_start, b->name_len);
	if (c != 0) return c;
	return compare_bytes(d + a->value_start, a->value_len, d + b->value_start, b->value_len);
}

static int is_signature_param(const char *s, size_t len)
{
	return pw_ascii_eq_lower_str(s, len, "x-amz-signature");
}

void pw_sigv4_canonical_query(pw_buf *out, const char *query, size_t len)
{
	struct query_param *params;
	struct query_params ctx;
	pw_buf encoded;
	size_t n = 0, i = 0, k, *order;

	if (len == 0) return;
	pw_buf_init(&encoded);
	params = pw_malloc_array(len / 2 + 1, sizeof *params);
	order = pw_malloc_array(len / 2 + 1, sizeof *order);
	if (params == NULL || order == NULL) {
		out->failed = 1;
		goto done;
	}
	/* Never NULL below, even when every parameter is empty ("=&="): NULL + 0 is undefined. */
	pw_buf_reserve(&encoded, len);
	while (i < len) {
		size_t j = i, eq;
		while (j < len && query[j] != '&') j++;
		for (eq = i; eq < j && query[eq] != '='; eq++) {}
		if (j > i && !is_signature_param(query + i, eq - i)) {
			params[n].name_start = encoded.len;
			reencode(&encoded, query + i, eq - i);
			params[n].name_len = encoded.len - params[n].name_start;
			params[n].value_start = encoded.len;
			if (eq < j) reencode(&encoded, query + eq + 1, j - eq - 1);
			params[n].value_len = encoded.len - params[n].value_start;
			n++;
		}
		i = j + 1;
	}
	if (encoded.failed) {
		out->failed = 1;
	} else {
		ctx.params = params;
		ctx.encoded = encoded.data;
		for (k = 0; k < n; k++) order[k] = k;
		pw_sort_indices(order, n, compare_params, &ctx);
		for (k = 0; k < n; k++) {
			const struct query_param *q = &params[order[k]];
			if (k > 0) pw_buf_putc(out, '&');
			pw_buf_put(out, encoded.data + q->name_start, q->name_len);
			pw_buf_putc(out, '=');
			pw_buf_put(out, encoded.data + q->value_start, q->value_len);
		}
	}
done:
	free(params);
	free(order);
	pw_buf_wipe_free(&encoded);
}

/* ---- canonical headers ---------------------------------------------------------------------- */

/* The AWS SDKs never sign these (they change in transit or are set by the platform). */
int pw_sigv4_is_unsignable(const char *name, size_t len)
{
#define NAME(s) { s, sizeof s - 1 }
	static const struct { const char *name; size_t len; } never[] = {
		NAME("authorization"), NAME("cache-control"), NAME("connection"), NAME("expect"), NAME("from"),
		NAME("keep-alive"), NAME("max-forwards"), NAME("pragma"), NAME("referer"), NAME("te"), NAME("trailer"),
		NAME("transfer-encoding"), NAME("upgrade"), NAME("user-agent"), NAME("x-amzn-trace-id")
	};
#undef NAME
	size_t i;

	/* By length first: every header is tested against the whole table. */
	for (i = 0; i < sizeof never / sizeof never[0]; i++) {
		if (never[i].len == len && pw_ascii_eq_lower(name, never[i].name, len)) return 1;
	}
	return (len >= 6 && pw_ascii_eq_lower(name, "proxy-", 6))
		|| (len >= 4 && pw_ascii_eq_lower(name, "sec-", 4));
}

/* Every whitespace character is at most ' ': most bytes are decided by the first test. */
static int is_space(char c)
{
	unsigned char u = (unsigned char)c;
	return u <= ' ' && (u == ' ' || (u >= '\t' && u <= '\r'));
}

/* The value trimmed, each inner run of whitespace one space: words are copied whole. */
static void put_trimmed_value(pw_buf *out, const char *v, size_t len)
{
	size_t i = 0, run;

	while (i < len && is_space(v[i])) i++;
	while (len > i && is_space(v[len - 1])) len--;
	while (i < len) {
		for (run = i; run < len && !is_space(v[run]); run++) {}
		pw_buf_put(out, v + i, run - i);
		if (run == len) break;
		pw_buf_putc(out, ' ');
		for (i = run; is_space(v[i]); i++) {} /* stops at a word: the value ends with one */
	}
}

static int compare_headers(const void *ctx, size_t a, size_t b)
{
	const struct pw_header *headers = ctx, *ha = &headers[a], *hb = &headers[b];
	size_t i;

	for (i = 0; i < ha->name_len && i < hb->name_len; i++) {
		unsigned char ca = (unsigned char)pw_ascii_lower(ha->name[i]);
		unsigned char cb = (unsigned char)pw_ascii_lower(hb->name[i]);
		if (ca != cb) return ca < cb ? -1 : 1;
	}
	if (ha->name_len != hb->name_len) return ha->name_len < hb->name_len ? -1 : 1;
	return a < b ? -1 : a > b; /* repeated names keep their order */
}

pw_status pw_sigv4_canonical_headers(pw_buf *out, pw_buf *signed_headers, const struct pw_header *headers,
	size_t n)
{
	size_t *order, k, m = 0;

	order = pw_malloc_array(n + 1, sizeof *order);
	if (order == NULL) return PW_NOMEM;
	for (k = 0; k < n; k++) {
		if (!pw_sigv4_is_unsignable(headers[k].name, headers[k].name_len)) order[m++] = k;
	}
	pw_sort_indices(order, m, compare_headers, headers);
	for (k = 0; k < m; k++) {
		const struct pw_header *h = &headers[order[k]];
		int same_as_previous = 0;

		if (k > 0) {
			const struct pw_header *p = &headers[order[k - 1]];
			size_t i;
			same_as_previous = p->name_len == h->name_len;
			for (i = 0; same_as_previous && i < h->name_len; i++) {
				same_as_previous = pw_ascii_lower(p->name[i]) == pw_ascii_lower(h->name[i]);
			}
		}
		if (same_as_previous) {
			pw_buf_putc(out, ',');
		} else {
			if (k > 0) {
				pw_buf_putc(out, '\n');
				pw_buf_putc(signed_headers, ';');
			}
			pw_buf_put_lower(out, h->name, h->name_len);
			pw_buf_putc(out, ':');
			pw_buf_put_lower(signed_headers, h->name, h->name_len);
		}
		put_trimmed_value(out, h->value, h->value_len);
	}
	if (m > 0) pw_buf_putc(out, '\n');
	free(order);
	return out->failed || signed_headers->failed ? PW_NOMEM : PW_OK;
}

/* ---- string to sign, signing key, signature ------------------------------------------------- */

static const char ALGORITHM[] = PW_SIGV4_ALGORITHM;

void pw_sigv4_string_to_sign(pw_buf *out, const char *amz_date, const char *scope, size_t scope_len,
	const char *canonical_request, size_t canonical_request_len)
{
	char hash[65];

	pw_sigv4_sha256_hex(hash, canonical_request, canonical_request_len);
	pw_buf_puts(out, ALGORITHM);
	pw_buf_putc(out, '\n');
	pw_buf_put(out, amz_date, 16);
	pw_buf_putc(out, '\n');
	pw_buf_put(out, scope, scope_len);
	pw_buf_putc(out, '\n');
	pw_buf_put(out, hash, 64);
}
