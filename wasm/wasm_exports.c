/* The binary export layer; see wasm_exports.h. */
#include "wasm_exports.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "endpoint.h"
#include "json.h"
#include "operations.h"
#include "request.h"
#include "response.h"
#include "sigv4.h"
#include "validate.h"

/* cJSON allocates through pw_malloc too, so its failures are counted with the core's. In the
 * module, cJSON.c is built with -Dmalloc=pw_malloc -Drealloc=pw_no_realloc (build.sh), which makes
 * those its default hooks: no constructor, and emmalloc's realloc stays out of the module. */
#ifndef __EMSCRIPTEN__
__attribute__((constructor)) static void use_counting_malloc(void)
{
	cJSON_Hooks hooks = { pw_malloc, free };

	cJSON_InitHooks(&hooks);
}
#else
/* Only printing reallocates, which the module never does: should it ever, printing fails. */
void *pw_no_realloc(void *p, size_t n);
void *pw_no_realloc(void *p, size_t n)
{
	(void)p;
	(void)n;
	return NULL;
}
#endif

static char *block;
static size_t block_cap;

/* What the last call produced, until pw_done(). */
static struct pw_result result;
static struct pw_prepared prepared;
static char payload_hash[65]; /* prepared.body's SHA-256, hex (pw_prepare_request's field 8) */
static struct pw_sigv4_result signed_req;
static struct pw_response response;
static pw_buf extra;             /* header codes, or a message */
static unsigned long failures_at_start;

#define KEY_SLOTS 8
static struct pw_sigv4_key keys[KEY_SLOTS];
static unsigned key_next;

void *pw_block(size_t n)
{
	char *grown;
	size_t cap;

	if (n <= block_cap) return block;
	if (n > (size_t)-1 / 2) return NULL;
	cap = n < 4096 ? 4096 : n;
	if (cap < (size_t)-1 / 4 && cap < block_cap * 2) cap = block_cap * 2;
	grown = pw_malloc(cap);
	if (grown == NULL) return NULL;
	if (block != NULL) {
		pw_wipe(block, block_cap);
		free(block);
	}
	block = grown;
	block_cap = cap;
	return block;
}

static void release(void)
{
	pw_prepared_free(&prepared);
	pw_prepared_init(&prepared);
	pw_sigv4_result_free(&signed_req);
	pw_response_free(&response);
	pw_buf_wipe_free(&extra);
	memset(&result, 0, sizeof result);
}

void pw_done(size_t used)
{
	release();
	pw_wipe(block, used < block_cap ? used : block_cap);
}

static void begin(void)
{
	release();
	failures_at_start = pw_alloc_failures;
}

static void set(int i, const char *data, size_t len)
{
	result.f[i].data = data;
	result.f[i].len = data != NULL ? len : 0;
}

static void set_str(int i, const char *s)
{
	set(i, s, strlen(s));
}

/* The result, or NULL (and everything released) when an allocation failed during the call. */
static struct pw_result *finish(void)
{
	if (pw_alloc_failures != failures_at_start || prepared.body.failed || prepared.url.failed
		|| prepared.path.failed || prepared.target.failed || prepared.event_ids.failed || extra.failed
		|| response.name.failed || response.message.failed) {
		release();
		pw_scrub_stack();
		return NULL;
	}
	pw_scrub_stack(); /* hashing left body bytes (tags, user ids) and keys in stack temporaries */
	return &result;
}

static struct pw_result *fail(const char *name, const char *message)
{
	result.status = PW_ERROR;
	set_str(0, name);
	set_str(1, message);
	return finish();
}

static struct pw_result *validation_failed(const pw_errors *e)
{
	pw_buf_putc(&extra, '[');
	pw_buf_put(&extra, e->json.data, e->json.len);
	pw_buf_putc(&extra, ']');
	result.status = PW_ERROR;
	set_str(0, "ValidationError");
	set_str(1, "");
	set(2, extra.data, extra.len);
	return finish();
}

struct pw_result *pw_check_input(const char *op_name, size_t op_len, char *input, size_t input_len)
{
	const struct pw_operation *op;
	cJSON *parsed;
	struct pw_result *r;

