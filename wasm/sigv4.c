/* SigV4 signing; see sigv4.h. Hashing and HMAC come from BearSSL (bearssl_hash.h,
 * bearssl_hmac.h). */
#include "sigv4.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "bearssl_hash.h"
#include "bearssl_hmac.h"
#include "sort.h"

static const char ALGORITHM[] = "AWS4-HMAC-SHA256";

void pw_sigv4_result_init(struct pw_sigv4_result *r)
{
	pw_buf_init(&r->canonical_request);
	pw_buf_init(&r->string_to_sign);
	pw_buf_init(&r->signed_headers);
	pw_buf_init(&r->authorization);
	r->payload_hash[0] = 0;
	r->payload_hash_len = 0;
	r->signature[0] = 0;
	r->header_list = NULL;
	r->n_header_list = 0;
}

void pw_sigv4_result_free(struct pw_sigv4_result *r)
{
	pw_buf_wipe_free(&r->canonical_request);
	pw_buf_wipe_free(&r->string_to_sign);
	pw_buf_wipe_free(&r->signed_headers);
	pw_buf_wipe_free(&r->authorization);
	free(r->header_list);
	pw_sigv4_result_init(r);
}

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

int pw_sigv4_canonical_headers(pw_buf *out, pw_buf *signed_headers, const struct pw_header *headers,
	size_t n)
{
	size_t *order, k, m = 0;

	order = pw_malloc_array(n + 1, sizeof *order);
	if (order == NULL) return -1;
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
	return out->failed || signed_headers->failed ? -1 : 0;
}

/* ---- string to sign, signing key, signature ------------------------------------------------- */

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

/* The derived key is kept only as BearSSL's HMAC key context (the hash states after the padded
 * key blocks), keyed by day, region, service and a SHA-256 fingerprint of the secret; the
 * secret itself is never stored. Entries from another day are wiped on the next signing. */
#define KEY_CACHE_SIZE 4
#define KEY_CACHE_FIELD 64

struct cached_key {
	int used;
	char day[8];
	char region[KEY_CACHE_FIELD];
	size_t region_len;
	char service[KEY_CACHE_FIELD];
	size_t service_len;
	unsigned char secret_fingerprint[32];
	br_hmac_key_context key;
};

static struct cached_key key_cache[KEY_CACHE_SIZE];
static unsigned key_cache_next;
static unsigned long key_derivations;

unsigned long pw_sigv4_key_derivations(void)
{
	return key_derivations;
}

void pw_sigv4_clear_key_cache(void)
{
	pw_wipe(key_cache, sizeof key_cache);
	key_cache_next = 0;
}

static void hmac(unsigned char out[32], const br_hmac_key_context *kc, const void *data, size_t len)
{
	br_hmac_context cx;

	br_hmac_init(&cx, kc, 0);
	br_hmac_update(&cx, data, len);
	br_hmac_out(&cx, out);
	pw_wipe(&cx, sizeof cx);
}

/* The HMAC state keyed with "AWS4" + secret. HMAC keys longer than a block are hashed first;
 * done here so "AWS4" + secret need not be copied whole. */
static void key_secret(br_hmac_key_context *out, const char *secret, size_t secret_len)
{
	br_sha256_context sc;
	unsigned char first[64 + 4];
	size_t first_len = secret_len + 4;

	if (first_len > 64) {
		br_sha256_init(&sc);
		br_sha256_update(&sc, "AWS4", 4);
		br_sha256_update(&sc, secret, secret_len);
		br_sha256_out(&sc, first);
		first_len = 32;
		pw_wipe(&sc, sizeof sc);
	} else {
		memcpy(first, "AWS4", 4);
		memcpy(first + 4, secret, secret_len);
	}
	br_hmac_key_init(out, &br_sha256_vtable, first, first_len);
	pw_wipe(first, sizeof first);
}

/* kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request") */
static void derive_from(br_hmac_key_context *out, const br_hmac_key_context *secret, const struct pw_sigv4_params *p)
{
	unsigned char k[32];
	br_hmac_key_context kc;

	hmac(k, secret, p->amz_date, 8);
	br_hmac_key_init(&kc, &br_sha256_vtable, k, 32);
	hmac(k, &kc, p->region, p->region_len);
	br_hmac_key_init(&kc, &br_sha256_vtable, k, 32);
	hmac(k, &kc, p->service, p->service_len);
	br_hmac_key_init(&kc, &br_sha256_vtable, k, 32);
	hmac(k, &kc, "aws4_request", 12);
	br_hmac_key_init(out, &br_sha256_vtable, k, 32);
	key_derivations++;
	pw_wipe(k, sizeof k);
	pw_wipe(&kc, sizeof kc);
}

static void derive_key(br_hmac_key_context *out, const struct pw_sigv4_params *p)
{
	br_hmac_key_context secret;

	key_secret(&secret, p->secret, p->secret_len);
	derive_from(out, &secret, p);
	pw_wipe(&secret, sizeof secret);
}

void pw_sigv4_key_init(struct pw_sigv4_key *k, const char *secret, size_t secret_len)
{
	pw_wipe(k, sizeof *k);
	key_secret(&k->secret, secret, secret_len);
	k->used = 1;
	pw_scrub_stack();
}

/* A handle's key for this day, region and service: derived again only when one of them changed
 * (a new day wipes the old day's key first). */
static const br_hmac_key_context *handle_key(struct pw_sigv4_key *k, const struct pw_sigv4_params *p,
	br_hmac_key_context *scratch)
{
	if (k->have_signing && memcmp(k->day, p->amz_date, 8) == 0 && k->region_len == p->region_len
		&& k->service_len == p->service_len && memcmp(k->region, p->region, p->region_len) == 0
		&& memcmp(k->service, p->service, p->service_len) == 0) {
		return &k->signing;
	}
	pw_wipe(&k->signing, sizeof k->signing);
	k->have_signing = 0;
	if (p->region_len >= sizeof k->region || p->service_len >= sizeof k->service) {
		derive_from(scratch, &k->secret, p);
		return scratch;
	}
	derive_from(&k->signing, &k->secret, p);
	memcpy(k->day, p->amz_date, 8);
	memcpy(k->region, p->region, p->region_len);
	k->region_len = p->region_len;
	memcpy(k->service, p->service, p->service_len);
	k->service_len = p->service_len;
	k->have_signing = 1;
	return &k->signing;
}

static const br_hmac_key_context *signing_key(const struct pw_sigv4_params *p, br_hmac_key_context *scratch)
{
	unsigned char fingerprint[32];
	br_sha256_context sc;
	struct cached_key *slot;
	unsigned i;

	if (p->key != NULL) return handle_key(p->key, p, scratch);
	for (i = 0; i < KEY_CACHE_SIZE; i++) {
		if (key_cache[i].used && memcmp(key_cache[i].day, p->amz_date, 8) != 0) {
			pw_wipe(&key_cache[i], sizeof key_cache[i]);
		}
	}
	if (p->region_len >= KEY_CACHE_FIELD || p->service_len >= KEY_CACHE_FIELD) {
		derive_key(scratch, p);
		return scratch;
	}
	br_sha256_init(&sc);
	br_sha256_update(&sc, p->secret, p->secret_len);
	br_sha256_out(&sc, fingerprint);
	pw_wipe(&sc, sizeof sc);
	for (i = 0; i < KEY_CACHE_SIZE; i++) {
		slot = &key_cache[i];
		if (slot->used && slot->region_len == p->region_len && slot->service_len == p->service_len
			&& memcmp(slot->region, p->region, p->region_len) == 0
			&& memcmp(slot->service, p->service, p->service_len) == 0
			&& memcmp(slot->secret_fingerprint, fingerprint, 32) == 0) {
			return &slot->key;
		}
	}
	slot = &key_cache[key_cache_next];
	key_cache_next = (key_cache_next + 1) % KEY_CACHE_SIZE;
	pw_wipe(slot, sizeof *slot);
	derive_key(&slot->key, p);
	memcpy(slot->day, p->amz_date, 8);
	memcpy(slot->region, p->region, p->region_len);
	slot->region_len = p->region_len;
	memcpy(slot->service, p->service, p->service_len);
	slot->service_len = p->service_len;
	memcpy(slot->secret_fingerprint, fingerprint, 32);
	slot->used = 1;
	return &slot->key;
}

