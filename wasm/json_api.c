/* A JSON face over the core (see json_api.h): the C unit tests and the fuzzers drive the same
 * preparation, signing and response examination as the module's binary exports through it.
 * None of it is exported from personalize.wasm, so the linker drops it there. */
#include "json_api.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "endpoint.h"
#include "event_id.h"
#include "json.h"
#include "operations.h"
#include "payload.h"
#include "request.h"
#include "response.h"
#include "sigv4.h"
#include "validate.h"

static size_t last_result_len;

/* NULL, never a trap, when n can't be had; nothing in wasm32 can use 2 GiB or more. */
void *pw_alloc(size_t n)
{
	if (n > (size_t)-1 / 2) return NULL;
	return malloc(n > 0 ? n : 1);
}

void pw_wipe_free(void *p, size_t n)
{
	if (p == NULL) return;
	pw_wipe(p, n);
	free(p);
}

size_t pw_result_len(void)
{
	return last_result_len;
}

void pw_release(char *result)
{
	if (result == NULL) return;
	pw_wipe(result, strlen(result));
	free(result);
}

/* Hands a buffer's storage to the caller as a result: NULL when any allocation failed since the
 * call began (pw_alloc_failures was failures_before), since then some part may be missing. */
static char *finish(pw_buf *b, unsigned long failures_before)
{
	if (b->failed || b->data == NULL || pw_alloc_failures != failures_before) {
		pw_buf_wipe_free(b);
		last_result_len = 0;
		return NULL;
	}
	last_result_len = b->len;
	return b->data;
}

static const char *get_string(const cJSON *o, const char *name, size_t *len)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsString(v)) {
		*len = 0;
		return NULL;
	}
	*len = strlen(v->valuestring);
	return v->valuestring;
}

static int get_flag(const cJSON *o, const char *name)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, name));
}

/* Headers as [[name, value]...]; entries point into the JSON tree.
 * Returns the count, or -1 when malformed or out of memory (the caller's result is then NULL).
 * extra leaves room for headers added later. */
static long read_headers(const cJSON *v, struct pw_header **out, size_t extra)
{
	const cJSON *c;
	long n = 0;

	*out = NULL;
	if (v != NULL && !cJSON_IsArray(v)) return -1;
	n = v != NULL ? cJSON_GetArraySize(v) : 0;
	*out = pw_malloc_array((size_t)n + extra + 1, sizeof **out);
	if (*out == NULL) return -1;
	n = 0;
	for (c = v != NULL ? v->child : NULL; c != NULL; c = c->next) {
		const cJSON *first = cJSON_GetArrayItem(c, 0), *second = cJSON_GetArrayItem(c, 1);
		const char *name = cJSON_IsString(first) ? first->valuestring : NULL;
		const char *value = cJSON_IsString(second) ? second->valuestring : NULL;
		if (name == NULL || value == NULL) return -1;
		(*out)[n].name = name;
		(*out)[n].name_len = strlen(name);
		(*out)[n].value = value;
		(*out)[n].value_len = strlen(value);
		n++;
	}
	return n;
}

static void put_failure(pw_buf *out, const char *name, const char *message)
{
	pw_buf_puts(out, "{\"error\":{\"name\":");
	pw_buf_put_json_string(out, name, strlen(name));
	pw_buf_puts(out, ",\"message\":");
	pw_buf_put_json_string(out, message, strlen(message));
	pw_buf_puts(out, "}}");
}

static void put_header_list(pw_buf *out, const struct pw_header *h, size_t n)
{
	size_t i;

	pw_buf_putc(out, '[');
	for (i = 0; i < n; i++) {
		if (i > 0) pw_buf_putc(out, ',');
		pw_buf_putc(out, '[');
		pw_buf_put_json_string(out, h[i].name, h[i].name_len);
		pw_buf_putc(out, ',');
		pw_buf_put_json_string(out, h[i].value, h[i].value_len);
		pw_buf_putc(out, ']');
	}
	pw_buf_putc(out, ']');
}

static void put_signing(pw_buf *out, const struct pw_sigv4_result *r)
{
	pw_buf_puts(out, "\"canonicalRequest\":");
	pw_buf_put_json_string(out, r->canonical_request.data, r->canonical_request.len);
	pw_buf_puts(out, ",\"stringToSign\":");
	pw_buf_put_json_string(out, r->string_to_sign.data, r->string_to_sign.len);
	pw_buf_puts(out, ",\"signature\":\"");
	pw_buf_puts(out, r->signature);
	pw_buf_putc(out, '"');
}

