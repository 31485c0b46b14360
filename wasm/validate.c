/* Input validation against the model; see validate.h. */
#include "validate.h"

#include <math.h>
#include <string.h>

#include "payload.h"
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

/* "must be 1 to 63 characters long (is 64)" / "must have at most 200 items (has 201)" */
static void add_range(pw_errors *e, const char *verb, long min, long max, const char *unit,
	const char *have_word, long have)
{
	pw_buf msg;

	pw_buf_init(&msg);
	pw_buf_puts(&msg, verb);
	if (min > 0 && min == max) {
		pw_buf_put_uint(&msg, (unsigned long)min);
	} else if (min > 0) {
		pw_buf_put_uint(&msg, (unsigned long)min);
		pw_buf_puts(&msg, " to ");
		pw_buf_put_uint(&msg, (unsigned long)max);
	} else {
		pw_buf_puts(&msg, "at most ");
		pw_buf_put_uint(&msg, (unsigned long)max);
	}
	pw_buf_puts(&msg, unit);
	pw_buf_puts(&msg, " (");
	pw_buf_puts(&msg, have_word);
	pw_buf_putc(&msg, ' ');
	if (have < 0) {
		pw_buf_putc(&msg, '-');
		have = -have;
	}
	pw_buf_put_uint(&msg, (unsigned long)have);
	pw_buf_putc(&msg, ')');
	pw_errors_add(e, NULL, msg.failed ? "is out of range" : msg.data);
	pw_buf_wipe_free(&msg);
}

/* ---- patterns ------------------------------------------------------------------------------ */

static int in_set(unsigned c, const char *set)
{
	return c != 0 && strchr(set, (int)c) != NULL;
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int match_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !is_alnum((unsigned char)s[0])) return 0;
	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_alnum(c) && c != '-' && c != '_') return 0;
	}
	return 1;
}

/* Regex '.' (Java and JS) does not match line terminators. */
static int is_line_terminator(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static int no_line_terminators(const char *s, size_t len)
{
	size_t pos = 0;
	uint32_t cp;

	while (pos < len) {
		if (pw_utf8_next(s, len, &pos, &cp) != 0 || is_line_terminator(cp)) return 0;
	}
	return 1;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

/* arn:([a-z\d-]+):personalize:.*:.*:.+ over the whole value: a partition, then "personalize:",
 * then a rest holding two colons of which the second is not its last character. */
static int match_arn(const char *s, size_t len)
{
	size_t i = 4, colons = 0, second = 0;

	if (!starts_with(s, len, "arn:")) return 0;
	while (i < len && (s[i] == '-' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) i++;
	if (i == 4 || !starts_with(s + i, len - i, ":personalize:")) return 0;
	i += 13;
	if (!no_line_terminators(s + i, len - i)) return 0;
	for (; i < len; i++) {
		if (s[i] == ':' && ++colons == 2) second = i;
	}
	return colons >= 2 && second + 1 < len;
}

static int match_tag(const char *s, size_t len)
{
	size_t pos = 0;
	uint32_t cp;

	while (pos < len) {
		if (pw_utf8_next(s, len, &pos, &cp) != 0) return 0;
		if (cp < 0x80 && in_set(cp, "_.:/=+-@")) continue;
		if (!pw_is_letter_separator_number(cp)) return 0;
	}
	return 1;
}

static int match_ascii(const char *s, size_t len, int printable)
{
	size_t i;
	int non_space = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (printable && (c < 0x20 || c == 0x7F))) return 0;
		if (c != ' ') non_space = 1;
	}
	return !printable || non_space;
}

static int is_digits(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) if (s[i] < '0' || s[i] > '9') return 0;
	return 1;
}

/* arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+ */
static int match_role_arn(const char *s, size_t len)
{
	size_t i = 4;

	if (!starts_with(s, len, "arn:")) return 0;
	while (i < len && (s[i] == '-' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) i++;
	if (i == 4 || !starts_with(s + i, len - i, ":iam::")) return 0;
	i += 6;
	if (len - i < 13 || !is_digits(s + i, 12) || s[i + 12] != ':') return 0;
	i += 13;
	if (!starts_with(s + i, len - i, "role")) return 0;
	i += 4;
	/* '/' is itself in the class, so "/?[class]+" is just "[class]+". */
	if (i == len) return 0;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_alnum(c) && !in_set(c, "_+=,.@-/")) return 0;
	}
	return 1;
}