void pw_sigv4_signature(char out[65], const struct pw_sigv4_params *params, const char *string_to_sign,
	size_t len)
{
	static const char digits[] = PW_HEX_DIGITS;
	br_hmac_key_context scratch;
	unsigned char mac[32];
	int i;

	hmac(mac, signing_key(params, &scratch), string_to_sign, len);
	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[mac[i] >> 4];
		out[2 * i + 1] = digits[mac[i] & 15];
	}
	out[64] = 0;
	pw_wipe(mac, sizeof mac);
	pw_wipe(&scratch, sizeof scratch);
	/* BearSSL left the derived keys (br_hmac_out's output, process_key's key blocks) and the
	 * hash states of "AWS4" + secret and of kSigning in its stack temporaries. */
	pw_scrub_stack();
}

/* ---- the whole signing ---------------------------------------------------------------------- */

static int valid_amz_date(const char *d)
{
	int i;

	for (i = 0; i < 16; i++) {
		char c = d[i];
		if (i == 8 ? c != 'T' : i == 15 ? c != 'Z' : (c < '0' || c > '9')) return 0;
	}
	return d[16] == 0;
}

static void add_header(struct pw_sigv4_result *r, const char *name, const char *value, size_t value_len)
{
	struct pw_header *h = &r->header_list[r->n_header_list++];

	h->name = name;
	h->name_len = strlen(name);
	h->value = value;
	h->value_len = value_len;
}

/* Each buffer of a signing reserved once, at about its final size, rather than grown (each growth
 * a copy and a wipe). The request's parts all came from one block under 2 GiB, so no sum wraps. */
static void reserve_buffers(pw_buf *scope, const struct pw_sigv4_request *req, const struct pw_sigv4_params *p,
	struct pw_sigv4_result *r)
{
	size_t names = 0, values = 0, k;

	for (k = 0; k < req->n_headers; k++) {
		names += req->headers[k].name_len + 1;
		values += req->headers[k].value_len + 2;
	}
	names += sizeof "x-amz-content-sha256;x-amz-date;x-amz-security-token";
	values += p->session_token_len + 64 + 16 + 64;
	pw_buf_reserve(scope, 8 + p->region_len + p->service_len + sizeof "//aws4_request");
	pw_buf_reserve(&r->signed_headers, names);
	pw_buf_reserve(&r->canonical_request, req->method_len + req->path_len + req->query_len + names * 2 + values + 8);
	pw_buf_reserve(&r->string_to_sign, sizeof ALGORITHM + 18 + scope->cap + 65);
	pw_buf_reserve(&r->authorization, sizeof ALGORITHM + sizeof " Credential=/, SignedHeaders=, Signature="
		+ p->access_key_id_len + scope->cap + names + 64);
}

int pw_sigv4_sign(const struct pw_sigv4_request *req, const struct pw_sigv4_params *p,
	struct pw_sigv4_result *r)
{
	pw_buf scope;
	const char *content_sha = NULL;
	size_t k, n_signed, content_sha_len = 0;
	int has_token = p->session_token != NULL && p->session_token_len > 0;

	pw_buf_init(&scope);
	if (!valid_amz_date(p->amz_date) || p->access_key_id_len == 0 || (p->key == NULL && p->secret_len == 0)
		|| p->region_len == 0 || p->service_len == 0 || (req->body == NULL && req->body_len > 0)) {
		goto fail;
	}
	r->header_list = pw_malloc_array(req->n_headers + 5, sizeof *r->header_list);
	if (r->header_list == NULL) goto fail;
	reserve_buffers(&scope, req, p, r);

