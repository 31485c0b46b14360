/* Fuzzes the response and error parser (response.c) directly and through pw_parse.
 *
 * Input: bytes 0-1 the HTTP status (big-endian, modulo 600; 0xFF then an index picks an odd
 * one: negative, huge...), byte 2 flags (which headers are sent and how their names are
 * spelt), then NUL-separated: the X-Amzn-ErrorType value, the x-amzn-RequestId value, and the
 * body (the rest, NULs included). Shorter inputs are a 200 body. Each input is parsed for every
 * operation.
 *
 * Invariants: the result is one JSON object that JSON.parse accepts (the glue JSON.parses it;
 * success bodies are passed through byte for byte, so this is where a body cJSON accepts but
 * JavaScript does not would show), exactly one of "output" and "error", the return code says
 * which, errors have a non-empty name, a message and the right fault, a 2xx output is the body's
 * object, the request id is the header's value, and pw_parse agrees with pw_parse_response. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "fuzz_common.h"
#include "operations.h"
#include "response.h"
#include "wasm_exports.h"

#define H_ERROR_TYPE 1u
#define H_REQUEST_ID 2u
#define H_AMZ_REQUEST_ID 4u
#define H_ODD_CASE 8u
#define H_EXTRA 16u

static const int odd_statuses[] = { -1, INT_MIN, INT_MAX, 600, 999, 1000, 65535, 100000, 199, 300, 0, 204 };

static int has_nul(const char *p, size_t n)
{
	return n > 0 && memchr(p, 0, n) != NULL;
}

static void check_one(const struct pw_operation *op, int status, const struct pw_header *h, size_t nh,
	const char *request_id, size_t request_id_len, const char *body, size_t body_len, const char *export_result,
	size_t export_len)
{
	pw_buf out;
	cJSON *tree, *output, *error, *rid;
	int rc;

	pw_buf_init(&out);
	rc = pw_parse_response(op, status, h, nh, body, body_len, &out);
	FZ_CHECK(rc == 0 || rc == 1, "%s: pw_parse_response returned %d", op->name, rc);
	FZ_CHECK(out.data != NULL && strlen(out.data) == out.len, "%s: result missing or holds a NUL: %.*s", op->name,
		(int)out.len, out.data ? out.data : "");
	FZ_CHECK(fz_strict_json(out.data, out.len), "%s (status %d): result is not valid JSON for JSON.parse: %s",
		op->name, status, out.data);
	tree = cJSON_ParseWithLength(out.data, out.len);
	FZ_CHECK(cJSON_IsObject(tree), "%s: cJSON cannot read the result as an object: %s", op->name, out.data);
	output = cJSON_GetObjectItemCaseSensitive(tree, "output");
	error = cJSON_GetObjectItemCaseSensitive(tree, "error");
	FZ_CHECK((output != NULL) != (error != NULL), "%s: not exactly one of output and error: %s", op->name, out.data);
	FZ_CHECK(rc == (error != NULL), "%s: returned %d for %s", op->name, rc, out.data);
	if (status < 200 || status >= 300) FZ_CHECK(rc == 1, "%s: status %d is no success", op->name, status);
	if (error != NULL) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(error, "name");
		const cJSON *message = cJSON_GetObjectItemCaseSensitive(error, "message");
		const cJSON *fault = cJSON_GetObjectItemCaseSensitive(error, "fault");
		FZ_CHECK(cJSON_IsString(name) && cJSON_IsString(message) && cJSON_IsString(fault)
			&& cJSON_GetArraySize(error) == 3, "%s: malformed error: %s", op->name, out.data);
		FZ_CHECK(strcmp(fault->valuestring, status >= 500 || (rc == 1 && status >= 200 && status < 300) ? "server" : "client") == 0,
			"%s: fault %s for status %d", op->name, fault->valuestring, status);
		/* A name of only NULs or blanks is read as empty by cJSON; the raw bytes were not. */
		FZ_CHECK(out.len > 0 && !(name->valuestring[0] == 0 && strstr(out.data, "\"name\":\"\"") != NULL),
			"%s: empty error name: %s", op->name, out.data);
	} else {
		FZ_CHECK(cJSON_IsObject(output), "%s: output is not an object: %s", op->name, out.data);
		if (body_len > 0) {
			/* the body itself (but a UTF-8 BOM), byte for byte */
			size_t skip = body_len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
			FZ_CHECK(out.len > 10 + body_len - skip && memcmp(out.data, "{\"output\":", 10) == 0
				&& memcmp(out.data + 10, body + skip, body_len - skip) == 0, "%s: output is not the body: %s", op->name,
				out.data);
		} else {
			FZ_CHECK(op->empty_output && cJSON_GetArraySize(output) == 0, "%s: output from an empty body", op->name);
		}
	}
	rid = cJSON_GetObjectItemCaseSensitive(tree, "requestId");
	if (request_id != NULL) {
		FZ_CHECK(cJSON_IsString(rid), "%s: no requestId: %s", op->name, out.data);
		if (!has_nul(request_id, request_id_len)) {
			FZ_CHECK(strlen(rid->valuestring) == request_id_len
				&& memcmp(rid->valuestring, request_id, request_id_len) == 0, "%s: requestId differs", op->name);
		}
	} else {
		FZ_CHECK(rid == NULL, "%s: a requestId without the header", op->name);
	}
	if (export_result != NULL) {
		FZ_CHECK(export_len == out.len && memcmp(export_result, out.data, out.len) == 0,
			"%s: pw_parse and pw_parse_response differ:\n  %s\n  %.*s", op->name, out.data, (int)export_len,
			export_result);
	}
	cJSON_Delete(tree);
	pw_buf_wipe_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_field f[3];
	struct pw_header h[4];
	size_t nh = 0, i, n;
	const char *request_id = NULL, *body;
	size_t request_id_len = 0, body_len;
	unsigned flags = 0;
	int status = 200, header_nul = 0;
	fz_buf headers_json = { 0 };

	if (size >= 3) {
		status = data[0] == 0xFF ? odd_statuses[data[1] % (sizeof odd_statuses / sizeof odd_statuses[0])]
			: ((data[0] << 8) | data[1]) % 600;
		flags = data[2];
		n = fz_split(data + 3, size - 3, f, 3);
		for (i = n; i < 3; i++) {
			f[i].p = "";
			f[i].len = 0;
		}
		body = f[2].p;
		body_len = f[2].len;
	} else {
		f[0].p = f[1].p = "";
		f[0].len = f[1].len = 0;
		body = (const char *)data;
		body_len = size;
	}
	if (flags & H_EXTRA) {
		h[nh].name = "Content-Type";
		h[nh].name_len = 12;
		h[nh].value = "";
		h[nh++].value_len = 0;
	}
	if (flags & H_ERROR_TYPE) {
		h[nh].name = flags & H_ODD_CASE ? "X-AMZN-ERRORTYPE" : "X-Amzn-ErrorType";
		h[nh].name_len = 16;
		h[nh].value = f[0].p;
		h[nh++].value_len = f[0].len;
	}
	if (flags & (H_REQUEST_ID | H_AMZ_REQUEST_ID)) {
		h[nh].name = flags & H_REQUEST_ID ? (flags & H_ODD_CASE ? "x-amzn-requestid" : "x-amzn-RequestId")
			: "x-amz-request-id";
		h[nh].name_len = strlen(h[nh].name);
		h[nh].value = request_id = f[1].p;
		h[nh++].value_len = request_id_len = f[1].len;
	}
	fz_buf_putc(&headers_json, '[');
	for (i = 0; i < nh; i++) {
		if (i > 0) fz_buf_putc(&headers_json, ',');
		fz_buf_putc(&headers_json, '[');
		fz_buf_put_json_string(&headers_json, h[i].name, h[i].name_len);
		fz_buf_putc(&headers_json, ',');
		fz_buf_put_json_string(&headers_json, h[i].value, h[i].value_len);
		fz_buf_putc(&headers_json, ']');
		header_nul |= has_nul(h[i].value, h[i].value_len);
	}
	fz_buf_putc(&headers_json, ']');

	for (i = 0; i < fz_n_operations; i++) {
		const char *name = fz_operations[i];
		const struct pw_operation *op = pw_find_operation(name, strlen(name));
		char *result = pw_parse(status, name, strlen(name), headers_json.data, headers_json.len, body, body_len);
		size_t result_len = pw_result_len();

		if (op == NULL) {
			cJSON *tree = fz_take_result(result, "pw_parse");
			FZ_CHECK(cJSON_GetObjectItemCaseSensitive(tree, "error") != NULL, "unknown operation without an error");
			cJSON_Delete(tree);
			continue;
		}
		FZ_CHECK(result != NULL, "pw_parse returned NULL");
		FZ_CHECK(strlen(result) == result_len && fz_strict_json(result, result_len),
			"%s: pw_parse result is not valid JSON for JSON.parse: %.*s", name, (int)result_len, result);
		check_one(op, status, h, nh, request_id, request_id_len, body, body_len, header_nul ? NULL : result,
			result_len);
		pw_release(result);
	}
	fz_buf_free(&headers_json);
	return 0;
}
