/* What the validation tests share (test_validate.c, test_validate_ops.c): validating a text and
 * reading its errors, and CreateEventTracker inputs. */
#ifndef PW_TEST_VALIDATE_CASES_H
#define PW_TEST_VALIDATE_CASES_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cJSON.h"
#include "check.h"
#include "json.h"
#include "operations.h"
#include "unicode.h"
#include "validate.h"

#define ARN "arn:aws:personalize:us-east-1:123456789012:dataset-group/g"

/* ---- helpers -------------------------------------------------------------------------------- */

/* Formatted text in one of a ring of static buffers (each test uses a handful at a time). */
static inline const char *fmt(const char *format, ...)
{
	static char ring[16][32768];
	static unsigned next;
	char *b = ring[next++ % 16];
	va_list ap;
	int n;

	va_start(ap, format);
	n = vsnprintf(b, sizeof ring[0], format, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof ring[0]) {
		FAIL("test text too long for fmt()");
		b[0] = 0;
	}
	return b;
}

/* unit repeated n times, separated by sep (may be ""). */
static inline const char *rep(const char *unit, int n, const char *sep)
{
	static char ring[8][32768];
	static unsigned next;
	char *b = ring[next++ % 8];
	size_t len = 0, ul = strlen(unit), sl = strlen(sep);
	int i;

	for (i = 0; i < n; i++) {
		if (len + ul + sl + 1 >= sizeof ring[0]) {
			FAIL("test text too long for rep()");
			break;
		}
		if (i > 0) { memcpy(b + len, sep, sl); len += sl; }
		memcpy(b + len, unit, ul);
		len += ul;
	}
	b[len] = 0;
	return b;
}

struct outcome {
	unsigned count;   /* what pw_validate_input returned */
	cJSON *errors;    /* the errors as a parsed array */
	char *json;       /* the same, as text (for messages) */
};

/* Validates JSON text against the named operation's input, read the way the export layer reads
 * it (pw_json_parse_input: lone surrogates and NUL marked). */
static inline struct outcome validate_text(const char *op_name, const char *input, const char *file, int line)
{
	const struct pw_operation *op = pw_find_operation(op_name, strlen(op_name));
	struct outcome o = { 0, NULL, NULL };
	size_t len = strlen(input);
	char *copy = malloc(len + 1);
	cJSON *parsed;
	pw_errors e;

	memcpy(copy, input, len + 1);
	parsed = pw_json_parse_input(copy, len);
	if (!pw_check(op != NULL && parsed != NULL, file, line, "the operation exists and the test input is JSON")) {
		printf("    input: %s\n", input);
	}
	pw_errors_init(&e);
	if (op != NULL) o.count = pw_validate_input(op->input, parsed, &e);
	o.json = malloc(e.json.len + 3);
	o.json[0] = '[';
	if (e.json.len > 0) memcpy(o.json + 1, e.json.data, e.json.len);
	o.json[e.json.len + 1] = ']';
	o.json[e.json.len + 2] = 0;
	o.errors = cJSON_Parse(o.json);
	pw_check(cJSON_IsArray(o.errors), file, line, "the errors are a JSON array");
	pw_check_long((long)e.count, (long)o.count, file, line, "pw_errors count");
	pw_check_long(cJSON_GetArraySize(o.errors), (long)o.count, file, line, "number of error entries");
	pw_errors_free(&e);
	cJSON_Delete(parsed);
	free(copy);
	return o;
}

static inline void outcome_free(struct outcome *o)
{
	cJSON_Delete(o->errors);
	free(o->json);
}

/* How many errors name field and have a message containing message_part (NULL: any). */
static inline int errors_for(const struct outcome *o, const char *field, const char *message_part)
{
	const cJSON *item;
	int n = 0;

	cJSON_ArrayForEach(item, o->errors) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(item, "field");
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(item, "message");
		if (cJSON_IsString(f) && strcmp(f->valuestring, field) == 0 && cJSON_IsString(m)
			&& (message_part == NULL || strstr(m->valuestring, message_part) != NULL)) {
			n++;
		}
	}
	return n;
}

static inline void expect_valid(const char *op, const char *input, const char *file, int line)
{
	struct outcome o = validate_text(op, input, file, line);

	if (o.count != 0) pw_fail(file, line, "expected no errors, got %s", o.json);
	else pw_check(1, file, line, "valid");
	outcome_free(&o);
}

/* Exactly one error, on field, its message containing message_part. */
static inline void expect_one_error(const char *op, const char *input, const char *field, const char *message_part,
	const char *file, int line)
{
	struct outcome o = validate_text(op, input, file, line);

	if (o.count != 1 || errors_for(&o, field, message_part) != 1) {
		pw_fail(file, line, "expected one error on %s containing \"%s\", got %s", field, message_part, o.json);
	} else {
		pw_check(1, file, line, "one error");
	}
	outcome_free(&o);
}

#define VALID(op, input) expect_valid(op, input, __FILE__, __LINE__)
#define ONE_ERROR(op, input, field, message_part) expect_one_error(op, input, field, message_part, __FILE__, __LINE__)
#define CET "CreateEventTracker"

static inline const char *cet_name(const char *name_json)
{
	return fmt("{\"name\":%s,\"datasetGroupArn\":\"" ARN "\"}", name_json);
}

static inline const char *cet_arn(const char *arn)
{
	return fmt("{\"name\":\"n\",\"datasetGroupArn\":\"%s\"}", arn);
}

static inline const char *cet_tags(const char *tags_json)
{
	return fmt("{\"name\":\"n\",\"datasetGroupArn\":\"" ARN "\",\"tags\":%s}", tags_json);
}

/* One tag; key and value are JSON string contents (escaped already). */
static inline const char *tag(const char *key, const char *value)
{
	return fmt("{\"tagKey\":\"%s\",\"tagValue\":\"%s\"}", key, value);
}

static inline const char *one_tag(const char *key, const char *value)
{
	return cet_tags(fmt("[%s]", tag(key, value)));
}

static inline const char *e_acute(int n) { return rep("\xC3\xA9", n, ""); }

/* n tags with distinct keys k0, k1, ... (a JSON array). */
static inline const char *distinct_tags(int n)
{
	static char ring[4][32768];
	static unsigned next;
	char *b = ring[next++ % 4];
	size_t len = 0;
	int i;

	b[len++] = '[';
	for (i = 0; i < n && len + 64 < sizeof ring[0]; i++) {
		len += (size_t)snprintf(b + len, sizeof ring[0] - len, "%s{\"tagKey\":\"k%d\",\"tagValue\":\"v\"}", i ? "," : "", i);
	}
	if (i < n) FAIL("test text too long for distinct_tags()");
	b[len++] = ']';
	b[len] = 0;
	return b;
}


#endif
