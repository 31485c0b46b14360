/* pw_sign_request, the signer behind the public signRequest(), and the rendering of a signed
 * request as result fields, which pw_sign_attempt (exports_call.c) shares. */
#include <stdlib.h>
#include <string.h>

#include "export_result.h"
#include "json.h"

static uint32_t read_u32(const char *p)
{
	const unsigned char *b = (const unsigned char *)p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* The packed string at p + *at (wasm_exports.h's packed form): 0 when malformed. */
static int take_string(const char *p, size_t len, size_t *at, const char **s, size_t *n)
{
	if (len - *at < 4) return 0;
	*n = read_u32(p + *at);
	*at += 4;
	if (*n > len - *at) return 0;
	*s = p + *at;
	*at += *n;
	return 1;
}

/* Headers from their packed form (name, value, name, value...) into *out (freed by the caller):
 * PW_ERROR when malformed. */
static pw_status read_headers(const char *p, size_t len, struct pw_header **out, size_t *n_out)
{
	size_t at = 0, n = 0;
	struct pw_header h;

	*out = NULL;
	while (at < len) {
		if (!take_string(p, len, &at, &h.name, &h.name_len) || !take_string(p, len, &at, &h.value, &h.value_len)) return PW_ERROR;
		n++;
	}
	*out = pw_malloc_array(n + 1, sizeof **out);
	if (*out == NULL) return PW_NOMEM;
	for (at = 0, n = 0; at < len; n++) {
		take_string(p, len, &at, &(*out)[n].name, &(*out)[n].name_len);
		take_string(p, len, &at, &(*out)[n].value, &(*out)[n].value_len);
	}
	*n_out = n;
	return PW_OK;
}

/* s then a LF, a backslash in s written \\ and a LF \n: runs without either copied at once. */
static void put_line(pw_buf *out, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '\\' && s[i] != '\n') continue;
		pw_buf_put(out, s + run, i - run);
		pw_buf_putc(out, '\\');
		pw_buf_putc(out, s[i] == '\n' ? 'n' : '\\');
		run = i + 1;
	}
	pw_buf_put(out, s + run, len - run);
	pw_buf_putc(out, '\n');
}

/* The header list as PW_SIGN_HEADERS has it (wasm_exports.h): each name and value a line. */
static void put_header_list(pw_buf *out, const struct pw_header *h, size_t n)
{
	size_t i, size = 0;

	for (i = 0; i < n; i++) size += h[i].name_len + h[i].value_len + 2;
	pw_buf_reserve(out, size);
	for (i = 0; i < n; i++) {
		put_line(out, h[i].name, h[i].name_len);
		put_line(out, h[i].value, h[i].value_len);
	}
}

struct pw_result *pw_export_sign(const struct pw_sigv4_request *req, const struct pw_sigv4_params *p, unsigned flags)
{
	pw_buf *headers = &pw_out.buf[PW_BUF_HEADERS];
	struct pw_sigv4_result *r = &pw_out.signed_req;
	pw_status s = pw_sigv4_sign(req, p, r);

	if (s == PW_ERROR) return pw_export_fail("SigningError", PW_SIGN_FAILED);
	if (s == PW_NOMEM) return pw_export_finish(s);

	put_header_list(headers, r->header_list, r->n_header_list);
	pw_export_set_buf(PW_SIGN_HEADERS, headers);
	pw_export_set_buf(PW_SIGN_AUTHORIZATION, &r->authorization);
	pw_export_set(PW_SIGN_SIGNATURE, r->signature, 64);
	if (flags & PW_SIGN_CANONICAL) {
		pw_export_set_buf(PW_SIGN_CANONICAL_REQUEST, &r->canonical_request);
		pw_export_set_buf(PW_SIGN_STRING_TO_SIGN, &r->string_to_sign);
	}
	return pw_export_finish(PW_OK);
}

#define SIGNING_ERROR(message) pw_export_fail("SigningError", (message))
#define MALFORMED "request needs method and path strings, and headers as [[name, value]...]"

