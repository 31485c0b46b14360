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
#include "fuzz_sigv4_steps.h"
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
		fz_buf_put(&headers, f[i].p, f[i].len);
		put_u32(&headers, f[i + 1].len);
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
		cJSON *list = fz_header_list(r, "pw_sign_request"), *h;
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

/* What a successful signing must hold: the same again (r2), the specification's HMAC chain, the
 * string to sign and canonical request built from the parts and steps, the headers to send. */
/* Empty credentials, region and service get working values unless F_KEEP_EMPTY; the date is the
 * suite's unless F_DATE. */
static void defaults(struct fz_field *f, unsigned flags)
{
	if (!(flags & F_KEEP_EMPTY)) {
		if (f[REGION].len == 0) { f[REGION].p = "us-east-1"; f[REGION].len = 9; }
		if (f[SERVICE].len == 0) { f[SERVICE].p = "service"; f[SERVICE].len = 7; }
		if (f[SECRET].len == 0) { f[SECRET].p = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"; f[SECRET].len = 40; }
		if (f[AKID].len == 0) { f[AKID].p = "AKIDEXAMPLE"; f[AKID].len = 11; }
	}
	if (!(flags & F_DATE)) { f[DATE].p = "20150830T123600Z"; f[DATE].len = 16; }
}

static void check_signed(const struct pw_sigv4_request *rq, const struct pw_sigv4_params *pp, unsigned flags,
	const struct fz_field *secret, const struct pw_sigv4_result *res1, const struct pw_sigv4_result *res2)
{
	pw_buf expect, cq;
	char hash[65], reference[65];
	size_t k;

	FZ_CHECK(strcmp(res1->signature, res2->signature) == 0 && same_buf(&res1->canonical_request, &res2->canonical_request)
		&& same_buf(&res1->string_to_sign, &res2->string_to_sign) && same_buf(&res1->authorization, &res2->authorization)
		&& res1->n_header_list == res2->n_header_list, "signing twice gave different results");
	reference_signature(reference, secret, pp, res1->string_to_sign.data, res1->string_to_sign.len);
	FZ_CHECK(strcmp(reference, res1->signature) == 0, "signature %s, the HMAC chain gives %s", res1->signature, reference);

	/* string to sign: algorithm, date, scope, hash of the canonical request */
	pw_buf_init(&expect);
	pw_sigv4_sha256_hex(hash, res1->canonical_request.data, res1->canonical_request.len);
	pw_buf_puts(&expect, "AWS4-HMAC-SHA256\n");
	pw_buf_put(&expect, pp->amz_date, 16);
	pw_buf_putc(&expect, '\n');
	pw_buf_put(&expect, pp->amz_date, 8);
	pw_buf_putc(&expect, '/');
	pw_buf_put(&expect, pp->region, pp->region_len);
	pw_buf_putc(&expect, '/');
	pw_buf_put(&expect, pp->service, pp->service_len);
	pw_buf_puts(&expect, "/aws4_request\n");
	pw_buf_puts(&expect, hash);
	FZ_CHECK(same_buf(&expect, &res1->string_to_sign), "string to sign is not algorithm, date, scope, hash");

	/* canonical request: method, the steps' URI and query, ..., signed headers, payload hash */
	pw_buf_reset(&expect);
	pw_buf_init(&cq);
	pw_buf_put(&expect, rq->method, rq->method_len);
	pw_buf_putc(&expect, '\n');
	pw_sigv4_canonical_uri(&expect, rq->path, rq->path_len, (flags & F_NORMALIZE) != 0);
	pw_buf_putc(&expect, '\n');
	pw_sigv4_canonical_query(&expect, rq->query, rq->query_len);
	pw_buf_putc(&expect, '\n');
	FZ_CHECK(res1->canonical_request.len > expect.len && memcmp(res1->canonical_request.data, expect.data, expect.len) == 0,
		"canonical request does not start with method, canonical URI and query");
	pw_buf_putc(&cq, '\n');
	pw_buf_put(&cq, res1->signed_headers.data, res1->signed_headers.len);
	pw_buf_putc(&cq, '\n');
	pw_buf_put(&cq, res1->payload_hash, res1->payload_hash_len);
	FZ_CHECK(res1->canonical_request.len >= cq.len && memcmp(res1->canonical_request.data + res1->canonical_request.len - cq.len,
		cq.data, cq.len) == 0, "canonical request does not end with signed headers and payload hash");
	pw_buf_wipe_free(&expect);
	pw_buf_wipe_free(&cq);

	/* the headers to send: X-Amz-Date among them, Authorization last */
	FZ_CHECK(res1->n_header_list >= 2 && strcmp(res1->header_list[res1->n_header_list - 1].name, "Authorization") == 0,
		"Authorization is not the last header");
	for (k = 0; k < res1->n_header_list; k++) {
		if (strcmp(res1->header_list[k].name, "X-Amz-Date") == 0) break;
	}
	FZ_CHECK(k < res1->n_header_list, "no X-Amz-Date header");
	for (k = 0; k < 64; k++) {
		FZ_CHECK((res1->signature[k] >= '0' && res1->signature[k] <= '9') || (res1->signature[k] >= 'a' && res1->signature[k] <= 'f'),
			"signature is not lower-case hex");
	}
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
	defaults(f, flags);
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
	if (rc1 == PW_OK) check_signed(&req, &p, flags, &f[SECRET], &r1, &r2);
	/* pw_sign_request takes the whole date string, which must be exactly 16 bytes */
	if (flags & F_EXPORT) check_export(f, n > HEADERS ? n : HEADERS, flags, rc1 == PW_OK && f[DATE].len == 16, &r1);
	pw_sigv4_result_free(&r1);
	pw_sigv4_result_free(&r2);
	pw_wipe(&key, sizeof key);
	return 0;
}
