/* Input validation against the model; see validate.h. */
#include "validate.h"

#include <math.h>
#include <string.h>

#include "ascii.h"
#include "json.h"
#include "unicode.h"
#include "utf8.h"

void pw_errors_init(pw_errors *e)
{
	pw_buf_init(&e->json);
	pw_buf_init(&e->path);
	e->count = 0;
}

void pw_errors_free(pw_errors *e)
{
	pw_buf_wipe_free(&e->json);
	pw_buf_wipe_free(&e->path);
	e->count = 0;
}

void pw_errors_add(pw_errors *e, const char *field, const char *message)
{
	/* The top level has no member name: it is the input itself. */
	if (field == NULL) field = e->path.len > 0 ? e->path.data : "input";
	if (e->count++ > 0) pw_buf_putc(&e->json, ',');
	pw_buf_puts(&e->json, "{\"field\":");
	pw_buf_put_json_string(&e->json, field, strlen(field));
	pw_buf_puts(&e->json, ",\"message\":");
	pw_buf_put_json_string(&e->json, message, strlen(message));
	pw_buf_putc(&e->json, '}');
}

/* ---- messages: templates filled from the model ---------------------------------------------
 * In a template, %l and %u are the shape's lower and upper bound, %n what the value has, %v the
 * shape's enum values ("A or B", "A, B or C"), %m a structure's member names, %t its name and %s
 * the text given (a field's path). No value is ever part of a message. */

/* Lengths: with a lower bound, or only an upper one (gen_model.mjs refuses a string or list with
 * a lower bound but no upper one, which would need another). */
static const char T_LENGTH_RANGE[] = "must be %l to %u characters long (is %n)";
static const char T_LENGTH_MAX[] = "must be at most %u characters long (is %n)";
static const char T_ITEMS_RANGE[] = "must have %l to %u items (has %n)";
static const char T_ITEMS_MAX[] = "must have at most %u items (has %n)";
static const char T_INTEGER_RANGE[] = "must be an integer from %l to %u";
static const char T_ENUM[] = "must be %v";
static const char T_NOT_A_MEMBER[] = "is not a member of %t (members: %m)";
static const char T_DUPLICATE[] = "duplicates %s: each tag key may appear only once";

static void put_long(pw_buf *b, long v)
{
	if (v < 0) pw_buf_putc(b, '-');
	pw_buf_put_uint(b, v < 0 ? 0ul - (unsigned long)v : (unsigned long)v);
}

static void put_template(pw_buf *msg, const char *t, const struct pw_shape *shape, long have, const char *text)
{
	const char *v;
	size_t i;

	for (; *t != 0; t++) {
		if (*t != '%' || t[1] == 0) {
			pw_buf_putc(msg, *t);
			continue;
		}
		switch (*++t) {
		case 'l': put_long(msg, shape->min); break;
		case 'u': put_long(msg, shape->max); break;
		case 'n': put_long(msg, have); break;
		case 'v':
			for (i = 0, v = shape->values; i < shape->n_values; i++, v += strlen(v) + 1) {
				if (i > 0) pw_buf_puts(msg, i + 1 == shape->n_values ? " or " : ", ");
				pw_buf_puts(msg, v);
			}
			break;
		case 'm':
			for (i = 0; i < shape->n_members; i++) {
				if (i > 0) pw_buf_puts(msg, ", ");
				pw_buf_puts(msg, shape->members[i].name);
			}
			break;
		case 't': pw_buf_puts(msg, shape->name); break;
		default: pw_buf_puts(msg, text); break; /* %s */
		}
	}
}

/* Records the problem the template describes, at e->path. */
static void add_message(pw_errors *e, const char *t, const struct pw_shape *shape, long have, const char *text)
{
	pw_buf msg;

	pw_buf_init(&msg);
	put_template(&msg, t, shape, have, text);
	/* Out of memory: the message is lost, but the problem is still counted and named. */
	pw_errors_add(e, NULL, msg.failed || msg.data == NULL ? "is invalid" : msg.data);
	pw_buf_wipe_free(&msg);
}

/* The length rule a string or list breaks: its bounds say which template. */
static const char *length_template(const struct pw_shape *shape, int items)
{
	if (shape->min > 0) return items ? T_ITEMS_RANGE : T_LENGTH_RANGE;
	return items ? T_ITEMS_MAX : T_LENGTH_MAX;
}

static int in_enum(const struct pw_shape *shape, const char *s, size_t len)
{
	const char *v = shape->values;
	size_t k;

	for (k = 0; k < shape->n_values; k++, v += strlen(v) + 1) {
		if (strlen(v) == len && memcmp(v, s, len) == 0) return 1;
	}
	return 0;
}

/* ---- the walk ------------------------------------------------------------------------------- */

static void validate_value(const struct pw_shape *shape, const cJSON *v, pw_errors *e);

static void truncate_path(pw_errors *e, size_t len)
{
	e->path.len = len;
	if (e->path.data != NULL) e->path.data[len] = 0;
}