/* The parameters from packed.signRequest's strings: NULL, or why they can't sign. */
static const char *request_params(const struct pw_field *a, struct pw_sigv4_key *key, struct pw_sigv4_params *p,
	struct pw_sigv4_request *req)
{
	memset(p, 0, sizeof *p);
	p->key = key;
	p->access_key_id = a[PW_PACKED_SIGN_REQUEST_ACCESS_KEY_ID].data;
	p->access_key_id_len = a[PW_PACKED_SIGN_REQUEST_ACCESS_KEY_ID].len;
	if (a[PW_PACKED_SIGN_REQUEST_SESSION_TOKEN].len > 0) {
		p->session_token = a[PW_PACKED_SIGN_REQUEST_SESSION_TOKEN].data;
		p->session_token_len = a[PW_PACKED_SIGN_REQUEST_SESSION_TOKEN].len;
	}
	p->region = a[PW_PACKED_SIGN_REQUEST_REGION].data;
	p->region_len = a[PW_PACKED_SIGN_REQUEST_REGION].len;
	p->service = a[PW_PACKED_SIGN_REQUEST_SERVICE].data;
	p->service_len = a[PW_PACKED_SIGN_REQUEST_SERVICE].len;
	if (p->access_key_id_len == 0 || p->key == NULL) return PW_MISSING_CREDENTIALS;
	if (p->region_len == 0) return PW_MISSING_REGION;
	if (p->service_len == 0) return "Missing service: the signing name is required";
	if (a[PW_PACKED_SIGN_REQUEST_DATE].len != 16) return PW_INVALID_DATE;
	memcpy(p->amz_date, a[PW_PACKED_SIGN_REQUEST_DATE].data, 16);
	p->amz_date[16] = 0;
	req->method = a[PW_PACKED_SIGN_REQUEST_METHOD].data;
	req->method_len = a[PW_PACKED_SIGN_REQUEST_METHOD].len;
	req->path = a[PW_PACKED_SIGN_REQUEST_PATH].data;
	req->path_len = a[PW_PACKED_SIGN_REQUEST_PATH].len;
	req->query = a[PW_PACKED_SIGN_REQUEST_QUERY].data;
	req->query_len = a[PW_PACKED_SIGN_REQUEST_QUERY].len;
	return NULL;
}

struct pw_result *pw_sign_request(uint32_t key, const char *packed, size_t packed_len,
	const char *headers, size_t headers_len, const unsigned char *body, size_t body_len, unsigned flags)
{
	struct pw_field a[PW_PACKED_SIGN_REQUEST_COUNT];
	struct pw_sigv4_params p;
	struct pw_sigv4_request req;
	struct pw_header *list = NULL;
	struct pw_sigv4_key *k = pw_key_of(key);
	const char *refused;
	struct pw_result *r;
	size_t n = 0;
	pw_status s;

	pw_export_begin();
	if (key != 0 && k == NULL) return pw_export_fail("KeyHandleError", PW_KEY_HANDLE_MESSAGE);
	if (pw_read_packed(packed, packed_len, a, PW_PACKED_SIGN_REQUEST_COUNT) != PW_OK) return SIGNING_ERROR(MALFORMED);
	memset(&req, 0, sizeof req);
	if ((refused = request_params(a, k, &p, &req)) != NULL) return SIGNING_ERROR(refused);
	p.flags = flags & (PW_SIGV4_NORMALIZE_PATH | PW_SIGV4_SIGN_BODY | PW_SIGV4_OMIT_TOKEN);
	if ((s = read_headers(headers, headers != NULL ? headers_len : 0, &list, &n)) != PW_OK) {
		return s == PW_NOMEM ? pw_export_finish(s) : SIGNING_ERROR(MALFORMED);
	}
	req.headers = list;
	req.n_headers = n;
	req.body = body;
	req.body_len = body != NULL ? body_len : 0;
	r = pw_export_sign(&req, &p, flags);
	free(list); /* the signed header list points into the block, not into list */
	return r;
}