	begin();
	op = op_name != NULL ? pw_find_operation(op_name, op_len) : NULL;
	parsed = pw_json_parse_input(input, input_len);
	if (op == NULL) {
		pw_errors_add(&prepared.errors, "operation", "is not an operation this client knows");
	} else {
		pw_validate_input(op->input, parsed, &prepared.errors);
	}
	pw_json_delete_wiped(parsed);
	if (prepared.errors.count > 0) return validation_failed(&prepared.errors);
	r = finish();
	return r;
}

static void endpoint_config(struct pw_endpoint_config *c, char *region, size_t region_len,
	const char *endpoint, size_t endpoint_len, unsigned flags)
{
	pw_region_to_lower(region, region_len); /* in place, before anything uses it (endpoint.h) */
	c->region = region;
	c->region_len = region != NULL ? region_len : 0;
	c->endpoint = endpoint;
	c->endpoint_len = endpoint != NULL ? endpoint_len : 0;
	c->use_fips = (flags & PW_FIPS) != 0;
	c->use_dualstack = (flags & PW_DUALSTACK) != 0;
}

struct pw_result *pw_prepare_request(const char *op_name, size_t op_len, char *input, size_t input_len,
	char *region, size_t region_len, const char *endpoint, size_t endpoint_len, unsigned flags)
{
	const struct pw_operation *op;
	struct pw_endpoint_config ec;
	cJSON *in;
	int refused;

	begin();
	op = op_name != NULL ? pw_find_operation(op_name, op_len) : NULL;
	if (op == NULL) return fail("ConfigurationError", "Unknown operation");
	endpoint_config(&ec, region, region_len, endpoint, endpoint_len, flags);
	in = pw_json_parse_input(input, input_len);
	refused = pw_prepare(op, in, &ec, &prepared);
	pw_json_delete_wiped(in);
	if (refused) {
		if (prepared.errors.count > 0) return validation_failed(&prepared.errors);
		return fail(prepared.failure_name, prepared.failure);
	}
	result.status = PW_OK;
	set(0, prepared.url.data, prepared.url.len);
	set(1, prepared.endpoint.host.data, prepared.endpoint.host.len);
	set(2, prepared.path.data, prepared.path.len);
	set(3, prepared.target.data, prepared.target.len);
	set_str(4, prepared.content_type);
	set(5, prepared.body.data, prepared.body.len);
	set(6, prepared.event_ids.data, prepared.event_ids.len);
	set(7, region, ec.region_len);
	pw_sigv4_sha256_hex(payload_hash, prepared.body.data != NULL ? prepared.body.data : "", prepared.body.len);
	set(8, payload_hash, 64);
	return finish();
}

/* ---- key handles: slot in the low 3 bits, the slot's generation above ---- */

/* The same secret opened again (a new credentials object each call, as most callers make them)
 * gets the handle it already has, with the signing key already derived for its day, region and
 * service: only "AWS4" + secret is keyed again, never the four HMACs of a derivation. */
uint32_t pw_key_open(char *secret, size_t secret_len)
{
	struct pw_sigv4_key opened;
	unsigned slot;

	pw_sigv4_key_init(&opened, secret != NULL ? secret : "", secret != NULL ? secret_len : 0);
	pw_wipe(secret, secret_len);
	for (slot = 0; slot < KEY_SLOTS; slot++) {
		if (keys[slot].used && memcmp(&keys[slot].secret, &opened.secret, sizeof opened.secret) == 0) break;
	}
	if (slot == KEY_SLOTS) {
		unsigned generation = keys[key_next].generation + 1;
		slot = key_next;
		key_next = (key_next + 1) % KEY_SLOTS;
		keys[slot] = opened;
		keys[slot].generation = generation;
	}
	pw_wipe(&opened, sizeof opened);
	return (uint32_t)(keys[slot].generation << 3 | slot);
}

static struct pw_sigv4_key *key_of(uint32_t handle)
{
	struct pw_sigv4_key *k = &keys[handle & 7];

	return handle != 0 && k->used && k->generation == handle >> 3 ? k : NULL;
}

void pw_key_close(uint32_t handle)
{
	struct pw_sigv4_key *k = key_of(handle);
	unsigned generation;

	if (k == NULL) return;
	generation = k->generation;
	pw_wipe(k, sizeof *k);
	k->generation = generation;
}

void pw_clear_key_cache(void)
{
	unsigned i;

	for (i = 0; i < KEY_SLOTS; i++) pw_key_close((uint32_t)(keys[i].generation << 3 | i));
	pw_sigv4_clear_key_cache();
}