static void check_string(const struct pw_shape *shape, const char *s, size_t len, pw_errors *e)
{
	long chars = pw_utf8_count(s, len);

	if (chars < 0) {
		pw_errors_add(e, NULL, memchr(s, PW_NUL_MARK, len) != NULL ? "must not contain NUL characters"
			: "must be valid Unicode text (it holds invalid UTF-8 or a lone surrogate)");
		return;
	}
	if (shape->n_values > 0) {
		/* An enum's values say everything: no length or pattern rule on top. */
		if (!in_enum(shape, s, len)) add_message(e, T_ENUM, shape, 0, NULL);
		return;
	}
	if (chars < shape->min || chars > shape->max) add_message(e, length_template(shape, 0), shape, chars, NULL);
	/* An empty value is checked against the pattern only when its length is allowed. */
	if ((chars > 0 || shape->min == 0) && !pw_match_pattern((enum pw_pattern)shape->pattern, s, len)) {
		pw_errors_add(e, NULL, pw_pattern_rule((enum pw_pattern)shape->pattern));
	}
	if ((shape->flags & PW_F_NO_AWS_PREFIX) && pw_has_aws_prefix(s, len)) {
		pw_errors_add(e, NULL, "must not start with aws: (in any letter case), which AWS reserves");
	}
}

/* Every string inside a JSON object given for a JSON-string member must be valid Unicode. */
static int json_tree_is_utf8(const cJSON *v, int depth)
{
	const cJSON *c;

	if (depth > 64) return 0;
	if (v->string != NULL && pw_utf8_count(v->string, strlen(v->string)) < 0) return 0;
	if (cJSON_IsString(v) && pw_utf8_count(v->valuestring, strlen(v->valuestring)) < 0) return 0;
	for (c = v->child; c != NULL; c = c->next) {
		if (!json_tree_is_utf8(c, depth + 1)) return 0;
	}
	return 1;
}

static void check_json_object(const struct pw_shape *shape, const cJSON *v, pw_errors *e)
{
	cJSON *parsed;

	if (cJSON_IsObject(v)) {
		/* The payload builder serializes it; check what it will produce. */
		pw_buf text;
		pw_buf_init(&text);
		if (!json_tree_is_utf8(v, 0)) {
			pw_errors_add(e, NULL, "must be a JSON object of valid Unicode text, nested at most 64 deep");
		} else {
			pw_json_put_value(&text, v);
			check_string(shape, text.data, text.len, e);
		}
		pw_buf_wipe_free(&text);
		return;
	}
	if (!cJSON_IsString(v)) {
		pw_errors_add(e, NULL, "must be an object or a string holding a JSON object");
		return;
	}
	check_string(shape, v->valuestring, strlen(v->valuestring), e);
	/* As JSON.parse reads it: a byte order mark, which the reader skips in response bodies (as
	 * fetch's decoding does), is not JSON here. */
	parsed = (unsigned char)v->valuestring[0] == 0xEF ? NULL : pw_json_parse(v->valuestring, strlen(v->valuestring));
	if (!cJSON_IsObject(parsed)) pw_errors_add(e, NULL, "must hold a JSON object, e.g. {\"color\": \"red\"}");
	pw_json_delete_wiped(parsed); /* properties are sensitive */
}

static void check_number(const struct pw_shape *shape, const cJSON *v, pw_errors *e)
{
	double d;

	if (!cJSON_IsNumber(v)) {
		pw_errors_add(e, NULL, shape->type == PW_T_TIMESTAMP ? "must be a Date or a number of epoch seconds"
			: shape->type == PW_T_INTEGER ? "must be an integer" : "must be a number");
		return;
	}
	d = v->valuedouble;
	if (!isfinite(d)) {
		pw_errors_add(e, NULL, "must be a finite number");
	} else if (shape->type == PW_T_INTEGER) {
		if (d != floor(d) || d < shape->min || d > shape->max) add_message(e, T_INTEGER_RANGE, shape, 0, NULL);
	} else if (shape->type == PW_T_TIMESTAMP && (d < 0 || d > 253402300799.0)) {
		pw_errors_add(e, NULL, "must be a time between 1970 and 9999");
	}
}

/* A list item's key for uniqueTagKeys: the item itself when it is a string, else its first
 * member (gen_model.mjs checks that is a required string). NULL when it is not a valid string:
 * that item has its own error already. */
static const char *item_key(const struct pw_shape *list, const cJSON *item)
{
	const cJSON *k = item;

	if (list->item->type == PW_T_STRUCT) {
		k = cJSON_IsObject(item) ? cJSON_GetObjectItemCaseSensitive(item, list->item->members[0].name) : NULL;
	}
	return cJSON_IsString(k) ? k->valuestring : NULL;
}

