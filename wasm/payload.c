/* Payload construction; see payload.h. */
#include "payload.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ECMAScript Number::toString: the shortest digits that round-trip, then plain notation for
 * exponents from -7 to 20 and "1.5e+21" style beyond. */
void pw_json_put_number(pw_buf *out, double d)
{
	char tmp[40], digits[20];
	int precision, ndigits = 0, exp10, n, i;
	char *p;

	if (!isfinite(d)) {
		pw_buf_puts(out, "null");
		return;
	}
	if (d == 0) {
		pw_buf_putc(out, '0');
		return;
	}
	if (d < 0) {
		pw_buf_putc(out, '-');
		d = -d;
	}
	if (d < 9007199254740992.0 && d == floor(d)) {
		pw_buf_put_uint(out, (unsigned long)(unsigned long long)d);
		return;
	}
	for (precision = 1; precision <= 17; precision++) {
		snprintf(tmp, sizeof tmp, "%.*e", precision - 1, d);
		if (strtod(tmp, NULL) == d) break;
	}
	for (p = tmp; *p != 'e'; p++) {
		if (*p >= '0' && *p <= '9' && ndigits < (int)sizeof digits) digits[ndigits++] = *p;
	}
	exp10 = atoi(p + 1);
	while (ndigits > 1 && digits[ndigits - 1] == '0') ndigits--;
	n = exp10 + 1; /* the value is 0.d1d2... x 10^n */
	if (ndigits <= n && n <= 21) {
		pw_buf_put(out, digits, (size_t)ndigits);
		for (i = ndigits; i < n; i++) pw_buf_putc(out, '0');
	} else if (0 < n && n <= 21) {
		pw_buf_put(out, digits, (size_t)n);
		pw_buf_putc(out, '.');
		pw_buf_put(out, digits + n, (size_t)(ndigits - n));
	} else if (-6 < n && n <= 0) {
		pw_buf_puts(out, "0.");
		for (i = 0; i < -n; i++) pw_buf_putc(out, '0');
		pw_buf_put(out, digits, (size_t)ndigits);
	} else {
		pw_buf_putc(out, digits[0]);
		if (ndigits > 1) {
			pw_buf_putc(out, '.');
			pw_buf_put(out, digits + 1, (size_t)(ndigits - 1));
		}
		pw_buf_putc(out, 'e');
		pw_buf_putc(out, n - 1 < 0 ? '-' : '+');
		pw_buf_put_uint(out, (unsigned long)(n - 1 < 0 ? 1 - n : n - 1));
	}
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

static void put_member_value(pw_buf *out, const struct pw_shape *shape, const cJSON *v)
{
	const cJSON *c;

	switch ((enum pw_type)shape->type) {
	case PW_T_STRUCT:
		pw_payload_build(out, shape, v);
		break;
	case PW_T_LIST:
		pw_buf_putc(out, '[');
		for (c = v->child; c != NULL; c = c->next) {
			if (c != v->child) pw_buf_putc(out, ',');
			put_member_value(out, shape->item, c);
		}
		pw_buf_putc(out, ']');
		break;
	case PW_T_JSON_OBJECT:
		if (cJSON_IsObject(v)) {
			pw_buf text;
			pw_buf_init(&text);
			pw_json_put_value(&text, v);
			if (text.failed) out->failed = 1;
			else pw_buf_put_json_string(out, text.data, text.len);
			pw_buf_wipe_free(&text);
			break;
		}
		/* fall through: a string */
	default:
		pw_json_put_value(out, v);
		break;
	}
}

void pw_payload_build(pw_buf *out, const struct pw_shape *shape, const cJSON *input)
{
	size_t i;
	int first = 1;

	pw_buf_putc(out, '{');
	for (i = 0; i < shape->n_members; i++) {
		const struct pw_member *m = &shape->members[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(input, m->name);

		if (v == NULL || cJSON_IsNull(v)) continue;
		if (!first) pw_buf_putc(out, ',');
		first = 0;
		pw_buf_put_json_string(out, m->name, strlen(m->name));
		pw_buf_putc(out, ':');
		put_member_value(out, m->shape, v);
	}
	pw_buf_putc(out, '}');
}