/* Fills what signing needs from an options/config object; NULL, or why it can't sign. */
static const char *signing_params(struct pw_sigv4_params *p, const cJSON *o, const char *service,
	char *secret, size_t secret_len, char *token, size_t token_len)
{
	size_t date_len;
	const char *date = get_string(o, "date", &date_len);

	memset(p, 0, sizeof *p);
	p->access_key_id = get_string(o, "accessKeyId", &p->access_key_id_len);
	p->region = get_string(o, "region", &p->region_len);
	/* A NULL buffer (a failed pw_alloc) is no value, whatever its length says. */
	p->secret = secret;
	p->secret_len = secret != NULL ? secret_len : 0;
	p->session_token = token != NULL && token_len > 0 ? token : NULL;
	p->session_token_len = p->session_token != NULL ? token_len : 0;
	if (service != NULL) {
		p->service = service;
		p->service_len = strlen(service);
	} else {
		p->service = get_string(o, "service", &p->service_len);
	}
	if (p->access_key_id_len == 0 || p->secret_len == 0) {
		return "Missing credentials: accessKeyId and secretAccessKey are both required";
	}
	if (p->region_len == 0) return "Missing Region: a region is needed to sign requests, even with a custom endpoint";
	if (p->service_len == 0) return "Missing service: the signing name is required";
	if (date == NULL || date_len != 16) return "Invalid date: expected YYYYMMDDTHHMMSSZ";
	memcpy(p->amz_date, date, 16);
	p->amz_date[16] = 0;
	if (get_flag(o, "signBody")) p->flags |= PW_SIGV4_SIGN_BODY;
	if (get_flag(o, "omitSessionToken")) p->flags |= PW_SIGV4_OMIT_TOKEN;
	/* Path normalization is on unless turned off (the SDKs turn it off only for S3). */
	if (!cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "normalizePath"))) p->flags |= PW_SIGV4_NORMALIZE_PATH;
	return NULL;
}

/* Lower-cases the region in the tree first (see pw_region_to_lower), for signing to read too. */
static void read_endpoint_config(struct pw_endpoint_config *c, cJSON *o)
{
	const cJSON *region = cJSON_GetObjectItemCaseSensitive(o, "region");

	if (cJSON_IsString(region)) pw_region_to_lower(region->valuestring, strlen(region->valuestring));
	c->region = get_string(o, "region", &c->region_len);
	c->endpoint = get_string(o, "endpoint", &c->endpoint_len);
	c->use_fips = get_flag(o, "useFipsEndpoint");
	c->use_dualstack = get_flag(o, "useDualstackEndpoint");
}

char *pw_validate(const char *op_name, size_t op_len, char *input, size_t input_len)
{
	const unsigned long failures = pw_alloc_failures;
	const struct pw_operation *op = pw_find_operation(op_name, op_len);
	cJSON *parsed = pw_json_parse_input(input, input_len);
	pw_errors errors;
	pw_buf out;

	pw_buf_init(&out);
	pw_errors_init(&errors);
	if (op == NULL) {
		pw_errors_add(&errors, "operation", "is not an operation this client knows");
	} else {
		pw_validate_input(op->input, parsed, &errors);
	}
	pw_buf_puts(&out, "{\"errors\":[");
	pw_buf_put(&out, errors.json.data, errors.json.len);
	pw_buf_puts(&out, "]}");
	pw_errors_free(&errors);
	pw_json_delete_wiped(parsed);
	return finish(&out, failures);
}