static uint32_t read_u32(const char *p)
{
	const unsigned char *b = (const unsigned char *)p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Headers from their binary form; -1 when malformed or out of memory. */
static long read_headers(const char *p, size_t len, struct pw_header **out)
{
	size_t at = 0, n = 0;

	*out = NULL;
	while (at < len) {
		size_t name_len, value_len;
		if (len - at < 8) return -1;
		name_len = read_u32(p + at);
		value_len = read_u32(p + at + 4);
		at += 8;
		if (name_len > len - at || value_len > len - at - name_len) return -1;
		at += name_len + value_len;
		n++;
	}
	*out = pw_malloc_array(n + 1, sizeof **out);
	if (*out == NULL) return -1;
	for (at = 0, n = 0; at < len; n++) {
		struct pw_header *h = &(*out)[n];
		h->name_len = read_u32(p + at);
		h->value_len = read_u32(p + at + 4);
		h->name = p + at + 8;
		h->value = h->name + h->name_len;
		at += 8 + h->name_len + h->value_len;
	}
	return (long)n;
}

static uint32_t header_code(const struct pw_header *h, const struct pw_header *in, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) if (h->name == in[k].name) return (uint32_t)k;
	if (h->name_len == 10) return PW_H_DATE;           /* X-Amz-Date */
	if (h->name_len == 13) return PW_H_AUTHORIZATION;  /* Authorization */
	return h->name[6] == 'S' ? PW_H_TOKEN : PW_H_CONTENT_SHA; /* X-Amz-Security-Token, X-Amz-Content-Sha256 */
}

struct pw_result *pw_sign_request(uint32_t key, const char *method, size_t method_len,
	const char *path, size_t path_len, const char *query, size_t query_len, const char *headers,
	size_t headers_len, const unsigned char *body, size_t body_len, const char *access_key_id,
	size_t access_key_id_len, const char *region, size_t region_len, const char *service,
	size_t service_len, const char *date, size_t date_len, const char *token, size_t token_len, unsigned flags)
{
	const int client = (flags & PW_SIGN_CLIENT) != 0;
	struct pw_sigv4_params p;
	struct pw_sigv4_request req;
	struct pw_header *list = NULL;
	long n;
	size_t i;

	begin();
	memset(&p, 0, sizeof p);
	p.key = key_of(key);
	if (key != 0 && p.key == NULL) return fail("KeyHandleError", "The key handle was forgotten; open it again");
	p.access_key_id = access_key_id;
	p.access_key_id_len = access_key_id != NULL ? access_key_id_len : 0;
	p.session_token = token != NULL && token_len > 0 ? token : NULL;
	p.session_token_len = p.session_token != NULL ? token_len : 0;
	p.region = region;
	p.region_len = region != NULL ? region_len : 0;
	p.service = service;
	p.service_len = service != NULL ? service_len : 0;
	p.flags = flags & (PW_SIGV4_NORMALIZE_PATH | PW_SIGV4_SIGN_BODY | PW_SIGV4_OMIT_TOKEN);
	if (p.access_key_id_len == 0 || p.key == NULL) {
		return fail(client ? "CredentialsProviderError" : "SigningError",
			"Missing credentials: accessKeyId and secretAccessKey are both required");
	}
	if (p.region_len == 0) {
		return fail(client ? "ConfigurationError" : "SigningError",
			"Missing Region: a region is needed to sign requests, even with a custom endpoint");
	}
	if (p.service_len == 0) return fail("SigningError", "Missing service: the signing name is required");
	if (date == NULL || date_len != 16) return fail("SigningError", "Invalid date: expected YYYYMMDDTHHMMSSZ");
	memcpy(p.amz_date, date, 16);
	p.amz_date[16] = 0;
	n = read_headers(headers, headers != NULL ? headers_len : 0, &list);
	if (n < 0 || method == NULL || path == NULL) {
		free(list);
		if (pw_alloc_failures != failures_at_start) return finish();
		return fail("SigningError", "request needs method and path strings, and headers as [[name, value]...]");
	}
	req.method = method;
	req.method_len = method_len;
	req.path = path;
	req.path_len = path_len;
	req.query = query != NULL ? query : "";
	req.query_len = query != NULL ? query_len : 0;
	req.headers = list;
	req.n_headers = (size_t)n;
	req.body = body;
	req.body_len = body != NULL ? body_len : 0;
	req.payload_hash = NULL;
	if (flags & PW_SIGN_PAYLOAD_HASH) {
		req.payload_hash = body_len == 64 ? (const char *)body : NULL; /* not 64 digits: refused below */
		req.body = NULL;
		req.body_len = 0;
	}
	if (((flags & PW_SIGN_PAYLOAD_HASH) && req.payload_hash == NULL) || pw_sigv4_sign(&req, &p, &signed_req) != 0) {
		free(list);
		if (pw_alloc_failures != failures_at_start) return finish();
		return fail("SigningError", "Could not sign the request (invalid parameters)");
	}
	for (i = 0; i < signed_req.n_header_list; i++) {
		uint32_t code = header_code(&signed_req.header_list[i], list, (size_t)n);
		pw_buf_put(&extra, &code, 4); /* wasm32 and the glue's Uint32Array are little-endian */
	}
	free(list);
	result.status = PW_OK;
	set(0, signed_req.authorization.data, signed_req.authorization.len);
	set(1, signed_req.signature, 64);
	set(2, signed_req.payload_hash, signed_req.payload_hash_len);
	set(3, extra.data, extra.len);
	if (flags & PW_SIGN_CANONICAL) {
		set(4, signed_req.canonical_request.data, signed_req.canonical_request.len);
		set(5, signed_req.string_to_sign.data, signed_req.string_to_sign.len);
	}
	return finish();
}