/* Appends "[i]" (and ".key" for structure items) to the path. */
static void put_item_path(pw_buf *path, const struct pw_shape *list, long i, int with_key)
{
	pw_buf_putc(path, '[');
	pw_buf_put_uint(path, (unsigned long)i);
	pw_buf_putc(path, ']');
	if (with_key && list->item->type == PW_T_STRUCT) {
		pw_buf_putc(path, '.');
		pw_buf_puts(path, list->item->members[0].name);
	}
}

/* uniqueTagKeys: each item whose key an earlier item has is reported, naming the first one (never
 * the key: tag keys are sensitive). Lists longer than the model allows are reported as such
 * only, which also bounds this quadratic walk. */
static void check_unique_keys(const struct pw_shape *shape, const cJSON *v, long n, pw_errors *e)
{
	const cJSON *a, *b;
	size_t base = e->path.len;
	long i, j;

	if (n > shape->max) return;
	for (a = v->child, i = 0; a != NULL; a = a->next, i++) {
		const char *ka = item_key(shape, a);
		if (ka == NULL) continue;
		for (b = v->child, j = 0; j < i; b = b->next, j++) {
			const char *kb = item_key(shape, b);
			if (kb != NULL && strcmp(ka, kb) == 0) break;
		}
		if (j == i) continue;
		{
			pw_buf first;
			pw_buf_init(&first);
			pw_buf_put(&first, e->path.data, base);
			put_item_path(&first, shape, j, 1);
			put_item_path(&e->path, shape, i, 1);
			add_message(e, T_DUPLICATE, shape, 0, first.data != NULL ? first.data : "");
			pw_buf_wipe_free(&first);
			truncate_path(e, base);
		}
	}
}

static void check_list(const struct pw_shape *shape, const cJSON *v, pw_errors *e)
{
	const cJSON *item;
	size_t base = e->path.len;
	long n = 0;

	if (!cJSON_IsArray(v)) {
		pw_errors_add(e, NULL, "must be a list");
		return;
	}
	for (item = v->child; item != NULL; item = item->next) n++;
	if (n < shape->min || n > shape->max) add_message(e, length_template(shape, 1), shape, n, NULL);
	n = 0;
	for (item = v->child; item != NULL; item = item->next, n++) {
		put_item_path(&e->path, shape, n, 0);
		validate_value(shape->item, item, e);
		truncate_path(e, base);
	}
	if (shape->flags & PW_F_UNIQUE_KEYS) check_unique_keys(shape, v, n, e);
}

static void check_struct(const struct pw_shape *shape, const cJSON *v, pw_errors *e)
{
	const cJSON *child;
	size_t base = e->path.len, i;

	if (!cJSON_IsObject(v)) {
		pw_errors_add(e, NULL, "must be an object");
		return;
	}
	for (i = 0; i < shape->n_members; i++) {
		const struct pw_member *m = &shape->members[i];
		const cJSON *mv = cJSON_GetObjectItemCaseSensitive(v, m->name);

		if (base > 0) pw_buf_putc(&e->path, '.');
		pw_buf_puts(&e->path, m->name);
		if (mv == NULL || cJSON_IsNull(mv)) {
			if (m->required) pw_errors_add(e, NULL, "is required");
		} else {
			validate_value(m->shape, mv, e);
		}
		truncate_path(e, base);
	}
	/* Stricter than the SDKs, which drop unknown members silently: a misspelt member is a bug. */
	for (child = v->child; child != NULL; child = child->next) {
		int known = 0;
		for (i = 0; i < shape->n_members && !known; i++) known = strcmp(child->string, shape->members[i].name) == 0;
		if (known || cJSON_IsNull(child)) continue;
		if (base > 0) pw_buf_putc(&e->path, '.');
		if (pw_utf8_count(child->string, strlen(child->string)) < 0) pw_buf_puts(&e->path, "(invalid name)");
		else pw_buf_puts(&e->path, child->string);
		add_message(e, T_NOT_A_MEMBER, shape, 0, NULL);
		truncate_path(e, base);
	}
}

static void validate_value(const struct pw_shape *shape, const cJSON *v, pw_errors *e)
{
	switch ((enum pw_type)shape->type) {
	case PW_T_STRING:
		if (!cJSON_IsString(v)) pw_errors_add(e, NULL, "must be a string");
		else check_string(shape, v->valuestring, strlen(v->valuestring), e);
		break;
	case PW_T_INTEGER:
	case PW_T_DOUBLE:
	case PW_T_TIMESTAMP:
		check_number(shape, v, e);
		break;
	case PW_T_JSON_OBJECT:
		check_json_object(shape, v, e);
		break;
	case PW_T_LIST:
		check_list(shape, v, e);
		break;
	case PW_T_STRUCT:
		check_struct(shape, v, e);
		break;
	}
}

unsigned pw_validate_input(const struct pw_shape *shape, const cJSON *value, pw_errors *e)
{
	unsigned before = e->count;

	pw_buf_reset(&e->path);
	if (value == NULL || cJSON_IsNull(value)) {
		pw_errors_add(e, "input", "must be an object");
	} else {
		validate_value(shape, value, e);
	}
	return e->count - before;
}
