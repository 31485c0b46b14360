/* Response parsing; see response.h. */
#include "response.h"

#include <string.h>

#include "ascii.h"
#include "cJSON.h"
#include "json.h"

static const char *find_header(const struct pw_header *h, size_t n, const char *lower_name, size_t *len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (pw_ascii_eq_lower_str(h[i].name, h[i].name_len, lower_name)) {
			*len = h[i].value_len;
			return h[i].value;
		}
	}
	return NULL;
}

void pw_sanitize_error_name(pw_buf *out, const char *raw, size_t len)
{
	const char *p;

	if ((p = memchr(raw, ',', len)) != NULL) len = (size_t)(p - raw);
	if ((p = memchr(raw, ':', len)) != NULL) len = (size_t)(p - raw);
	if ((p = memchr(raw, '#', len)) != NULL) {
		len -= (size_t)(p + 1 - raw);
		raw = p + 1;
		if ((p = memchr(raw, '#', len)) != NULL) len = (size_t)(p - raw);
	}
	while (len > 0 && (*raw == ' ' || *raw == '\t')) { raw++; len--; }
	while (len > 0 && (raw[len - 1] == ' ' || raw[len - 1] == '\t')) len--;
	pw_buf_put(out, raw, len);
}

static const char *string_member(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A short description of a body that could not be used, for messages. */
static const char *describe_body(size_t len)
{
	return len == 0 ? "an empty body" : "a body that is not a JSON object (or is truncated)";
}

static void put_message(pw_buf *msg, const char *a, int status, const char *b)
{
	pw_buf_puts(msg, a);
	if (status < 0) pw_buf_putc(msg, '-');
	pw_buf_put_uint(msg, (unsigned long)(status < 0 ? -(long)status : status));
	pw_buf_puts(msg, b);
}

void pw_response_init(struct pw_response *r)
{
	memset(r, 0, sizeof *r);
}

void pw_response_free(struct pw_response *r)
{
	pw_buf_wipe_free(&r->name);
	pw_buf_wipe_free(&r->message);
	pw_response_init(r);
}

static int fail_with(struct pw_response *r, const char *name, int server)
{
	r->is_error = 1;
	r->server_fault = server;
	pw_buf_puts(&r->name, name);
	return 1;
}

int pw_examine_response(const struct pw_operation *op, int status, const struct pw_header *headers,
	size_t n_headers, const char *body, size_t body_len, struct pw_response *r)
{
	cJSON *parsed = NULL;
	const char *type_header;
	size_t type_len = 0, i;
	pw_buf *name = &r->name, *msg = &r->message;
	int result;

	/* One JSON document as JSON.parse reads it (the glue parses the body itself), or NULL. */
	if (body_len > 0) parsed = pw_json_parse(body, body_len);
	/* Trees are freed wiped: an output may hold tag values (ListTagsForResource). */
	if (parsed != NULL && !cJSON_IsObject(parsed)) {
		pw_json_delete_wiped(parsed);
		parsed = NULL;
	}
	if (status >= 200 && status < 300) {
		if (parsed == NULL && (op->empty_output && body_len == 0)) {
			result = 0;
			goto done;
		}
		for (i = 0; parsed != NULL && op->required_output[i] != NULL; i++) {
			if (string_member(parsed, op->required_output[i]) == NULL) break;
		}
		if (parsed == NULL || op->required_output[i] != NULL) {
			pw_buf_puts(msg, "Could not read the ");
			pw_buf_puts(msg, op->name);
			put_message(msg, " response: HTTP ", status, " with ");
			if (parsed == NULL) {
				pw_buf_puts(msg, describe_body(body_len));
			} else {
				pw_buf_puts(msg, "no ");
				pw_buf_puts(msg, op->required_output[i]);
			}
			result = fail_with(r, "DeserializationError", 1);
			goto done;
		}
		/* The body itself, now known to be one JSON object: numbers reach JavaScript exactly as
		 * the service wrote them. */
		if (body_len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
			body += 3;
			body_len -= 3;
		}
		r->output = body;
		r->output_len = body_len;
		result = 0;
		goto done;
	}

	/* An error: name from X-Amzn-ErrorType, else the body's top-level __type, else its code. */
	type_header = find_header(headers, n_headers, "x-amzn-errortype", &type_len);
	if (type_header != NULL && type_len > 0) {
		pw_sanitize_error_name(name, type_header, type_len);
	} else if (string_member(parsed, "__type") != NULL) {
		pw_sanitize_error_name(name, string_member(parsed, "__type"), strlen(string_member(parsed, "__type")));
	} else if (string_member(parsed, "code") != NULL) {
		pw_sanitize_error_name(name, string_member(parsed, "code"), strlen(string_member(parsed, "code")));
	}
	if (string_member(parsed, "message") != NULL) {
		pw_buf_puts(msg, string_member(parsed, "message"));
	} else if (string_member(parsed, "Message") != NULL) {
		pw_buf_puts(msg, string_member(parsed, "Message"));
	} else {
		put_message(msg, "HTTP ", status, " with ");
		pw_buf_puts(msg, parsed != NULL ? "no message" : describe_body(body_len));
	}
	result = fail_with(r, name->len == 0 ? "UnknownError" : "", status >= 500);
done:
	r->request_id = find_header(headers, n_headers, "x-amzn-requestid", &r->request_id_len);
	if (r->request_id == NULL) r->request_id = find_header(headers, n_headers, "x-amz-request-id", &r->request_id_len);
	pw_json_delete_wiped(parsed);
	return name->failed || msg->failed ? -1 : result;
}

int pw_parse_response(const struct pw_operation *op, int status, const struct pw_header *headers,
	size_t n_headers, const char *body, size_t body_len, pw_buf *out)
{
	struct pw_response r;
	int rc;

	pw_response_init(&r);
	rc = pw_examine_response(op, status, headers, n_headers, body, body_len, &r);
	if (rc == 0) {
		pw_buf_puts(out, "{\"output\":");
		if (r.output != NULL) pw_buf_put(out, r.output, r.output_len);
		else pw_buf_puts(out, "{}");
	} else if (rc == 1) {
		pw_buf_puts(out, "{\"error\":{\"name\":");
		pw_buf_put_json_string(out, r.name.data, r.name.len);
		pw_buf_puts(out, ",\"message\":");
		pw_buf_put_json_string(out, r.message.failed || r.message.data == NULL ? "" : r.message.data, r.message.len);
		pw_buf_puts(out, ",\"fault\":");
		pw_buf_puts(out, r.server_fault ? "\"server\"}" : "\"client\"}");
	}
	if (r.request_id != NULL) {
		pw_buf_puts(out, ",\"requestId\":");
		pw_buf_put_json_string(out, r.request_id, r.request_id_len);
	}
	pw_buf_putc(out, '}');
	pw_response_free(&r);
	return out->failed || rc < 0 ? -1 : rc;
}
