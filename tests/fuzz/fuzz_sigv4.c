/* Fuzzes the SigV4 canonicalizer and signer (sigv4*.c) directly and through the shipped export
 * pw_sign_request.
 *
 * Input: byte 0 flags (below), then NUL-separated fields: method, path, query, region, service,
 * secret, access key id, session token, date, body, then header names and values alternating.
 * Empty credentials, region and service get defaults unless F_KEEP_EMPTY is set.
 *
 * Invariants: signing succeeds exactly when the parameters are valid; signing the same request
 * twice (with the key opened afresh or not) gives the same canonical request and signature; the
 * signature equals an HMAC chain computed here with BearSSL directly; the string to sign ends in
 * the canonical request's hash; the canonical request is built from the step functions' results;
 * the canonical query is sorted and fully encoded; the canonical URI is encoded and, when
 * normalized, has no empty or dot segments; canonical headers are lowercase, sorted, unique,
 * trimmed and match the signed headers; pw_sign_request (key from pw_key_open, which wipes the
 * secret's buffer) succeeds exactly when the direct signing does, with the same signature,
 * canonical request, Authorization and header list. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bearssl_hash.h"
#include "bearssl_hmac.h"
#include "cJSON.h"
#include "fuzz_common.h"
#include "sigv4.h"
#include "wasm_exports.h"

#define F_NORMALIZE 1u
#define F_SIGN_BODY 2u
#define F_OMIT_TOKEN 4u
#define F_TOKEN 8u
#define F_DATE 16u       /* the date field is used (else 20150830T123600Z) */
#define F_KEEP_EMPTY 32u /* no defaults for empty credentials, region, service */
#define F_CLEAR_CACHE 64u
#define F_EXPORT 128u    /* also through pw_sign */

enum { METHOD, PATH, QUERY, REGION, SERVICE, SECRET, AKID, TOKEN, DATE, BODY, HEADERS };
#define MAX_FIELDS 64
#define MAX_HEADERS ((MAX_FIELDS - HEADERS) / 2)

static int is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
		|| c == '.' || c == '~';
}

static int is_upper_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* Only unreserved characters, %XX with upper-case hex, and '/' when slash. */
static int well_encoded(const char *s, size_t len, int slash)
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

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c != 0 ? c : alen < blen ? -1 : alen > blen;
}

static int is_signature_name(const char *s, size_t len)
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

static void check_query(const char *q, size_t qlen)
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

static void check_uri(const char *path, size_t len, int normalize)
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