/* arn:aws.*:kms:.*:[0-9]{12}:key/.* */
static int match_kms_arn(const char *s, size_t len)
{
	size_t i, k;

	if (!starts_with(s, len, "arn:aws") || !no_line_terminators(s, len)) return 0;
	/* Some ":kms:" after "arn:aws", then some ":<12 digits>:key/" after that. */
	for (i = 7; i + 5 <= len; i++) {
		if (memcmp(s + i, ":kms:", 5) != 0) continue;
		for (k = i + 4; k + 18 <= len; k++) {
			if (s[k] == ':' && is_digits(s + k + 1, 12) && memcmp(s + k + 13, ":key/", 5) == 0) return 1;
		}
	}
	return 0;
}

int pw_match_pattern(enum pw_pattern p, const char *s, size_t len)
{
	switch (p) {
	case PW_P_NONE: return 1;
	case PW_P_NAME: return match_name(s, len);
	case PW_P_ARN: return match_arn(s, len);
	case PW_P_TAG: return match_tag(s, len);
	case PW_P_ASCII: return match_ascii(s, len, 0);
	case PW_P_PRINTABLE: return match_ascii(s, len, 1);
	case PW_P_ROLE_ARN: return match_role_arn(s, len);
	case PW_P_KMS_ARN: return match_kms_arn(s, len);
	case PW_P_DOMAIN:
		return (len == 9 && memcmp(s, "ECOMMERCE", 9) == 0) || (len == 15 && memcmp(s, "VIDEO_ON_DEMAND", 15) == 0);
	}
	return 0;
}

static const char *pattern_rule(enum pw_pattern p)
{
	switch (p) {
	case PW_P_NAME:
		return "must match ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*: start with a letter or digit, then only letters, digits, hyphens (-) and underscores (_)";
	case PW_P_ARN:
		return "must match arn:([a-z\\d-]+):personalize:.*:.*:.+, e.g. arn:aws:personalize:us-east-1:123456789012:dataset-group/my-group";
	case PW_P_TAG:
		return "may contain only Unicode letters, numbers and spaces, and _ . : / = + - @";
	case PW_P_ASCII:
		return "may contain only ASCII characters";
	case PW_P_PRINTABLE:
		return "must be printable ASCII and not only spaces";
	case PW_P_ROLE_ARN:
		return "must be an IAM role ARN matching arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
	case PW_P_KMS_ARN:
		return "must be a KMS key ARN matching arn:aws.*:kms:.*:[0-9]{12}:key/.*";
	case PW_P_DOMAIN:
		return "must be ECOMMERCE or VIDEO_ON_DEMAND";
	case PW_P_NONE:
		break;
	}
	return "is invalid";
}

int pw_has_aws_prefix(const char *s, size_t len)
{
	return len >= 4 && (s[0] | 0x20) == 'a' && (s[1] | 0x20) == 'w' && (s[2] | 0x20) == 's' && s[3] == ':';
}

/* ---- the walk ------------------------------------------------------------------------------- */

static void validate_value(const struct pw_shape *shape, const cJSON *v, pw_errors *e);

