/* Payload construction; see payload.h. */
#include "payload.h"

#include <string.h>

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
		/* fall through - a string is written as it is */
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
