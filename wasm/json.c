/* JSON writers; see json.h. */
#include "json.h"

#include <string.h>

#include "ascii.h"
#include "validate.h"

/* Escapes exactly what JSON.stringify escapes (", \, control characters), so bodies built here
 * are byte-identical to the AWS SDK's. */
void pw_buf_put_json_string(pw_buf *b, const char *src, size_t len)
{
	static const char digits[] = PW_HEX_DIGITS;
	size_t i, run = 0;

	pw_buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];
		const char *esc = NULL;
		char u[6];

		if (c >= 0x20 && c != '"' && c != '\\') continue;
		pw_buf_put(b, src + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
			u[4] = digits[c >> 4]; u[5] = digits[c & 15];
			pw_buf_put(b, u, 6);
			continue;
		}
		pw_buf_puts(b, esc);
	}
	pw_buf_put(b, src + run, len - run);
	pw_buf_putc(b, '"');
}

void pw_json_put_value(pw_buf *out, const cJSON *v)
{
	const cJSON *c;

	if (cJSON_IsString(v)) {
		pw_buf_put_json_string(out, v->valuestring, strlen(v->valuestring));
	} else if (cJSON_IsNumber(v)) {
		pw_json_put_number(out, v->valuedouble);
	} else if (cJSON_IsTrue(v)) {
		pw_buf_puts(out, "true");
	} else if (cJSON_IsFalse(v)) {
		pw_buf_puts(out, "false");
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		int object = cJSON_IsObject(v);
		pw_buf_putc(out, object ? '{' : '[');
		for (c = v->child; c != NULL; c = c->next) {
			if (c != v->child) pw_buf_putc(out, ',');
			if (object) {
				pw_buf_put_json_string(out, c->string, strlen(c->string));
				pw_buf_putc(out, ':');
			}
			pw_json_put_value(out, c);
		}
		pw_buf_putc(out, object ? '}' : ']');
	} else {
		pw_buf_puts(out, "null");
	}
}

static void wipe_tree(cJSON *v)
{
	for (; v != NULL; v = v->next) {
		if (v->string != NULL) pw_wipe(v->string, strlen(v->string));
		if (v->valuestring != NULL) pw_wipe(v->valuestring, strlen(v->valuestring));
		wipe_tree(v->child);
	}
}

void pw_json_delete_wiped(cJSON *v)
{
	if (v == NULL) return;
	wipe_tree(v);
	cJSON_Delete(v);
}

cJSON *pw_json_parse_input(char *text, size_t len)
{
	if (text == NULL) return NULL;
	return cJSON_ParseWithLength(text, pw_json_mark_lone_surrogates(text, len));
}