char *pw_build_request(const char *config, size_t config_len, char *input, size_t input_len,
	char *secret, size_t secret_len, char *token, size_t token_len)
{
	const unsigned long failures = pw_alloc_failures;
	cJSON *cfg = cJSON_ParseWithLength(config, config_len), *in = pw_json_parse_input(input, input_len);
	const struct pw_operation *op;
	struct pw_endpoint_config ec;
	struct pw_prepared prep;
	struct pw_sigv4_params params;
	struct pw_sigv4_request req;
	struct pw_sigv4_result signed_req;
	struct pw_header *headers = NULL;
	pw_buf out;
	const char *op_name, *failure;
	size_t op_len;
	long n;

	pw_buf_init(&out);
	pw_prepared_init(&prep);
	pw_sigv4_result_init(&signed_req);
	op_name = get_string(cfg, "operation", &op_len);
	op = op_name != NULL ? pw_find_operation(op_name, op_len) : NULL;
	if (op == NULL) {
		put_failure(&out, "ConfigurationError", "Unknown operation");
		goto done;
	}
	read_endpoint_config(&ec, cfg);
	if (pw_prepare(op, in, &ec, &prep) != 0) {
		if (prep.errors.count > 0) {
			pw_buf_puts(&out, "{\"errors\":[");
			pw_buf_put(&out, prep.errors.json.data, prep.errors.json.len);
			pw_buf_puts(&out, "]}");
		} else {
			put_failure(&out, prep.failure_name, prep.failure);
		}
		goto done;
	}
	if ((failure = signing_params(&params, cfg, PW_SIGNING_NAME, secret, secret_len, token, token_len)) != NULL) {
		put_failure(&out, strncmp(failure, "Missing credentials", 19) == 0 ? "CredentialsProviderError"
			: "ConfigurationError", failure);
		goto done;
	}
	n = read_headers(cJSON_GetObjectItemCaseSensitive(cfg, "headers"), &headers, 3);
	if (n < 0) {
		put_failure(&out, "ConfigurationError", "headers must be [[name, value]...] of strings");
		goto done;
	}
	headers[n].name = "Host";
	headers[n].name_len = 4;
	headers[n].value = prep.endpoint.host.data;
	headers[n++].value_len = prep.endpoint.host.len;
	headers[n].name = "Content-Type";
	headers[n].name_len = 12;
	headers[n].value = prep.content_type;
	headers[n++].value_len = strlen(prep.content_type);
	if (prep.target.len > 0) {
		headers[n].name = "X-Amz-Target";
		headers[n].name_len = 12;
		headers[n].value = prep.target.data;
		headers[n++].value_len = prep.target.len;
	}
	if (prep.body.failed || prep.path.failed || prep.target.failed || prep.url.failed) goto done;

	req.method = "POST";
	req.method_len = 4;
	req.path = prep.path.data;
	req.path_len = prep.path.len;
	req.query = "";
	req.query_len = 0;
	req.headers = headers;
	req.n_headers = (size_t)n;
	req.body = (const uint8_t *)prep.body.data;
	req.body_len = prep.body.len;
	req.payload_hash = NULL;
	if (pw_sigv4_sign(&req, &params, &signed_req) != 0) {
		put_failure(&out, "SigningError", "Could not sign the request (out of memory or invalid parameters)");
		goto done;
	}
	pw_buf_puts(&out, "{\"request\":{\"method\":\"POST\",\"url\":");
	pw_buf_put_json_string(&out, prep.url.data, prep.url.len);
	pw_buf_puts(&out, ",\"headers\":");
	put_header_list(&out, signed_req.header_list, signed_req.n_header_list);
	pw_buf_puts(&out, ",\"body\":");
	pw_buf_put_json_string(&out, prep.body.data, prep.body.len);
	pw_buf_puts(&out, "},");
	put_signing(&out, &signed_req);
	if (prep.event_ids.len > 0) {
		pw_buf_puts(&out, ",\"eventIds\":");
		pw_buf_put(&out, prep.event_ids.data, prep.event_ids.len);
	}
	pw_buf_putc(&out, '}');
done:
	pw_wipe(secret, secret_len);
	pw_wipe(token, token_len);
	free(headers);
	pw_sigv4_result_free(&signed_req);
	pw_prepared_free(&prep);
	pw_json_delete_wiped(in);
	cJSON_Delete(cfg);
	pw_scrub_stack(); /* hashing left body bytes (tags, user ids) in stack temporaries */
	return finish(&out, failures);
}

