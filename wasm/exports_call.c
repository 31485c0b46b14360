/* Calls (wasm_exports.h): one service call prepared once and kept in C under a handle (a slot
 * of a handle table, export_result.h), signed once per attempt, its responses examined, until
 * pw_call_end. */
#include <string.h>

#include "endpoint.h"
#include "export_result.h"
#include "json.h"
#include "operations.h"
#include "request.h"

#define CALL_HANDLE_MESSAGE "The call handle is unknown or its call ended"

struct call {
	struct pw_slot slot;
	const struct pw_operation *op;
	struct pw_prepared prepared;
	pw_buf region;             /* lower-cased, for the signing scope */
	char payload_hash[65];     /* the body's SHA-256, hex: each attempt signs it */
	uint32_t key;              /* the key handle it last signed with (pinned), or 0 */
};

static struct call calls[PW_CALL_SLOTS];

static struct call *call_of(uint32_t handle)
{
	return pw_slot_of(calls, sizeof calls[0], PW_CALL_SLOTS, handle);
}

/* A free slot, taken (its region buffer empty: the slot is wiped), or NULL. */
static struct call *take_slot(void)
{
	unsigned slot;

	for (slot = 0; slot < PW_CALL_SLOTS; slot++) {
		struct call *c = &calls[slot];
		if (c->slot.used) continue;
		pw_slot_take(&c->slot, sizeof *c, slot);
		pw_prepared_init(&c->prepared);
		return c;
	}
	return NULL;
}

void pw_call_end(uint32_t handle)
{
	struct call *c = call_of(handle);

	if (c == NULL) return;
	pw_key_unpin(c->key);
	pw_prepared_free(&c->prepared);
	pw_buf_wipe_free(&c->region);
	pw_slot_free(&c->slot, sizeof *c);
}

static struct pw_result *prepared_result(struct call *c, const struct pw_endpoint_config *ec)
{
	const struct pw_prepared *p = &c->prepared;

	pw_buf_put(&c->region, ec->region, ec->region_len);
	pw_sigv4_sha256_hex(c->payload_hash, p->body.data != NULL ? p->body.data : "", p->body.len);
	pw_out.result.handle = c->slot.handle;
	pw_export_set_buf(PW_PREPARE_URL, &p->url);
	pw_export_set_buf(PW_PREPARE_BODY, &p->body);
	pw_export_set_buf(PW_PREPARE_EVENT_IDS, &p->event_ids);
	return pw_export_finish(pw_buf_status(&c->region));
}

struct pw_result *pw_prepare_request(const char *op_name, size_t op_len, char *input, size_t input_len,
	char *region, size_t region_len, const char *endpoint, size_t endpoint_len, unsigned flags)
{
	const struct pw_operation *op;
	struct pw_endpoint_config ec;
	struct pw_error e;
	struct pw_result *r;
	struct call *c;
	cJSON *in;
	pw_status s;

	pw_export_begin();
	op = op_name != NULL ? pw_find_operation(op_name, op_len) : NULL;
	if (op == NULL) return pw_export_fail("ConfigurationError", "Unknown operation");
	if ((c = take_slot()) == NULL) {
		return pw_export_fail("TooManyCallsError", "Too many calls in flight");
	}
	c->op = op;
	pw_endpoint_config_from(&ec, region, region_len, endpoint, endpoint_len, flags);
	in = pw_json_parse_input(input, input_len);
	s = pw_prepare(op, in, &ec, &c->prepared, &e);
	pw_json_delete_wiped(in);
	if (s == PW_OK) r = prepared_result(c, &ec);
	else if (s == PW_ERROR && c->prepared.errors.count > 0) r = pw_export_invalid(&c->prepared.errors);
	else if (s == PW_ERROR) r = pw_export_fail(e.name, e.message);
	else r = pw_export_finish(s);
	if (r == NULL || r->status != PW_OK) pw_call_end(c->slot.handle); /* the result holds nothing of it */
	return r;
}

