/* The calls the export tests make (fixture.h): each through the module's shipped exports. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "result.h"

int fx_starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

int fx_contains(const char *s, const char *part)
{
	return s != NULL && strstr(s, part) != NULL;
}

const char *fx_str(const cJSON *o, const char *path)
{
	char name[64];
	const char *dot;

	while ((dot = strchr(path, '.')) != NULL) {
		size_t n = (size_t)(dot - path);
		if (n >= sizeof name) return NULL;
		memcpy(name, path, n);
		name[n] = 0;
		o = cJSON_GetObjectItemCaseSensitive(o, name);
		path = dot + 1;
	}
	o = cJSON_GetObjectItemCaseSensitive(o, path);
	return cJSON_IsString(o) ? o->valuestring : NULL;
}

const char FX_SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/* Adds a result's error fields to o as {"error":{"name","message"}} or, for a ValidationError,
 * {"errors":[...]}. */
static void add_error(cJSON *o, const struct pw_result *r)
{
	char *name = pw_test_field(r, PW_ERROR_NAME), *message = pw_test_field(r, PW_ERROR_MESSAGE);

	if (strcmp(name, "ValidationError") == 0) {
		cJSON *errors = pw_test_field_json(r, PW_ERROR_DETAIL);
		cJSON_AddItemToObject(o, "errors", errors != NULL ? errors : cJSON_CreateNull());
	} else {
		cJSON *e = cJSON_AddObjectToObject(o, "error");
		cJSON_AddStringToObject(e, "name", name);
		cJSON_AddStringToObject(e, "message", message);
	}
	free(name);
	free(message);
}

static void add_field(cJSON *o, const char *name, const struct pw_result *r, int i)
{
	char *s = pw_test_field(r, i);

	cJSON_AddStringToObject(o, name, s);
	free(s);
}


/* One call as the glue makes it: the secret opened (its buffer must be left all zero),
 * pw_prepare_request, pw_sign_attempt 1 of 3 (with the canonical strings), pw_call_end. The
 * outcome as JSON: {"request":{"method","url","headers","body"},"canonicalRequest",
 * "stringToSign","signature"[,"eventIds"]}, {"errors":[...]} or {"error":{"name","message"}}. */
cJSON *fx_run_call(const struct fx_call *c, const char *input, const char *file, int line)
{
	cJSON *o = cJSON_CreateObject(), *req;
	char *secret = pw_test_buffer(FX_SECRET), *in = pw_test_buffer(input);
	char *region = c->region != NULL ? pw_test_buffer(c->region) : NULL;
	const char *packed_strings[PW_PACKED_SIGN_ATTEMPT_COUNT];
	char packed[512];
	size_t packed_len;
	uint32_t key = pw_key_open(secret, strlen(FX_SECRET)), call;
	struct pw_result *r;

	pw_check(pw_test_all_zero(secret, strlen(FX_SECRET)), file, line, "the secret buffer is wiped");
	r = pw_prepare_request(c->op, strlen(c->op), in, strlen(input), region, region != NULL ? strlen(c->region) : 0,
		c->endpoint, c->endpoint != NULL ? strlen(c->endpoint) : 0, c->flags);
	if (!pw_check(r != NULL, file, line, "a prepare result")) goto done;
	if (r->status != PW_OK) {
		pw_check(r->handle == 0, file, line, "no handle for a refused call");
		add_error(o, r);
		pw_done(0);
		goto done;
	}
	call = r->handle;
	req = cJSON_AddObjectToObject(o, "request");
	cJSON_AddStringToObject(req, "method", "POST");
	add_field(req, "url", r, PW_PREPARE_URL);
	add_field(req, "body", r, PW_PREPARE_BODY);
	if (r->f[PW_PREPARE_EVENT_IDS].len > 0) cJSON_AddItemToObject(o, "eventIds", pw_test_field_json(r, PW_PREPARE_EVENT_IDS));
	pw_done(0);
	packed_strings[PW_PACKED_SIGN_ATTEMPT_ACCESS_KEY_ID] = c->akid;
	packed_strings[PW_PACKED_SIGN_ATTEMPT_SESSION_TOKEN] = c->token;
	packed_strings[PW_PACKED_SIGN_ATTEMPT_DATE] = c->date;
	packed_strings[PW_PACKED_SIGN_ATTEMPT_INVOCATION_ID] = c->invocation_id != NULL ? c->invocation_id : "inv-1";
	packed_len = pw_test_pack(packed, packed_strings, PW_PACKED_SIGN_ATTEMPT_COUNT);
	r = pw_sign_attempt(call, key, packed, packed_len, 1, 3, PW_SIGN_CANONICAL);
	if (pw_check(r != NULL, file, line, "a sign result")) {
		if (r->status != PW_OK) {
			cJSON_DeleteItemFromObject(o, "request");
			add_error(o, r);
		} else {
			cJSON_AddItemToObject(req, "headers", pw_test_header_list(r));
			add_field(o, "authorization", r, PW_SIGN_AUTHORIZATION);
			add_field(o, "signature", r, PW_SIGN_SIGNATURE);
			add_field(o, "canonicalRequest", r, PW_SIGN_CANONICAL_REQUEST);
			add_field(o, "stringToSign", r, PW_SIGN_STRING_TO_SIGN);
		}
	}
	pw_done(0);
	pw_call_end(call);
done:
	pw_key_close(key);
	pw_test_free(secret, strlen(FX_SECRET));
	pw_test_free(in, strlen(input));
	if (region != NULL) pw_test_free(region, strlen(c->region));
	return o;
}