char *pw_sign(const char *request, size_t request_len, const unsigned char *body, size_t body_len,
	const char *options, size_t options_len, char *secret, size_t secret_len, char *token, size_t token_len)
{
	const unsigned long failures = pw_alloc_failures;
	cJSON *rq = cJSON_ParseWithLength(request, request_len), *opts = cJSON_ParseWithLength(options, options_len);
	struct pw_sigv4_params params;
	struct pw_sigv4_request req;
	struct pw_sigv4_result r;
	struct pw_header *headers = NULL;
	const char *failure;
	pw_buf out;
	long n;

	pw_buf_init(&out);
	pw_sigv4_result_init(&r);
	if ((failure = signing_params(&params, opts, NULL, secret, secret_len, token, token_len)) != NULL) {
		put_failure(&out, "SigningError", failure);
		goto done;
	}
	n = read_headers(cJSON_GetObjectItemCaseSensitive(rq, "headers"), &headers, 0);
	req.method = get_string(rq, "method", &req.method_len);
	req.path = get_string(rq, "path", &req.path_len);
	req.query = get_string(rq, "query", &req.query_len);
	if (req.query == NULL) req.query = "";
	if (n < 0 || req.method == NULL || req.path == NULL) {
		put_failure(&out, "SigningError", "request needs method and path strings, and headers as [[name, value]...]");
		goto done;
	}
	req.headers = headers;
	req.n_headers = (size_t)n;
	req.body = body;
	req.body_len = body_len;
	req.payload_hash = NULL;
	if (pw_sigv4_sign(&req, &params, &r) != 0) {
		put_failure(&out, "SigningError", "Could not sign the request (out of memory or invalid parameters)");
		goto done;
	}
	pw_buf_puts(&out, "{\"headers\":");
	put_header_list(&out, r.header_list, r.n_header_list);
	pw_buf_puts(&out, ",\"authorization\":");
	pw_buf_put_json_string(&out, r.authorization.data, r.authorization.len);
	pw_buf_putc(&out, ',');
	put_signing(&out, &r);
	pw_buf_putc(&out, '}');
done:
	pw_wipe(secret, secret_len);
	pw_wipe(token, token_len);
	free(headers);
	pw_sigv4_result_free(&r);
	pw_json_delete_wiped(rq);
	cJSON_Delete(opts);
	pw_scrub_stack();
	return finish(&out, failures);
}

char *pw_endpoint_json(const char *config, size_t config_len)
{
	const unsigned long failures = pw_alloc_failures;
	cJSON *cfg = cJSON_ParseWithLength(config, config_len);
	struct pw_endpoint_config ec;
	struct pw_endpoint ep;
	const char *failure, *service;
	size_t service_len;
	pw_buf out;

	pw_buf_init(&out);
	pw_endpoint_init(&ep);
	read_endpoint_config(&ec, cfg);
	service = get_string(cfg, "service", &service_len);
	if (service != NULL && strcmp(service, "personalize") != 0 && strcmp(service, "personalize-events") != 0) {
		put_failure(&out, "EndpointError", "service must be personalize or personalize-events");
	} else if ((failure = pw_resolve_endpoint(&ec, service != NULL && strcmp(service, "personalize-events") == 0
		? PW_SVC_PERSONALIZE_EVENTS : PW_SVC_PERSONALIZE, &ep)) != NULL) {
		put_failure(&out, "EndpointError", failure);
	} else {
		pw_buf_puts(&out, "{\"url\":");
		pw_buf_put(&ep.base, ep.base_path.data, ep.base_path.len);
		pw_buf_put_json_string(&out, ep.base.data, ep.base.len);
		pw_buf_putc(&out, '}');
	}
	pw_endpoint_free(&ep);
	cJSON_Delete(cfg);
	return finish(&out, failures);
}

char *pw_parse(int status, const char *op_name, size_t op_len, const char *headers, size_t headers_len,
	const char *body, size_t body_len)
{
	const unsigned long failures = pw_alloc_failures;
	const struct pw_operation *op = pw_find_operation(op_name, op_len);
	cJSON *h = cJSON_ParseWithLength(headers, headers_len);
	struct pw_header *list = NULL;
	pw_buf out;
	long n = read_headers(h, &list, 0);

	pw_buf_init(&out);
	if (op == NULL || n < 0) {
		put_failure(&out, "ConfigurationError", op == NULL ? "Unknown operation" : "headers must be [[name, value]...]");
	} else {
		pw_parse_response(op, status, list, (size_t)n, body, body_len, &out);
	}
	free(list);
	cJSON_Delete(h);
	return finish(&out, failures);
}