static int same_buf(const pw_buf *a, const pw_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static int clean_name(const char *s, size_t len)
{
	return memchr(s, ':', len) == NULL && memchr(s, '\n', len) == NULL && memchr(s, ';', len) == NULL;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static void check_headers(const struct pw_header *h, size_t n)
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

static void hmac(unsigned char out[32], const void *key, size_t key_len, const void *data, size_t len)
{
	br_hmac_key_context kc;
	br_hmac_context cx;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&cx, &kc, 0);
	br_hmac_update(&cx, data, len);
	br_hmac_out(&cx, out);
}

/* The signature computed from the specification, without the key's derived key. */
static void reference_signature(char hex[65], const struct fz_field *secret, const struct pw_sigv4_params *p,
	const char *sts, size_t sts_len)
{
	unsigned char *first = malloc(secret->len + 4), k[32];
	int i;

	memcpy(first, "AWS4", 4);
	if (secret->len > 0) memcpy(first + 4, secret->p, secret->len);
	hmac(k, first, secret->len + 4, p->amz_date, 8);
	hmac(k, k, 32, p->region, p->region_len);
	hmac(k, k, 32, p->service, p->service_len);
	hmac(k, k, 32, "aws4_request", 12);
	hmac(k, k, 32, sts, sts_len);
	for (i = 0; i < 32; i++) {
		hex[2 * i] = "0123456789abcdef"[k[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[k[i] & 15];
	}
	hex[64] = 0;
	free(first);
}

static int valid_date(const char *d, size_t len)
{
	size_t i;

	if (len != 16) return 0;
	for (i = 0; i < 16; i++) {
		char c = d[i];
		if (i == 8 ? c != 'T' : i == 15 ? c != 'Z' : (c < '0' || c > '9')) return 0;
	}
	return 1;
}

static int all_zero(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) if (p[i] != 0) return 0;
	return 1;
}

static void put_u32(fz_buf *b, size_t v)
{
	unsigned char le[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24) };

	fz_buf_put(b, le, 4);
}

/* pw_sign_request (the shipped export behind signRequest) with the same request, its secret
 * opened with pw_key_open; compares with the direct signing. */
static void check_export(const struct fz_field *f, size_t n, unsigned flags, int direct_ok,
	const struct pw_sigv4_result *direct)
{
	struct fz_field a[PW_PACKED_SIGN_REQUEST_COUNT];
	fz_buf packed = { 0 }, headers = { 0 };
	char *secret = fz_dup(f[SECRET].p, f[SECRET].len);
	uint32_t key = f[SECRET].len > 0 ? pw_key_open(secret, f[SECRET].len) : 0;
	struct pw_result *r;
	int lossless = 1;
	size_t i;

	FZ_CHECK(all_zero(secret, f[SECRET].len), "pw_key_open left the secret in its buffer");
	a[PW_PACKED_SIGN_REQUEST_METHOD] = f[METHOD];
	a[PW_PACKED_SIGN_REQUEST_PATH] = f[PATH];
	a[PW_PACKED_SIGN_REQUEST_QUERY] = f[QUERY];
	a[PW_PACKED_SIGN_REQUEST_ACCESS_KEY_ID] = f[AKID];
	a[PW_PACKED_SIGN_REQUEST_SESSION_TOKEN] = (flags & F_TOKEN) ? f[TOKEN] : (struct fz_field){ "", 0 };
	a[PW_PACKED_SIGN_REQUEST_REGION] = f[REGION];
	a[PW_PACKED_SIGN_REQUEST_SERVICE] = f[SERVICE];
	a[PW_PACKED_SIGN_REQUEST_DATE] = f[DATE];
	fz_pack(&packed, a, PW_PACKED_SIGN_REQUEST_COUNT);
	for (i = HEADERS; i + 1 < n; i += 2) {
		put_u32(&headers, f[i].len);
		put_u32(&headers, f[i + 1].len);
		fz_buf_put(&headers, f[i].p, f[i].len);
		fz_buf_put(&headers, f[i + 1].p, f[i + 1].len);
		lossless &= memchr(f[i].p, 0, f[i].len) == NULL && memchr(f[i + 1].p, 0, f[i + 1].len) == NULL;
	}
	r = pw_sign_request(key, packed.data, packed.len, headers.data, headers.len, (const unsigned char *)f[BODY].p,
		f[BODY].len, (flags & F_NORMALIZE ? PW_SIGN_NORMALIZE_PATH : 0) | (flags & F_SIGN_BODY ? PW_SIGN_SIGN_BODY : 0)
		| (flags & F_OMIT_TOKEN ? PW_SIGN_OMIT_TOKEN : 0) | PW_SIGN_CANONICAL);
	FZ_CHECK(r != NULL, "pw_sign_request returned NULL");
	FZ_CHECK(direct_ok == (r->status == PW_OK), "pw_sign_request and pw_sigv4_sign disagree on success");
	if (r->status != PW_OK) {
		FZ_CHECK(fz_field_is(r, PW_ERROR_NAME, "SigningError") && r->f[PW_ERROR_MESSAGE].len > 0, "refused without a SigningError");
	} else {
		cJSON *list = fz_field_json(r, PW_SIGN_HEADERS, "pw_sign_request"), *h;
		size_t k = 0;
		FZ_CHECK(r->f[PW_SIGN_SIGNATURE].len == 64 && memcmp(r->f[PW_SIGN_SIGNATURE].data, direct->signature, 64) == 0,
			"pw_sign_request gives another signature");
		FZ_CHECK(r->f[PW_SIGN_CANONICAL_REQUEST].len == direct->canonical_request.len
			&& memcmp(r->f[PW_SIGN_CANONICAL_REQUEST].data, direct->canonical_request.data, direct->canonical_request.len) == 0,
			"pw_sign_request gives another canonical request");
		FZ_CHECK(r->f[PW_SIGN_AUTHORIZATION].len == direct->authorization.len
			&& memcmp(r->f[PW_SIGN_AUTHORIZATION].data, direct->authorization.data, direct->authorization.len) == 0,
			"pw_sign_request gives another Authorization");
		FZ_CHECK(cJSON_GetArraySize(list) == (int)direct->n_header_list, "pw_sign_request lists other headers");
		cJSON_ArrayForEach(h, list) {
			const cJSON *name = cJSON_GetArrayItem(h, 0), *value = cJSON_GetArrayItem(h, 1);
			const struct pw_header *d = &direct->header_list[k++];
			FZ_CHECK(cJSON_GetArraySize(h) == 2 && cJSON_IsString(name) && cJSON_IsString(value), "a header is not [name, value]");
			if (lossless) {
				FZ_CHECK(strlen(name->valuestring) == d->name_len && memcmp(name->valuestring, d->name, d->name_len) == 0
					&& strlen(value->valuestring) == d->value_len && (d->value_len == 0 || memcmp(value->valuestring, d->value, d->value_len) == 0),
					"header %zu differs", k);
			}
		}
		cJSON_Delete(list);
	}
	pw_done(packed.len + headers.len);
	pw_key_close(key);
	free(secret);
	fz_buf_free(&packed);
	fz_buf_free(&headers);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_field f[MAX_FIELDS];
	struct pw_header headers[MAX_HEADERS];
	struct pw_sigv4_request req;
	struct pw_sigv4_params p;
	struct pw_sigv4_result r1, r2;
	struct pw_sigv4_key key;
	unsigned flags;
	size_t n, i, nh = 0;
	int valid, rc1, rc2;

	if (size < 1) return 0;
	flags = data[0];
	n = fz_split(data + 1, size - 1, f, MAX_FIELDS);
	for (i = n; i < HEADERS; i++) {
		f[i].p = "";
		f[i].len = 0;
	}
	if (!(flags & F_KEEP_EMPTY)) {
		if (f[REGION].len == 0) { f[REGION].p = "us-east-1"; f[REGION].len = 9; }
		if (f[SERVICE].len == 0) { f[SERVICE].p = "service"; f[SERVICE].len = 7; }
		if (f[SECRET].len == 0) { f[SECRET].p = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"; f[SECRET].len = 40; }
		if (f[AKID].len == 0) { f[AKID].p = "AKIDEXAMPLE"; f[AKID].len = 11; }
	}
	if (!(flags & F_DATE)) { f[DATE].p = "20150830T123600Z"; f[DATE].len = 16; }
	for (i = HEADERS; i + 1 < n; i += 2) {
		headers[nh].name = f[i].p;
		headers[nh].name_len = f[i].len;
		headers[nh].value = f[i + 1].p;
		headers[nh++].value_len = f[i + 1].len;
	}

	/* the steps on their own */
	check_query(f[QUERY].p, f[QUERY].len);
	check_uri(f[PATH].p, f[PATH].len, (flags & F_NORMALIZE) != 0);
	check_headers(headers, nh);

	/* the whole signing, twice */
	req.method = f[METHOD].p;
	req.method_len = f[METHOD].len;
	req.path = f[PATH].p;
	req.path_len = f[PATH].len;
	req.query = f[QUERY].p;
	req.query_len = f[QUERY].len;
	req.headers = headers;
	req.n_headers = nh;
	req.body = (const uint8_t *)f[BODY].p;
	req.body_len = f[BODY].len;
	req.payload_hash = NULL;
	memset(&p, 0, sizeof p);
	p.access_key_id = f[AKID].p;
	p.access_key_id_len = f[AKID].len;
	pw_sigv4_key_init(&key, f[SECRET].p, f[SECRET].len);
	p.key = f[SECRET].len > 0 ? &key : NULL;
	p.session_token = (flags & F_TOKEN) ? f[TOKEN].p : NULL;
	p.session_token_len = (flags & F_TOKEN) ? f[TOKEN].len : 0;
	p.region = f[REGION].p;
	p.region_len = f[REGION].len;
	p.service = f[SERVICE].p;
	p.service_len = f[SERVICE].len;
	memcpy(p.amz_date, f[DATE].p, f[DATE].len < 16 ? f[DATE].len : 16);
	p.amz_date[16] = 0;
	p.flags = (flags & F_NORMALIZE ? PW_SIGV4_NORMALIZE_PATH : 0) | (flags & F_SIGN_BODY ? PW_SIGV4_SIGN_BODY : 0)
		| (flags & F_OMIT_TOKEN ? PW_SIGV4_OMIT_TOKEN : 0);
	/* amz_date holds the field's first 16 bytes */
	valid = valid_date(p.amz_date, strlen(p.amz_date)) && f[AKID].len > 0 && f[SECRET].len > 0 && f[REGION].len > 0
		&& f[SERVICE].len > 0;

	pw_sigv4_result_init(&r1);
	pw_sigv4_result_init(&r2);
	rc1 = pw_sigv4_sign(&req, &p, &r1);
	FZ_CHECK(rc1 == (valid ? PW_OK : PW_ERROR), "pw_sigv4_sign returned %d for %s parameters", rc1, valid ? "valid" : "invalid");
	/* the key opened afresh: derived again, to the same signature */
	if (flags & F_CLEAR_CACHE) pw_sigv4_key_init(&key, f[SECRET].p, f[SECRET].len);
	rc2 = pw_sigv4_sign(&req, &p, &r2);
	FZ_CHECK(rc1 == rc2, "signing twice: %d then %d", rc1, rc2);
	if (rc1 == PW_OK) {
		pw_buf expect, cq;
		char hash[65], reference[65];
		size_t k;

		FZ_CHECK(strcmp(r1.signature, r2.signature) == 0 && same_buf(&r1.canonical_request, &r2.canonical_request)
			&& same_buf(&r1.string_to_sign, &r2.string_to_sign) && same_buf(&r1.authorization, &r2.authorization)
			&& r1.n_header_list == r2.n_header_list, "signing twice gave different results");
		reference_signature(reference, &f[SECRET], &p, r1.string_to_sign.data, r1.string_to_sign.len);
		FZ_CHECK(strcmp(reference, r1.signature) == 0, "signature %s, the HMAC chain gives %s", r1.signature, reference);

		/* string to sign: algorithm, date, scope, hash of the canonical request */
		pw_buf_init(&expect);
		pw_sigv4_sha256_hex(hash, r1.canonical_request.data, r1.canonical_request.len);
		pw_buf_puts(&expect, "AWS4-HMAC-SHA256\n");
		pw_buf_put(&expect, p.amz_date, 16);
		pw_buf_putc(&expect, '\n');
		pw_buf_put(&expect, p.amz_date, 8);
		pw_buf_putc(&expect, '/');
		pw_buf_put(&expect, p.region, p.region_len);
		pw_buf_putc(&expect, '/');
		pw_buf_put(&expect, p.service, p.service_len);
		pw_buf_puts(&expect, "/aws4_request\n");
		pw_buf_puts(&expect, hash);
		FZ_CHECK(same_buf(&expect, &r1.string_to_sign), "string to sign is not algorithm, date, scope, hash");

		/* canonical request: method, the steps' URI and query, ..., signed headers, payload hash */
		pw_buf_reset(&expect);
		pw_buf_init(&cq);
		pw_buf_put(&expect, req.method, req.method_len);
		pw_buf_putc(&expect, '\n');
		pw_sigv4_canonical_uri(&expect, req.path, req.path_len, (flags & F_NORMALIZE) != 0);
		pw_buf_putc(&expect, '\n');
		pw_sigv4_canonical_query(&expect, req.query, req.query_len);
		pw_buf_putc(&expect, '\n');
		FZ_CHECK(r1.canonical_request.len > expect.len && memcmp(r1.canonical_request.data, expect.data, expect.len) == 0,
			"canonical request does not start with method, canonical URI and query");
		pw_buf_putc(&cq, '\n');
		pw_buf_put(&cq, r1.signed_headers.data, r1.signed_headers.len);
		pw_buf_putc(&cq, '\n');
		pw_buf_put(&cq, r1.payload_hash, r1.payload_hash_len);
		FZ_CHECK(r1.canonical_request.len >= cq.len && memcmp(r1.canonical_request.data + r1.canonical_request.len - cq.len,
			cq.data, cq.len) == 0, "canonical request does not end with signed headers and payload hash");
		pw_buf_wipe_free(&expect);
		pw_buf_wipe_free(&cq);

		/* the headers to send: X-Amz-Date among them, Authorization last */
		FZ_CHECK(r1.n_header_list >= 2 && strcmp(r1.header_list[r1.n_header_list - 1].name, "Authorization") == 0,
			"Authorization is not the last header");
		for (k = 0; k < r1.n_header_list; k++) {
			if (strcmp(r1.header_list[k].name, "X-Amz-Date") == 0) break;
		}
		FZ_CHECK(k < r1.n_header_list, "no X-Amz-Date header");
		for (k = 0; k < 64; k++) {
			FZ_CHECK((r1.signature[k] >= '0' && r1.signature[k] <= '9') || (r1.signature[k] >= 'a' && r1.signature[k] <= 'f'),
				"signature is not lower-case hex");
		}
	}
	/* pw_sign_request takes the whole date string, which must be exactly 16 bytes */
	if (flags & F_EXPORT) check_export(f, n > HEADERS ? n : HEADERS, flags, rc1 == PW_OK && f[DATE].len == 16, &r1);
	pw_sigv4_result_free(&r1);
	pw_sigv4_result_free(&r2);
	pw_wipe(&key, sizeof key);
	return 0;
}
