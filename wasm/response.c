/* Response examination; see response.h. */
#include "response.h"

#include <string.h>

#include "json.h"

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

#define MEMBER(s) { s, sizeof s - 1, NULL, 0, 0 }

/* Scans the body once (per four required members): *object whether it is one JSON object; the
 * first of the op's required output members that is not a string in it, or NULL. */
static const char *scan_output(const struct pw_operation *op, const char *body, size_t len, int *object)
{
	const char *const *req = op->required_output;

	do {
		struct pw_json_member m[4];
		size_t n, i;
		for (n = 0; n < 4 && req[n] != NULL; n++) {
			m[n].name = req[n];
			m[n].name_len = strlen(req[n]);
		}
		if (!(*object = len > 0 && pw_json_scan_object(body, len, m, n))) return NULL;
		for (i = 0; i < n; i++) {
			if (m[i].value == NULL || !m[i].is_string) return req[i];
		}
		req += n;
	} while (*req != NULL);
	return NULL;
}

static void examine_success(const struct pw_operation *op, int status, const char *body, size_t len,
	struct pw_response *r)
{
	int object;
	const char *missing = scan_output(op, body, len, &object);

	if (!object && op->empty_output && len == 0) return;
	if (!object || missing != NULL) {
		pw_buf_puts(&r->message, "Could not read the ");
		pw_buf_puts(&r->message, op->name);
		put_message(&r->message, " response: HTTP ", status, " with ");
		if (!object) {
			pw_buf_puts(&r->message, describe_body(len));
		} else {
			pw_buf_puts(&r->message, "no ");
			pw_buf_puts(&r->message, missing);
		}
		r->is_error = 1;
		r->server_fault = 1;
		pw_buf_puts(&r->name, "DeserializationError");
		return;
	}
	/* The body itself, now known to be one JSON object: numbers reach JavaScript exactly as the
	 * service wrote them. */
	if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
		body += 3;
		len -= 3;
	}
	r->output = body;
	r->output_len = len;
}

/* An error: name from X-Amzn-ErrorType, else the body's top-level __type, else its code;
 * message from message, else Message. */
static void examine_error(int status, const struct pw_response_headers *h, const char *body, size_t len,
	struct pw_response *r)
{
	enum { TYPE, CODE, MESSAGE, MESSAGE_UPPER };
	struct pw_json_member m[] = { MEMBER("__type"), MEMBER("code"), MEMBER("message"), MEMBER("Message") };
	int object = len > 0 && pw_json_scan_object(body, len, m, 4);
	const struct pw_json_member *name = NULL, *message = NULL;
	pw_buf raw;
	int i;

	for (i = 0; object && i < 4; i++) {
		if (m[i].value == NULL || !m[i].is_string) m[i].value = NULL;
	}
	if (object) {
		name = m[TYPE].value != NULL ? &m[TYPE] : m[CODE].value != NULL ? &m[CODE] : NULL;
		message = m[MESSAGE].value != NULL ? &m[MESSAGE] : m[MESSAGE_UPPER].value != NULL ? &m[MESSAGE_UPPER] : NULL;
	}
	if (h->error_type != NULL && h->error_type_len > 0) {
		pw_sanitize_error_name(&r->name, h->error_type, h->error_type_len);
	} else if (name != NULL) {
		pw_buf_init(&raw);
		pw_json_put_unescaped(&raw, name->value, name->value_len);
		if (raw.data != NULL) pw_sanitize_error_name(&r->name, raw.data, raw.len);
		r->name.failed |= raw.failed;
		pw_buf_wipe_free(&raw);
	}
	if (message != NULL) {
		pw_json_put_unescaped(&r->message, message->value, message->value_len);
	} else {
		put_message(&r->message, "HTTP ", status, " with ");
		pw_buf_puts(&r->message, object ? "no message" : describe_body(len));
	}
	if (r->name.len == 0) pw_buf_puts(&r->name, "UnknownError");
	r->is_error = 1;
	r->server_fault = status >= 500;
}

pw_status pw_examine_response(const struct pw_operation *op, int status, const struct pw_response_headers *h,
	const char *body, size_t body_len, struct pw_response *r)
{
	if (body == NULL) body_len = 0;
	if (status >= 200 && status < 300) examine_success(op, status, body, body_len, r);
	else examine_error(status, h, body, body_len, r);
	if (h->request_id != NULL && h->request_id_len > 0) {
		r->request_id = h->request_id;
		r->request_id_len = h->request_id_len;
	} else if (h->amz_request_id != NULL && h->amz_request_id_len > 0) {
		r->request_id = h->amz_request_id;
		r->request_id_len = h->amz_request_id_len;
	}
	return r->name.failed || r->message.failed ? PW_NOMEM : PW_OK;
}