	/* The headers signing sets itself replace any the caller gave (as the AWS SDKs do). */
	for (k = 0; k < req->n_headers; k++) {
		const struct pw_header *h = &req->headers[k];
		if (pw_ascii_eq_lower_str(h->name, h->name_len, "authorization")
			|| pw_ascii_eq_lower_str(h->name, h->name_len, "x-amz-date")
			|| pw_ascii_eq_lower_str(h->name, h->name_len, "date")
			|| (has_token && pw_ascii_eq_lower_str(h->name, h->name_len, "x-amz-security-token"))) {
			continue;
		}
		if (pw_ascii_eq_lower_str(h->name, h->name_len, "x-amz-content-sha256")) {
			content_sha = h->value;
			content_sha_len = h->value_len;
		}
		r->header_list[r->n_header_list++] = *h;
	}
	add_header(r, "X-Amz-Date", p->amz_date, 16);
	if (has_token && !(p->flags & PW_SIGV4_OMIT_TOKEN)) {
		add_header(r, "X-Amz-Security-Token", p->session_token, p->session_token_len);
	}
	/* A caller-provided x-amz-content-sha256 (UNSIGNED-PAYLOAD, say) is the payload hash. */
	if (content_sha != NULL && content_sha_len < sizeof r->payload_hash) {
		memcpy(r->payload_hash, content_sha, content_sha_len);
		r->payload_hash[content_sha_len] = 0;
		r->payload_hash_len = content_sha_len;
	} else {
		if (req->payload_hash != NULL) {
			memcpy(r->payload_hash, req->payload_hash, 64);
			r->payload_hash[64] = 0;
		} else {
			pw_sigv4_sha256_hex(r->payload_hash, req->body, req->body_len);
		}
		r->payload_hash_len = 64;
		if (p->flags & PW_SIGV4_SIGN_BODY) add_header(r, "X-Amz-Content-Sha256", r->payload_hash, 64);
	}
	n_signed = r->n_header_list;

	/* canonical request */
	pw_buf_put(&r->canonical_request, req->method, req->method_len);
	pw_buf_putc(&r->canonical_request, '\n');
	pw_sigv4_canonical_uri(&r->canonical_request, req->path, req->path_len, p->flags & PW_SIGV4_NORMALIZE_PATH);
	pw_buf_putc(&r->canonical_request, '\n');
	pw_sigv4_canonical_query(&r->canonical_request, req->query, req->query_len);
	pw_buf_putc(&r->canonical_request, '\n');
	if (pw_sigv4_canonical_headers(&r->canonical_request, &r->signed_headers, r->header_list, n_signed) != 0) {
		goto fail;
	}
	pw_buf_putc(&r->canonical_request, '\n');
	pw_buf_put(&r->canonical_request, r->signed_headers.data, r->signed_headers.len);
	pw_buf_putc(&r->canonical_request, '\n');
	pw_buf_put(&r->canonical_request, r->payload_hash, r->payload_hash_len);

	/* credential scope, string to sign, signature */
	pw_buf_put(&scope, p->amz_date, 8);
	pw_buf_putc(&scope, '/');
	pw_buf_put(&scope, p->region, p->region_len);
	pw_buf_putc(&scope, '/');
	pw_buf_put(&scope, p->service, p->service_len);
	pw_buf_puts(&scope, "/aws4_request");
	if (scope.failed || r->canonical_request.failed) goto fail;
	pw_sigv4_string_to_sign(&r->string_to_sign, p->amz_date, scope.data, scope.len,
		r->canonical_request.data, r->canonical_request.len);
	if (r->string_to_sign.failed) goto fail;
	pw_sigv4_signature(r->signature, p, r->string_to_sign.data, r->string_to_sign.len);

	/* authorization value */
	pw_buf_puts(&r->authorization, ALGORITHM);
	pw_buf_puts(&r->authorization, " Credential=");
	pw_buf_put(&r->authorization, p->access_key_id, p->access_key_id_len);
	pw_buf_putc(&r->authorization, '/');
	pw_buf_put(&r->authorization, scope.data, scope.len);
	pw_buf_puts(&r->authorization, ", SignedHeaders=");
	pw_buf_put(&r->authorization, r->signed_headers.data, r->signed_headers.len);
	pw_buf_puts(&r->authorization, ", Signature=");
	pw_buf_put(&r->authorization, r->signature, 64);
	if (r->authorization.failed) goto fail;

	if (has_token && (p->flags & PW_SIGV4_OMIT_TOKEN)) {
		add_header(r, "X-Amz-Security-Token", p->session_token, p->session_token_len);
	}
	add_header(r, "Authorization", r->authorization.data, r->authorization.len);
	pw_buf_wipe_free(&scope);
	return 0;
fail:
	pw_buf_wipe_free(&scope);
	return -1;
}