/* Why an attempt's credentials can't sign, or NULL. */
static const char *credentials_problem(const struct pw_field *akid, const struct pw_sigv4_key *key,
	const struct pw_field *token)
{
	size_t i;

	if (akid->len == 0 || key == NULL) return PW_MISSING_CREDENTIALS;
	for (i = 0; i < token->len; i++) {
		char c = token->data[i];
		if (c == '\r' || c == '\n' || c == 0) return "Invalid session token: it holds a line break or NUL";
	}
	return NULL;
}

/* The headers an attempt sends before signing adds its own, in the order the SDKs send them. */
static size_t attempt_headers(const struct call *c, const struct pw_field *invocation_id, const pw_buf *request,
	struct pw_header *h)
{
	const struct pw_prepared *p = &c->prepared;
	size_t n = 0;

	h[n++] = (struct pw_header){ "amz-sdk-invocation-id", 21, invocation_id->data, invocation_id->len };
	h[n++] = (struct pw_header){ "amz-sdk-request", 15, request->data, request->len };
	h[n++] = (struct pw_header){ "Host", 4, p->endpoint.host.data, p->endpoint.host.len };
	h[n++] = (struct pw_header){ "Content-Type", 12, p->content_type, p->content_type_len };
	if (p->target.len > 0) h[n++] = (struct pw_header){ "X-Amz-Target", 12, p->target.data, p->target.len };
	return n;
}

static struct pw_result *sign_attempt(struct call *c, struct pw_sigv4_key *key, const struct pw_field *a,
	unsigned attempt, unsigned max_attempts, unsigned flags)
{
	pw_buf *request = &pw_out.buf[PW_BUF_SCRATCH];
	struct pw_header h[5];
	struct pw_sigv4_request req;
	struct pw_sigv4_params p;

	pw_buf_puts(request, "attempt=");
	pw_buf_put_uint(request, attempt);
	pw_buf_puts(request, "; max=");
	pw_buf_put_uint(request, max_attempts);
	if (request->failed) return pw_export_finish(PW_NOMEM);
	memset(&req, 0, sizeof req);
	req.method = "POST";
	req.method_len = 4;
	req.path = c->prepared.path.data;
	req.path_len = c->prepared.path.len;
	req.query = "";
	req.headers = h;
	req.n_headers = attempt_headers(c, &a[PW_PACKED_SIGN_ATTEMPT_INVOCATION_ID], request, h);
	req.payload_hash = c->payload_hash;
	memset(&p, 0, sizeof p);
	p.access_key_id = a[PW_PACKED_SIGN_ATTEMPT_ACCESS_KEY_ID].data;
	p.access_key_id_len = a[PW_PACKED_SIGN_ATTEMPT_ACCESS_KEY_ID].len;
	p.key = key;
	if (a[PW_PACKED_SIGN_ATTEMPT_SESSION_TOKEN].len > 0) {
		p.session_token = a[PW_PACKED_SIGN_ATTEMPT_SESSION_TOKEN].data;
		p.session_token_len = a[PW_PACKED_SIGN_ATTEMPT_SESSION_TOKEN].len;
	}
	p.region = c->region.data;
	p.region_len = c->region.len;
	p.service = PW_SIGNING_NAME;
	p.service_len = sizeof PW_SIGNING_NAME - 1;
	memcpy(p.amz_date, a[PW_PACKED_SIGN_ATTEMPT_DATE].data, 16);
	p.amz_date[16] = 0;
	p.flags = PW_SIGV4_NORMALIZE_PATH;
	return pw_export_sign(&req, &p, flags);
}

