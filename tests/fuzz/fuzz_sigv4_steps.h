/* The SigV4 step checks of fuzz_sigv4.c: the canonical query sorted and fully encoded, the canonical
 * URI encoded and (normalized) without empty or dot segments, canonical headers lowercase, sorted,
 * unique and trimmed. Static inline: only fuzz_sigv4.c includes it. */
#ifndef PW_FUZZ_SIGV4_STEPS_H
#define PW_FUZZ_SIGV4_STEPS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "sigv4.h"

static inline int is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
		|| c == '.' || c == '~';
}

static inline int is_upper_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* Only unreserved characters, %XX with upper-case hex, and '/' when slash. */
static inline int well_encoded(const char *s, size_t len, int slash)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_unreserved(c) || (slash && c == '/')) continue;
		if (c != '%' || i + 2 >= len || !is_upper_hex((unsigned char)s[i + 1]) || !is_upper_hex((unsigned char)s[i + 2])) {
			return 0;
		}
		i += 2;
	}
	return 1;
}

static inline int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c != 0 ? c : alen < blen ? -1 : alen > blen;
}

static inline int is_signature_name(const char *s, size_t len)
{
	static const char name[] = "x-amz-signature";
	size_t i;

	if (len != sizeof name - 1) return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
		if (c != name[i]) return 0;
	}
	return 1;
}

static inline void check_query(const char *q, size_t qlen)
{
	pw_buf out;
	size_t i = 0, count = 0, expected = 0;
	const char *prev_name = NULL, *prev_value = NULL;
	size_t prev_name_len = 0, prev_value_len = 0;

	/* Non-empty '&'-separated parameters other than X-Amz-Signature. */
	while (i < qlen) {
		size_t j = i, eq;
		while (j < qlen && q[j] != '&') j++;
		for (eq = i; eq < j && q[eq] != '='; eq++) {}
		if (j > i && !is_signature_name(q + i, eq - i)) expected++;
		i = j + 1;
	}
	pw_buf_init(&out);
	pw_sigv4_canonical_query(&out, q, qlen);
	FZ_CHECK(!out.failed, "canonical query failed");
	i = 0;
	while (i < out.len) {
		size_t j = i, eq;
		while (j < out.len && out.data[j] != '&') j++;
		eq = i;
		while (eq < j && out.data[eq] != '=') eq++;
		FZ_CHECK(eq < j, "a canonical query parameter without '=': %s", out.data);
		FZ_CHECK(well_encoded(out.data + i, eq - i, 0) && well_encoded(out.data + eq + 1, j - eq - 1, 0),
			"canonical query not fully encoded: %s", out.data);
		if (prev_name != NULL) {
			int c = compare_bytes(prev_name, prev_name_len, out.data + i, eq - i);
			FZ_CHECK(c < 0 || (c == 0 && compare_bytes(prev_value, prev_value_len, out.data + eq + 1, j - eq - 1) <= 0),
				"canonical query not sorted: %s", out.data);
		}
		prev_name = out.data + i;
		prev_name_len = eq - i;
		prev_value = out.data + eq + 1;
		prev_value_len = j - eq - 1;
		count++;
		i = j + 1;
	}
	FZ_CHECK(count == expected, "canonical query has %zu parameters, expected %zu: %s", count, expected,
		out.data ? out.data : "");
	pw_buf_wipe_free(&out);
}

static inline void check_uri(const char *path, size_t len, int normalize)
{
	pw_buf out, plain;
	size_t i;

	pw_buf_init(&out);
	pw_sigv4_canonical_uri(&out, path, len, normalize);
	FZ_CHECK(!out.failed, "canonical URI failed");
	FZ_CHECK(well_encoded(out.data ? out.data : "", out.len, 1), "canonical URI not encoded: %s", out.data);
	if (len == 0) {
		FZ_CHECK(out.len == 1 && out.data[0] == '/', "empty path gives %s", out.data);
	} else if (!normalize) {
		pw_buf_init(&plain);
		pw_sigv4_uri_encode(&plain, path, len, 1);
		FZ_CHECK(plain.len == out.len && memcmp(plain.data, out.data, out.len) == 0, "unnormalized URI is not the encoded path");
		pw_buf_wipe_free(&plain);
	} else {
		/* Segments between slashes: none empty (but for a leading and a trailing slash), none
		 * "." or "..". */
		size_t start = out.len > 0 && out.data[0] == '/' ? 1 : 0;
		for (i = start; i < out.len;) {
			size_t j = i;
			while (j < out.len && out.data[j] != '/') j++;
			FZ_CHECK(j > i || j == out.len, "empty segment in normalized URI: %s", out.data);
			FZ_CHECK(!(j - i == 1 && out.data[i] == '.') && !(j - i == 2 && out.data[i] == '.' && out.data[i + 1] == '.'),
				"dot segment in normalized URI: %s", out.data);
			i = j + 1;
		}
		FZ_CHECK((out.len > 0 && out.data[0] == '/') == (path[0] == '/'), "leading slash changed: %s", out.data);
	}
	pw_buf_wipe_free(&out);
}

static inline int same_buf(const pw_buf *a, const pw_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static inline int clean_name(const char *s, size_t len)
{
	return memchr(s, ':', len) == NULL && memchr(s, '\n', len) == NULL && memchr(s, ';', len) == NULL;
}

static inline int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline void check_headers(const struct pw_header *h, size_t n)
{
	pw_buf out, signed_headers, joined;
	size_t i, k;
	int clean = 1;

	for (k = 0; k < n; k++) clean &= clean_name(h[k].name, h[k].name_len);
	pw_buf_init(&out);
	pw_buf_init(&signed_headers);
	pw_buf_init(&joined);
	FZ_CHECK(pw_sigv4_canonical_headers(&out, &signed_headers, h, n) == 0, "canonical headers failed");
	if (clean) {
		const char *prev = NULL;
		size_t prev_len = 0;
		for (i = 0; i < out.len;) {
			size_t eol = i, colon;
			while (eol < out.len && out.data[eol] != '\n') eol++;
			FZ_CHECK(eol < out.len, "canonical headers do not end in a newline");
			colon = i;
			while (colon < eol && out.data[colon] != ':') colon++;
			FZ_CHECK(colon < eol, "a canonical header line without ':'");
			for (k = i; k < colon; k++) {
				FZ_CHECK(!(out.data[k] >= 'A' && out.data[k] <= 'Z'), "upper case in a canonical header name");
			}
			FZ_CHECK(!pw_sigv4_is_unsignable(out.data + i, colon - i), "an unsignable header was signed");
			FZ_CHECK(prev == NULL || compare_bytes(prev, prev_len, out.data + i, colon - i) < 0,
				"canonical header names not sorted and unique");
			for (k = colon + 1; k < eol; k++) {
				/* whitespace runs become one space; values are trimmed (joined ones at the ',') */
				FZ_CHECK(!is_ws(out.data[k]) || (out.data[k] == ' ' && k > colon + 1 && k + 1 < eol && out.data[k + 1] != ' '),
					"an untrimmed canonical header value");
			}
			if (prev != NULL) pw_buf_putc(&joined, ';');
			pw_buf_put(&joined, out.data + i, colon - i);
			prev = out.data + i;
			prev_len = colon - i;
			i = eol + 1;
		}
		FZ_CHECK(same_buf(&joined, &signed_headers),
			"signed headers are not the canonical header names");
	}
	pw_buf_wipe_free(&out);
	pw_buf_wipe_free(&signed_headers);
	pw_buf_wipe_free(&joined);
}

#endif