cJSON *fx_build(const char *op, const char *region, const char *input, const char *token, const char *file, int line)
{
	struct fx_call c = { op, region, NULL, 0, "AKID", token, "20261126T000000Z", NULL };

	return fx_run_call(&c, input, file, line);
}

struct pw_result *fx_examine(int status, const char *op, const char *error_type, const char *request_id,
	const char *amz_request_id, const char *body)
{
	static char packed[256];
	const char *h[PW_PACKED_EXAMINE_COUNT];
	size_t n;

	h[PW_PACKED_EXAMINE_ERROR_TYPE] = error_type;
	h[PW_PACKED_EXAMINE_REQUEST_ID] = request_id;
	h[PW_PACKED_EXAMINE_AMZ_REQUEST_ID] = amz_request_id;
	n = pw_test_pack(packed, h, PW_PACKED_EXAMINE_COUNT);
	return pw_examine(0, op, op != NULL ? strlen(op) : 0, status, packed, n, body, body != NULL ? strlen(body) : 0);
}

struct pw_result *fx_sign_request(uint32_t key, const char *method, const char *path, const char *query,
	const char *akid, const char *token, const char *region, const char *service, const char *date,
	const char *headers, size_t headers_len, const char *body, unsigned flags)
{
	static char packed[1024];
	const char *a[PW_PACKED_SIGN_REQUEST_COUNT];
	size_t n;

	a[PW_PACKED_SIGN_REQUEST_METHOD] = method;
	a[PW_PACKED_SIGN_REQUEST_PATH] = path;
	a[PW_PACKED_SIGN_REQUEST_QUERY] = query;
	a[PW_PACKED_SIGN_REQUEST_ACCESS_KEY_ID] = akid;
	a[PW_PACKED_SIGN_REQUEST_SESSION_TOKEN] = token;
	a[PW_PACKED_SIGN_REQUEST_REGION] = region;
	a[PW_PACKED_SIGN_REQUEST_SERVICE] = service;
	a[PW_PACKED_SIGN_REQUEST_DATE] = date;
	n = pw_test_pack(packed, a, PW_PACKED_SIGN_REQUEST_COUNT);
	return pw_sign_request(key, packed, n, headers, headers_len, (const unsigned char *)body, body != NULL ? strlen(body) : 0, flags);
}