struct pw_result *pw_sign_attempt(uint32_t call, uint32_t key, const char *packed, size_t packed_len,
	unsigned attempt, unsigned max_attempts, unsigned flags)
{
	struct pw_field a[PW_PACKED_SIGN_ATTEMPT_COUNT];
	struct call *c = call_of(call);
	struct pw_sigv4_key *k = pw_key_of(key);
	const char *refused;
	struct pw_result *r;

	pw_export_begin();
	if (c == NULL) return pw_export_fail("CallHandleError", CALL_HANDLE_MESSAGE);
	if (key != 0 && k == NULL) return pw_export_fail("KeyHandleError", PW_KEY_HANDLE_MESSAGE);
	if (pw_read_packed(packed, packed_len, a, PW_PACKED_SIGN_ATTEMPT_COUNT) != PW_OK) {
		return pw_export_fail("SigningError", PW_MALFORMED);
	}
	refused = credentials_problem(&a[PW_PACKED_SIGN_ATTEMPT_ACCESS_KEY_ID], k, &a[PW_PACKED_SIGN_ATTEMPT_SESSION_TOKEN]);
	if (refused != NULL) return pw_export_fail("CredentialsProviderError", refused);
	if (c->region.len == 0) return pw_export_fail("ConfigurationError", PW_MISSING_REGION);
	if (a[PW_PACKED_SIGN_ATTEMPT_DATE].len != 16) return pw_export_fail("SigningError", PW_INVALID_DATE);
	r = sign_attempt(c, k, a, attempt, max_attempts, flags);
	if (r != NULL && r->status == PW_OK && c->key != key) { /* the call now holds this key, not the one before */
		pw_key_unpin(c->key);
		pw_key_pin(key);
		c->key = key;
	}
	return r;
}

struct pw_result *pw_examine(uint32_t call, const char *op_name, size_t op_len, int status,
	const char *packed, size_t packed_len, const char *body, size_t body_len)
{
	struct pw_field a[PW_PACKED_EXAMINE_COUNT];
	struct pw_response_headers h;
	struct pw_response *r = &pw_out.response;
	const struct pw_operation *op;
	pw_status s;

	pw_export_begin();
	if (call != 0) {
		const struct call *c = call_of(call);
		if (c == NULL) return pw_export_fail("CallHandleError", CALL_HANDLE_MESSAGE);
		op = c->op;
	} else {
		op = op_name != NULL ? pw_find_operation(op_name, op_len) : NULL;
		if (op == NULL) return pw_export_fail("ConfigurationError", "Unknown operation");
	}
	if (pw_read_packed(packed, packed_len, a, PW_PACKED_EXAMINE_COUNT) != PW_OK) {
		return pw_export_fail("ConfigurationError", PW_MALFORMED);
	}
	h.error_type = a[PW_PACKED_EXAMINE_ERROR_TYPE].data;
	h.error_type_len = a[PW_PACKED_EXAMINE_ERROR_TYPE].len;
	h.request_id = a[PW_PACKED_EXAMINE_REQUEST_ID].data;
	h.request_id_len = a[PW_PACKED_EXAMINE_REQUEST_ID].len;
	h.amz_request_id = a[PW_PACKED_EXAMINE_AMZ_REQUEST_ID].data;
	h.amz_request_id_len = a[PW_PACKED_EXAMINE_AMZ_REQUEST_ID].len;
	s = pw_examine_response(op, status, &h, body, body != NULL ? body_len : 0, r);
	if (s != PW_OK) return pw_export_finish(s);
	if (!r->is_error) {
		pw_export_set(PW_EXAMINE_OUTPUT, r->output, r->output_len);
		pw_export_set(PW_EXAMINE_REQUEST_ID, r->request_id, r->request_id_len);
		return pw_export_finish(PW_OK);
	}
	pw_export_set_buf(PW_ERROR_NAME, &r->name);
	pw_export_set(PW_ERROR_MESSAGE, r->message.data != NULL ? r->message.data : "", r->message.len);
	pw_export_set(PW_ERROR_DETAIL, r->server_fault ? "server" : "client", 6);
	pw_export_set(PW_ERROR_REQUEST_ID, r->request_id, r->request_id_len);
	return pw_export_finish(PW_ERROR);
}