static void check_string(const struct pw_shape *shape, const char *s, size_t len, pw_errors *e)
{
	long chars = pw_utf8_count(s, len);

	if (chars < 0) {
		pw_errors_add(e, NULL, memchr(s, PW_NUL_MARK, len) != NULL ? "must not contain NUL characters"
			: "must be valid Unicode text (it holds invalid UTF-8 or a lone surrogate)");
		return;
	}
	if (chars < shape->min || chars > shape->max) {
		add_range(e, "must be ", shape->min, shape->max, " characters long", "is", chars);
	}
	/* An empty value is checked against the pattern only when its length is allowed. */
	if ((chars > 0 || shape->min == 0) && !pw_match_pattern((enum pw_pattern)shape->pattern, s, len)) {
		pw_errors_add(e, NULL, pattern_rule((enum pw_pattern)shape->pattern));
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
	parsed = cJSON_ParseWithOpts(v->valuestring, NULL, 1); /* nothing may follow the object */
	if (!cJSON_IsObject(parsed)) pw_errors_add(e, NULL, "must hold a JSON object, e.g. {\"color\": \"red\"}");
	cJSON_Delete(parsed);
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
		if (d != floor(d) || d < shape->min || d > shape->max) {
			pw_buf msg;
			pw_buf_init(&msg);
			pw_buf_puts(&msg, "must be an integer from ");
			pw_buf_put_uint(&msg, (unsigned long)shape->min);
			pw_buf_puts(&msg, " to ");
			pw_buf_put_uint(&msg, (unsigned long)shape->max);
			pw_errors_add(e, NULL, msg.failed ? "is out of range" : msg.data);
			pw_buf_wipe_free(&msg);
		}
	} else if (shape->type == PW_T_TIMESTAMP && (d < 0 || d > 253402300799.0)) {
		pw_errors_add(e, NULL, "must be a time between 1970 and 9999");
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
	if (n < shape->min || n > shape->max) {
		add_range(e, "must have ", shape->min, shape->max, shape->max == 1 ? " item" : " items", "has", n);
	}
	n = 0;
	for (item = v->child; item != NULL; item = item->next, n++) {
		pw_buf_putc(&e->path, '[');
		pw_buf_put_uint(&e->path, (unsigned long)n);
		pw_buf_putc(&e->path, ']');
		validate_value(shape->item, item, e);
		e->path.len = base;
		if (e->path.data != NULL) e->path.data[base] = 0;
	}
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
		e->path.len = base;
		if (e->path.data != NULL) e->path.data[base] = 0;
	}
	/* Stricter than the SDKs, which drop unknown members silently: a misspelt member is a bug. */
	for (child = v->child; child != NULL; child = child->next) {
		int known = 0;
		for (i = 0; i < shape->n_members && !known; i++) known = strcmp(child->string, shape->members[i].name) == 0;
		if (known || cJSON_IsNull(child)) continue;
		if (base > 0) pw_buf_putc(&e->path, '.');
		if (pw_utf8_count(child->string, strlen(child->string)) < 0) pw_buf_puts(&e->path, "(invalid name)");
		else pw_buf_puts(&e->path, child->string);
		{
			pw_buf msg;
			pw_buf_init(&msg);
			pw_buf_puts(&msg, "is not a member of ");
			pw_buf_puts(&msg, shape->name);
			pw_buf_puts(&msg, " (members: ");
			for (i = 0; i < shape->n_members; i++) {
				if (i > 0) pw_buf_puts(&msg, ", ");
				pw_buf_puts(&msg, shape->members[i].name);
			}
			pw_buf_putc(&msg, ')');
			pw_errors_add(e, NULL, msg.failed ? "is not a member" : msg.data);
			pw_buf_wipe_free(&msg);
		}
		e->path.len = base;
		if (e->path.data != NULL) e->path.data[base] = 0;
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

/* ---- lone surrogates ------------------------------------------------------------------------ */

static long hex4(const char *s)
{
	long v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') v |= (c | 0x20) - 'a' + 10;
		else return -1;
	}
	return v;
}

size_t pw_json_mark_lone_surrogates(char *text, size_t len)
{
	size_t in = 0, out = 0;

	while (in < len) {
		long u, low;

		if (text[in] != '\\' || in + 1 >= len) {
			text[out++] = text[in++];
			continue;
		}
		if (text[in + 1] == 'u' && in + 6 <= len && hex4(text + in + 2) == 0) {
			/* cJSON would end the C string at the NUL and silently drop the rest. */
			text[out++] = (char)PW_NUL_MARK;
			in += 6;
			continue;
		}
		if (text[in + 1] != 'u' || in + 6 > len || (u = hex4(text + in + 2)) < 0xD800 || u > 0xDFFF) {
			/* Any other escape (including "\\\\") is copied whole. */
			text[out++] = text[in++];
			text[out++] = text[in++];
			continue;
		}
		if (u <= 0xDBFF && in + 12 <= len && text[in + 6] == '\\' && text[in + 7] == 'u'
			&& (low = hex4(text + in + 8)) >= 0xDC00 && low <= 0xDFFF) {
			memmove(text + out, text + in, 12);
			out += 12;
			in += 12;
			continue;
		}
		text[out++] = (char)PW_SURROGATE_MARK;
		in += 6;
	}
	return out;
}
