/* The module's exports (wasm_exports.h): the block, the result every export returns, input
 * checking and endpoints. Calls are in exports_call.c, signing in exports_sign.c, key handles
 * in exports_keys.c. */
#include "wasm_exports.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "endpoint.h"
#include "export_result.h"
#include "json.h"
#include "operations.h"

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
static struct pw_endpoint endpoint;  /* pw_endpoint_url's, until pw_done() */

struct pw_export_state pw_out;

#ifndef __EMSCRIPTEN__
/* Natively (the tests), the block goes at exit, so leak checkers see the heap balance. */
__attribute__((destructor)) static void free_block(void)
{
	pw_wipe(block, block_cap);
	free(block);
}
#endif

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
	int i;

	for (i = 0; i < PW_EXPORT_BUFS; i++) pw_buf_wipe_free(&pw_out.buf[i]);
	pw_sigv4_result_free(&pw_out.signed_req);
	pw_response_free(&pw_out.response);
	pw_endpoint_free(&endpoint);
	memset(&pw_out.result, 0, sizeof pw_out.result);
}

void pw_done(size_t used)
{
	release();
	pw_wipe(block, used < block_cap ? used : block_cap);
}

void pw_export_begin(void)
{
	release();
	pw_out.failures_at_start = pw_alloc_failures;
}

void pw_export_set(int i, const char *data, size_t len)
{
	pw_out.result.f[i].data = data;
	pw_out.result.f[i].len = data != NULL ? len : 0;
}

void pw_export_set_buf(int i, const pw_buf *b)
{
	pw_export_set(i, b->data, b->len);
}

struct pw_result *pw_export_finish(pw_status s)
{
	int i;

	for (i = 0; i < PW_EXPORT_BUFS; i++) {
		if (pw_buf_status(&pw_out.buf[i]) != PW_OK) s = PW_NOMEM;
	}
	s = pw_status_since(pw_out.failures_at_start, s);
	pw_scrub_stack(); /* hashing left body bytes (tags, user ids) and keys in stack temporaries */
	if (s == PW_NOMEM) {
		release();
		return NULL;
	}
	pw_out.result.status = s == PW_OK ? PW_OK : PW_ERROR;
	return &pw_out.result;
}

struct pw_result *pw_export_fail(const char *name, const char *message)
{
	pw_export_set(PW_ERROR_NAME, name, strlen(name));
	pw_export_set(PW_ERROR_MESSAGE, message, strlen(message));
	return pw_export_finish(PW_ERROR);
}

struct pw_result *pw_export_invalid(const pw_errors *e)
{
	pw_buf *detail = &pw_out.buf[PW_BUF_DETAIL];

	pw_buf_putc(detail, '[');
	pw_buf_put(detail, e->json.data, e->json.len);
	pw_buf_putc(detail, ']');
	pw_export_set_buf(PW_ERROR_DETAIL, detail);
	return pw_export_fail("ValidationError", "");
}

static uint32_t read_u32(const char *p)
{
	const unsigned char *b = (const unsigned char *)p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

pw_status pw_read_packed(const char *p, size_t len, struct pw_field *out, size_t n)
{
	size_t at = 0, i;

	if (p == NULL) len = 0;
	for (i = 0; i < n; i++) {
		size_t k;
		if (len - at < 4) return PW_ERROR;
		k = read_u32(p + at);
		at += 4;
		if (k > len - at) return PW_ERROR;
		out[i].data = p + at;
		out[i].len = k;
		at += k;
	}
	return at == len ? PW_OK : PW_ERROR;
}

struct pw_result *pw_check_input(const char *op_name, size_t op_len, char *input, size_t input_len)
{
	const struct pw_operation *op;
	pw_errors errors;
	cJSON *parsed;
	struct pw_result *r;

	pw_export_begin();
	pw_errors_init(&errors);
	op = op_name != NULL ? pw_find_operation(op_name, op_len) : NULL;
	parsed = pw_json_parse_input(input, input_len);
	if (op == NULL) {
		pw_errors_add(&errors, "operation", "is not an operation this client knows");
	} else {
		pw_validate_input(op->input, parsed, &errors);
	}
	pw_json_delete_wiped(parsed);
	r = errors.count > 0 ? pw_export_invalid(&errors) : pw_export_finish(pw_buf_status(&errors.json));
	pw_errors_free(&errors);
	return r;
}

struct pw_result *pw_endpoint_url(char *region, size_t region_len, const char *endpoint_url,
	size_t endpoint_len, unsigned flags, unsigned service)
{
	struct pw_endpoint_config ec;
	struct pw_error e;
	pw_buf *url = &pw_out.buf[PW_BUF_URL];
	pw_status s;

	pw_export_begin();
	if (service >= PW_SERVICES) return pw_export_fail("EndpointError", "service must be personalize or personalize-events");
	pw_endpoint_config_from(&ec, region, region_len, endpoint_url, endpoint_len, flags);
	s = pw_resolve_endpoint(&ec, service == PW_SERVICE_PERSONALIZE_EVENTS ? PW_SVC_PERSONALIZE_EVENTS
		: PW_SVC_PERSONALIZE, &endpoint, &e);
	if (s == PW_ERROR) return pw_export_fail(e.name, e.message);
	pw_buf_put(url, endpoint.base.data, endpoint.base.len);
	pw_buf_put(url, endpoint.base_path.data, endpoint.base_path.len);
	pw_export_set_buf(PW_ENDPOINT_URL, url);
	return pw_export_finish(s);
}

size_t pw_heap_in_use(void)
{
#ifdef __EMSCRIPTEN__
	return pw_alloc_in_use() - pw_alloc_size(block);
#else
	return 0; /* natively, ASan and valgrind check the balance */
#endif
}
