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
 * object, the request id is the header's value, and pw_parse agrees with pw_parse_response.
 * The body, and the whole input, also go to the JSON reader (json.h): it accepts exactly what
 * JSON.parse accepts (fz_strict_json) but for its two listed refusals (the input reader only for
 * the nesting), and where cJSON's parser reads the same text, the two trees agree. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "fuzz_common.h"
#include "json.h"
#include "operations.h"
#include "response.h"
#include "ascii.h"
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

/* ---- the JSON reader ---------------------------------------------------------------------------- */

/* Arrays and objects nested in each other, at the deepest (brackets outside strings). */
static size_t nesting(const char *s, size_t len)
{
	size_t i, depth = 0, deepest = 0;
	int in_string = 0;

	for (i = 0; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\') i++;
			else if (s[i] == '"') in_string = 0;
		} else if (s[i] == '"') {
			in_string = 1;
		} else if (s[i] == '[' || s[i] == '{') {
			if (++depth > deepest) deepest = depth;
		} else if ((s[i] == ']' || s[i] == '}') && depth > 0) {
			depth--;
		}
	}
	return deepest;
}

/* 1 when some \u escape in a string is of a lone surrogate (not half of a pair), read
 * independently of the reader. */
static int has_lone_surrogate_escape(const char *s, size_t len)
{
	size_t i;
	long hi = -1; /* the high surrogate just read, if the escape before i was one */
	int in_string = 0;

	for (i = 0; i < len; i++) {
		long u = -1;
		if (!in_string) {
			in_string = s[i] == '"';
			continue;
		}
		if (s[i] == '"') {
			in_string = 0;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 6 <= len && (u = pw_hex4(s + i + 2)) >= 0) i += 5;
			else i++;
		}
		if (hi >= 0 && !(u >= 0xDC00 && u <= 0xDFFF)) return 1;
		if (hi < 0 && u >= 0xDC00 && u <= 0xDFFF) return 1;
		hi = hi < 0 && u >= 0xD800 && u <= 0xDBFF ? u : -1;
	}
	return hi >= 0;
}

/* The same tree: types, member names, strings, and numbers (cJSON's strtod is the C library's,
 * which may round a near-tie of more than 17 digits the other way). */
static void same_tree(const cJSON *a, const cJSON *b, const char *s, size_t len)
{
	for (; a != NULL || b != NULL; a = a->next, b = b->next) {
		FZ_CHECK(a != NULL && b != NULL && a->type == b->type, "the reader and cJSON differ: %.*s", (int)len, s);
		FZ_CHECK((a->string == NULL) == (b->string == NULL) && (a->string == NULL || strcmp(a->string, b->string) == 0),
			"a member name differs: %.*s", (int)len, s);
		if (cJSON_IsString(a)) FZ_CHECK(strcmp(a->valuestring, b->valuestring) == 0, "a string differs: %.*s", (int)len, s);
		if (cJSON_IsNumber(a)) {
			double x = a->valuedouble, y = b->valuedouble;
			FZ_CHECK(x == y || fabs(x - y) <= 1e-15 * fabs(y), "a number differs (%.17g, %.17g): %.*s", x, y, (int)len, s);
		}
		FZ_CHECK(a->child == NULL || a->child->prev != NULL, "a first child without its last as prev");
		same_tree(a->child, b->child, s, len);
		if (a->child != NULL) {
			const cJSON *last = a->child;
			while (last->next != NULL) last = last->next;
			FZ_CHECK(a->child->prev == last, "the first child's prev is not the last: %.*s", (int)len, s);
		}
	}
}

static void check_reader(const char *s, size_t len)
{
	size_t bom = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	int strict = fz_strict_json(s + bom, len - bom);
	cJSON *tree = pw_json_parse(s, len), *theirs;

	if (tree != NULL) {
		FZ_CHECK(strict, "the reader accepts what JSON.parse does not: %.*s", (int)len, s);
		theirs = cJSON_ParseWithLength(s, len);
		if (theirs != NULL) same_tree(tree, theirs, s, len);
		cJSON_Delete(theirs);
		cJSON_Delete(tree);
	} else if (strict) {
		FZ_CHECK(has_lone_surrogate_escape(s + bom, len - bom) || nesting(s, len) > 1000,
			"the reader refuses what JSON.parse accepts: %.*s", (int)len, s);
	}
	/* The input reader marks lone surrogates instead: it reads every such text. */
	tree = pw_json_parse_input(s, len);
	FZ_CHECK(tree == NULL || strict, "the input reader accepts what JSON.parse does not: %.*s", (int)len, s);
	FZ_CHECK(tree != NULL || !strict || nesting(s, len) > 1000, "the input reader refuses what JSON.parse accepts: %.*s",
		(int)len, s);
	cJSON_Delete(tree);
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
	check_reader(body, body_len);
	check_reader((const char *)data, size);

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
