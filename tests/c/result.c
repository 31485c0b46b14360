/* See result.h. */
#include "result.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *pw_test_field(const struct pw_result *r, int i)
{
	char *s;

	if (r == NULL) return NULL;
	s = malloc(r->f[i].len + 1);
	if (r->f[i].len > 0) memcpy(s, r->f[i].data, r->f[i].len);
	s[r->f[i].len] = 0;
	return s;
}

int pw_test_field_is(const struct pw_result *r, int i, const char *s)
{
	return r != NULL && r->f[i].len == strlen(s) && (r->f[i].len == 0 || memcmp(r->f[i].data, s, r->f[i].len) == 0);
}

cJSON *pw_test_field_json(const struct pw_result *r, int i)
{
	return r != NULL && r->f[i].len > 0 ? cJSON_ParseWithLength(r->f[i].data, r->f[i].len) : NULL;
}

/* One line of a header list from *at: unescaped into a new string (free()); NULL when malformed. */
static char *header_line(const char *text, size_t len, size_t *at)
{
	char *out = malloc(len - *at + 1);
	size_t n = 0;

	while (*at < len && text[*at] != '\n') {
		char c = text[(*at)++];
		if (c == '\\') {
			if (*at == len || (text[*at] != '\\' && text[*at] != 'n')) break;
			c = text[(*at)++] == 'n' ? '\n' : '\\';
		}
		out[n++] = c;
	}
	if (*at == len || text[*at] != '\n') {
		free(out);
		return NULL;
	}
	(*at)++;
	out[n] = 0;
	return out;
}

cJSON *pw_test_header_list(const struct pw_result *r)
{
	cJSON *list;
	size_t at = 0, len;

	if (r == NULL) return NULL;
	len = r->f[PW_SIGN_HEADERS].len;
	list = cJSON_CreateArray();
	while (at < len) {
		char *name = header_line(r->f[PW_SIGN_HEADERS].data, len, &at);
		char *value = name != NULL ? header_line(r->f[PW_SIGN_HEADERS].data, len, &at) : NULL;
		cJSON *pair;
		if (value == NULL) {
			free(name);
			cJSON_Delete(list);
			return NULL;
		}
		pair = cJSON_CreateArray();
		cJSON_AddItemToArray(pair, cJSON_CreateString(name));
		cJSON_AddItemToArray(pair, cJSON_CreateString(value));
		cJSON_AddItemToArray(list, pair);
		free(name);
		free(value);
	}
	return list;
}

char *pw_test_render(const struct pw_result *r)
{
	cJSON *o, *f;
	char *text;
	int i;

	if (r == NULL) {
		text = malloc(5);
		strcpy(text, "NULL");
		return text;
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "status", r->status);
	f = cJSON_AddArrayToObject(o, "f");
	for (i = 0; i < PW_RESULT_FIELDS; i++) {
		char *s = pw_test_field(r, i);
		cJSON_AddItemToArray(f, cJSON_CreateString(s));
		free(s);
	}
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

static void put_u32(char *out, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++) out[i] = (char)(v >> (8 * i) & 0xff);
}

size_t pw_test_pack(char *out, const char *const *strings, size_t n)
{
	size_t at = 0, i;

	for (i = 0; i < n; i++) {
		size_t len = strings[i] != NULL ? strlen(strings[i]) : 0;
		put_u32(out + at, (uint32_t)len);
		if (len > 0) memcpy(out + at + 4, strings[i], len);
		at += 4 + len;
	}
	return at;
}

size_t pw_test_put_header(char *out, const char *name, const char *value)
{
	size_t n = strlen(name), v = strlen(value);

	put_u32(out, (uint32_t)n);
	memcpy(out + 4, name, n);
	put_u32(out + 4 + n, (uint32_t)v);
	memcpy(out + 8 + n, value, v);
	return 8 + n + v;
}

const char *pw_test_header_value(const cJSON *list, const char *name, int *count)
{
	const cJSON *pair;
	const char *found = NULL;

	*count = 0;
	cJSON_ArrayForEach(pair, list) {
		const cJSON *n = cJSON_GetArrayItem(pair, 0), *v = cJSON_GetArrayItem(pair, 1);
		if (cJSON_GetArraySize(pair) == 2 && cJSON_IsString(n) && cJSON_IsString(v) && strcmp(n->valuestring, name) == 0) {
			(*count)++;
			found = v->valuestring;
		}
	}
	return found;
}