struct pw_result *pw_endpoint_url(char *region, size_t region_len, const char *endpoint,
	size_t endpoint_len, unsigned flags, unsigned service)
{
	struct pw_endpoint_config ec;
	const char *failure;

	begin();
	if (service > 1) return fail("EndpointError", "service must be personalize or personalize-events");
	endpoint_config(&ec, region, region_len, endpoint, endpoint_len, flags);
	failure = pw_resolve_endpoint(&ec, service == 1 ? PW_SVC_PERSONALIZE_EVENTS : PW_SVC_PERSONALIZE,
		&prepared.endpoint);
	if (failure != NULL) return fail("EndpointError", failure);
	pw_buf_put(&prepared.url, prepared.endpoint.base.data, prepared.endpoint.base.len);
	pw_buf_put(&prepared.url, prepared.endpoint.base_path.data, prepared.endpoint.base_path.len);
	result.status = PW_OK;
	set(0, prepared.url.data, prepared.url.len);
	return finish();
}

struct pw_result *pw_examine(int status, const char *op_name, size_t op_len, const char *error_type,
	size_t error_type_len, const char *request_id, size_t request_id_len, const char *amz_request_id,
	size_t amz_request_id_len, const char *body, size_t body_len)
{
	const struct pw_operation *op;
	struct pw_header h[3];
	size_t n = 0;
	int rc;

	begin();
	op = op_name != NULL ? pw_find_operation(op_name, op_len) : NULL;
	if (op == NULL) return fail("ConfigurationError", "Unknown operation");
#define HEADER(name_, v, len) if (v != NULL) { h[n].name = name_; h[n].name_len = strlen(name_); h[n].value = v; h[n++].value_len = len; }
	HEADER("x-amzn-errortype", error_type, error_type_len)
	HEADER("x-amzn-requestid", request_id, request_id_len)
	HEADER("x-amz-request-id", amz_request_id, amz_request_id_len)
#undef HEADER
	rc = pw_examine_response(op, status, h, n, body, body != NULL ? body_len : 0, &response);
	if (rc < 0) return finish();
	if (rc == 0) {
		result.status = PW_OK;
		set(0, response.output, response.output_len);
		set(1, response.request_id, response.request_id_len);
		return finish();
	}
	result.status = PW_ERROR;
	set(0, response.name.data, response.name.len);
	set(1, response.message.data != NULL ? response.message.data : "", response.message.len);
	set_str(2, response.server_fault ? "server" : "client");
	set(3, response.request_id, response.request_id_len);
	return finish();
}

size_t pw_heap_in_use(void)
{
#ifdef __EMSCRIPTEN__
	return pw_alloc_in_use() - pw_alloc_size(block);
#else
	return 0; /* natively, ASan and valgrind check the balance */
#endif
}
