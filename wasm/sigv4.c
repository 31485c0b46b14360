/* SigV4 signing, the whole of it (sigv4.h); the steps are in sigv4_canonical.c and sigv4_key.c.
 * Hashing and HMAC come from BearSSL. */
#include "sigv4.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

static const char ALGORITHM[] = PW_SIGV4_ALGORITHM;

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

/* name: a string literal (its length known when compiled). */
#define ADD_HEADER(r, name, value, value_len) add_header((r), (name), sizeof(name) - 1, (value), (value_len))

static void add_header(struct pw_sigv4_result *r, const char *name, size_t name_len, const char *value,
	size_t value_len)
{
	struct pw_header *h = &r->header_list[r->n_header_list++];

	h->name = name;
	h->name_len = name_len;
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

/* The headers to sign: the caller's, less those signing sets itself (they are replaced, as the AWS
 * SDKs replace them), then X-Amz-Date, X-Amz-Security-Token (unless added unsigned, later) and
 * X-Amz-Content-Sha256 (SIGN_BODY); the payload hash chosen. Returns how many are signed. */
static size_t signed_header_list(const struct pw_sigv4_request *req, const struct pw_sigv4_params *p,
	int has_token, struct pw_sigv4_result *r)
{
	const char *content_sha = NULL;
	size_t k, content_sha_len = 0;

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
	ADD_HEADER(r, "X-Amz-Date", p->amz_date, 16);
	if (has_token && !(p->flags & PW_SIGV4_OMIT_TOKEN)) {
		ADD_HEADER(r, "X-Amz-Security-Token", p->session_token, p->session_token_len);
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
		if (p->flags & PW_SIGV4_SIGN_BODY) ADD_HEADER(r, "X-Amz-Content-Sha256", r->payload_hash, 64);
	}
	return r->n_header_list;
}

static pw_status canonical_request(const struct pw_sigv4_request *req, const struct pw_sigv4_params *p,
	size_t n_signed, struct pw_sigv4_result *r)
{
	pw_buf *c = &r->canonical_request;

	pw_buf_put(c, req->method, req->method_len);
	pw_buf_putc(c, '\n');
	pw_sigv4_canonical_uri(c, req->path, req->path_len, p->flags & PW_SIGV4_NORMALIZE_PATH);
	pw_buf_putc(c, '\n');
	pw_sigv4_canonical_query(c, req->query, req->query_len);
	pw_buf_putc(c, '\n');
	if (pw_sigv4_canonical_headers(c, &r->signed_headers, r->header_list, n_signed) != PW_OK) return PW_NOMEM;
	pw_buf_putc(c, '\n');
	pw_buf_put(c, r->signed_headers.data, r->signed_headers.len);
	pw_buf_putc(c, '\n');
	pw_buf_put(c, r->payload_hash, r->payload_hash_len);
	return pw_buf_status(c);
}

static void credential_scope(pw_buf *scope, const struct pw_sigv4_params *p)
{
	pw_buf_put(scope, p->amz_date, 8);
	pw_buf_putc(scope, '/');
	pw_buf_put(scope, p->region, p->region_len);
	pw_buf_putc(scope, '/');
	pw_buf_put(scope, p->service, p->service_len);
	pw_buf_puts(scope, "/aws4_request");
}

static pw_status authorization(pw_buf *a, const struct pw_sigv4_params *p, const pw_buf *scope,
	const struct pw_sigv4_result *r)
{
	pw_buf_puts(a, ALGORITHM);
	pw_buf_puts(a, " Credential=");
	pw_buf_put(a, p->access_key_id, p->access_key_id_len);
	pw_buf_putc(a, '/');
	pw_buf_put(a, scope->data, scope->len);
	pw_buf_puts(a, ", SignedHeaders=");
	pw_buf_put(a, r->signed_headers.data, r->signed_headers.len);
	pw_buf_puts(a, ", Signature=");
	pw_buf_put(a, r->signature, 64);
	return pw_buf_status(a);
}

pw_status pw_sigv4_sign(const struct pw_sigv4_request *req, const struct pw_sigv4_params *p,
	struct pw_sigv4_result *r)
{
	pw_buf scope;
	size_t n_signed;
	int has_token = p->session_token != NULL && p->session_token_len > 0;
	pw_status s = PW_NOMEM;

	if (!valid_amz_date(p->amz_date) || p->access_key_id_len == 0 || p->key == NULL
		|| p->region_len == 0 || p->service_len == 0 || (req->body == NULL && req->body_len > 0)) {
		return PW_ERROR;
	}
	pw_buf_init(&scope);
	r->header_list = pw_malloc_array(req->n_headers + 5, sizeof *r->header_list);
	if (r->header_list == NULL) goto done;
	reserve_buffers(&scope, req, p, r);
	n_signed = signed_header_list(req, p, has_token, r);
	if (canonical_request(req, p, n_signed, r) != PW_OK) goto done;
	credential_scope(&scope, p);
	if (scope.failed) goto done;
	pw_sigv4_string_to_sign(&r->string_to_sign, p->amz_date, scope.data, scope.len,
		r->canonical_request.data, r->canonical_request.len);
	if (r->string_to_sign.failed) goto done;
	pw_sigv4_signature(r->signature, p, r->string_to_sign.data, r->string_to_sign.len);
	if (authorization(&r->authorization, p, &scope, r) != PW_OK) goto done;
	if (has_token && (p->flags & PW_SIGV4_OMIT_TOKEN)) {
		ADD_HEADER(r, "X-Amz-Security-Token", p->session_token, p->session_token_len);
	}
	ADD_HEADER(r, "Authorization", r->authorization.data, r->authorization.len);
	s = PW_OK;
done:
	pw_buf_wipe_free(&scope);
	return s;
}
