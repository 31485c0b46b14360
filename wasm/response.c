/* Response parsing; see response.h. */
#include "response.h"

#include <string.h>

#include "cJSON.h"


static const char *find_header(const struct pw_header *h, size_t n, const char *lower_name, size_t *len)
{
	size_t i, k, name_len = strlen(lower_name);

	for (i = 0; i < n; i++) {
		if (h[i].name_len != name_len) continue;
		for (k = 0; k < name_len; k++) {
			char c = h[i].name[k];
			if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
			if (c != lower_name[k]) break;
		}
		if (k == name_len) {
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

static void put_error(pw_buf *out, const char *name, size_t name_len, const char *message, int status)
{
	pw_buf_puts(out, "{\"error\":{\"name\":");
	pw_buf_put_json_string(out, name, name_len);
	pw_buf_puts(out, ",\"message\":");
	pw_buf_put_json_string(out, message, strlen(message));
	pw_buf_puts(out, ",\"fault\":");
	pw_buf_puts(out, status >= 500 ? "\"server\"" : "\"client\"");
	pw_buf_putc(out, '}');
}

/* A short description of a body that could not be used, for messages. */
static const char *describe_body(size_t len)
{
	return len == 0 ? "an empty body" : "a body that is not a JSON object (or is truncated)";
}

static int is_hex_digit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* What cJSON lets through in a body it parsed but JSON.parse rejects: control characters inside
 * strings; outside them, control characters other than tab, LF and CR (NUL included), which cJSON
 * skips as whitespace; and \u without four hex digits, which cJSON reads as U+0000. */
static int json_parse_rejects(const char *s, size_t len)
{
	size_t i, k;
	int in_string = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && (in_string || (c != '\t' && c != '\n' && c != '\r'))) return 1;
		if (c == '"') {
			in_string = !in_string;
		} else if (c == '\\' && in_string) {
			for (k = 2; i + 1 < len && s[i + 1] == 'u' && k < 6; k++) {
				if (i + k >= len || !is_hex_digit(s[i + k])) return 1;
			}
			i++;
		}
	}
	return 0;
}

static void put_message(pw_buf *msg, const char *a, int status, const char *b)
{
	pw_buf_puts(msg, a);
	if (status < 0) pw_buf_putc(msg, '-');
	pw_buf_put_uint(msg, (unsigned long)(status < 0 ? -(long)status : status));
	pw_buf_puts(msg, b);
}

int pw_parse_response(const struct pw_operation *op, int status, const struct pw_header *headers,
	size_t n_headers, const char *body, size_t body_len, pw_buf *out)
{
	cJSON *parsed = NULL;
	const char *request_id, *type_header;
	size_t request_id_len = 0, type_len = 0, i;
	pw_buf name, msg;
	int result;

	pw_buf_init(&name);
	pw_buf_init(&msg);
	if (body_len > 0) {
		const char *end = NULL;
		parsed = cJSON_ParseWithLengthOpts(body, body_len, &end, 0);
		/* Anything but whitespace after the value means the body is not one JSON document. */
		while (parsed != NULL && end < body + body_len) {
			if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n' && *end != 0) {
				cJSON_Delete(parsed);
				parsed = NULL;
			}
			end++;
		}
		/* Such a body is not JSON: passed through, it would make the result invalid JSON. */
		if (parsed != NULL && json_parse_rejects(body, body_len)) {
			cJSON_Delete(parsed);
			parsed = NULL;
		}
	}
	if (parsed != NULL && !cJSON_IsObject(parsed)) {
		cJSON_Delete(parsed);
		parsed = NULL;
	}
	if (status >= 200 && status < 300) {
		if (parsed == NULL && (op->empty_output && body_len == 0)) {
			pw_buf_puts(out, "{\"output\":{}");
			result = 0;
			goto done;
		}
		for (i = 0; parsed != NULL && op->required_output[i] != NULL; i++) {
			if (string_member(parsed, op->required_output[i]) == NULL) break;
		}
		if (parsed == NULL || op->required_output[i] != NULL) {
			pw_buf_puts(&msg, "Could not read the ");
			pw_buf_puts(&msg, op->name);
			put_message(&msg, " response: HTTP ", status, " with ");
			if (parsed == NULL) {
				pw_buf_puts(&msg, describe_body(body_len));
			} else {
				pw_buf_puts(&msg, "no ");
				pw_buf_puts(&msg, op->required_output[i]);
			}
			put_error(out, "DeserializationError", 20, msg.failed ? "invalid response" : msg.data, 500);
			result = 1;
			goto done;
		}
		/* The body itself, now known to be one JSON object: numbers reach JavaScript exactly as
		 * the service wrote them. */
		if (body_len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
			body += 3;
			body_len -= 3;
		}
		pw_buf_puts(out, "{\"output\":");
		pw_buf_put(out, body, body_len);
		result = 0;
		goto done;
	}

	/* An error: name from X-Amzn-ErrorType, else the body's top-level __type, else its code. */
	type_header = find_header(headers, n_headers, "x-amzn-errortype", &type_len);
	if (type_header != NULL && type_len > 0) {
		pw_sanitize_error_name(&name, type_header, type_len);
	} else if (string_member(parsed, "__type") != NULL) {
		pw_sanitize_error_name(&name, string_member(parsed, "__type"), strlen(string_member(parsed, "__type")));
	} else if (string_member(parsed, "code") != NULL) {
		pw_sanitize_error_name(&name, string_member(parsed, "code"), strlen(string_member(parsed, "code")));
	}
	if (string_member(parsed, "message") != NULL) {
		pw_buf_puts(&msg, string_member(parsed, "message"));
	} else if (string_member(parsed, "Message") != NULL) {
		pw_buf_puts(&msg, string_member(parsed, "Message"));
	} else {
		put_message(&msg, "HTTP ", status, " with ");
		pw_buf_puts(&msg, parsed != NULL ? "no message" : describe_body(body_len));
	}
	if (name.len == 0) pw_buf_puts(&name, "UnknownError");
	put_error(out, name.data, name.len, msg.failed ? "" : msg.data, status);
	result = 1;
done:
	request_id = find_header(headers, n_headers, "x-amzn-requestid", &request_id_len);
	if (request_id == NULL) request_id = find_header(headers, n_headers, "x-amz-request-id", &request_id_len);
	if (request_id != NULL) {
		pw_buf_puts(out, ",\"requestId\":");
		pw_buf_put_json_string(out, request_id, request_id_len);
	}
	pw_buf_putc(out, '}');
	cJSON_Delete(parsed);
	pw_buf_wipe_free(&name);
	pw_buf_wipe_free(&msg);
	return out->failed ? -1 : result;
}
