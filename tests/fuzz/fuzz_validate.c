/* Fuzzes the input validator (validate.c, operations.c) through the shipped export pw_check_input.
 *
 * Every input is used twice:
 *  1. as JSON text, validated for each operation (and one unknown operation);
 *  2. structured: byte 0 picks an operation and flags, the rest splits at NUL bytes into field
 *     values (name, datasetGroupArn, tag keys and values, event members...), which become the
 *     strings of a JSON document with only '"', '\\' and control characters escaped, so invalid
 *     UTF-8, lone surrogates' bytes and odd code points reach the validator as they are.
 *
 * Invariants: the result is OK, or a ValidationError whose detail is [{"field":s,"message":s}...]
 * that JSON.parse accepts, with valid UTF-8 fields and messages; its count matches what
 * pw_validate_input reports for the same document; an unknown operation gives one error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "fuzz_common.h"
#include "json.h"
#include "operations.h"
#include "validate.h"
#include "wasm_exports.h"

/* Checks one pw_check_input result; returns the number of errors it lists. */
static int check_errors(struct pw_result *r, const char *op)
{
	cJSON *errors, *e;
	int n = 0;

	FZ_CHECK(r != NULL, "%s: pw_check_input returned NULL", op);
	if (r->status == PW_OK) {
		FZ_CHECK(r->f[PW_ERROR_NAME].len == 0 && r->f[PW_ERROR_DETAIL].len == 0, "%s: an OK result with fields", op);
		pw_done(0);
		return 0;
	}
	FZ_CHECK(fz_field_is(r, PW_ERROR_NAME, "ValidationError"), "%s: an error not named ValidationError", op);
	errors = fz_field_json(r, PW_ERROR_DETAIL, "pw_check_input");
	FZ_CHECK(cJSON_IsArray(errors) && cJSON_GetArraySize(errors) > 0, "%s: detail is not [{...}...]", op);
	cJSON_ArrayForEach(e, errors) {
		const cJSON *field = cJSON_GetObjectItemCaseSensitive(e, "field");
		const cJSON *message = cJSON_GetObjectItemCaseSensitive(e, "message");
		FZ_CHECK(cJSON_IsObject(e) && cJSON_GetArraySize(e) == 2 && cJSON_IsString(field) && cJSON_IsString(message),
			"%s: an error is not {\"field\",\"message\"}", op);
		FZ_CHECK(message->valuestring[0] != 0, "%s: empty message for %s", op, field->valuestring);
		FZ_CHECK(fz_valid_utf8(field->valuestring, strlen(field->valuestring)), "%s: field is not UTF-8", op);
		FZ_CHECK(fz_valid_utf8(message->valuestring, strlen(message->valuestring)), "%s: message is not UTF-8", op);
		n++;
	}
	cJSON_Delete(errors);
	pw_done(0);
	return n;
}

/* Validates text (len bytes of JSON) for op through the export layer and directly. */
static void validate_both_ways(const char *op_name, const char *text, size_t len)
{
	const struct pw_operation *op = pw_find_operation(op_name, strlen(op_name));
	char *copy = fz_dup(text, len);
	int listed = check_errors(pw_check_input(op_name, strlen(op_name), copy, len), op_name);

	free(copy);
	if (op == NULL) {
		FZ_CHECK(listed == 1, "an unknown operation gives %d errors", listed);
		return;
	}
	/* The same document straight into pw_validate_input: the same number of problems. */
	{
		char *marked = fz_dup(text, len);
		cJSON *parsed = pw_json_parse_input(marked, len);
		pw_errors errors;
		unsigned count;

		pw_errors_init(&errors);
		count = pw_validate_input(op->input, parsed, &errors);
		FZ_CHECK(count == (unsigned)listed && count == errors.count, "%s: pw_validate_input counts %u, pw_check_input lists %d",
			op_name, count, listed);
		FZ_CHECK(count > 0 || parsed != NULL, "%s: no document, yet no errors", op_name);
		pw_errors_free(&errors);
		cJSON_Delete(parsed);
		free(marked);
	}
}

/* ---- the structured mode ---------------------------------------------------------------------- */

enum kind { STR, NUM, JSON };

#define F_OMIT 1u     /* leave the first (required) member out */
#define F_RAW 2u      /* number and JSON members are written as raw tokens, valid or not */
#define F_UNKNOWN 4u  /* the last field also becomes the name of a member no shape has */
#define F_WRONG 8u    /* lists given as objects, items missing members */
#define F_NULLS 16u   /* empty fields become null rather than "" */

struct doc {
	fz_buf b;
	int first;
	unsigned flags;
};

static void member_name(struct doc *d, const char *name, size_t len)
{
	if (!d->first) fz_buf_putc(&d->b, ',');
	d->first = 0;
	fz_buf_put_json_string(&d->b, name, len);
	fz_buf_putc(&d->b, ':');
}

static int is_number_text(const char *p, size_t len)
{
	return len > 0 && (p[0] == '-' || (p[0] >= '0' && p[0] <= '9')) && fz_strict_json(p, len);
}

static void value(struct doc *d, const struct fz_field *f, enum kind k)
{
	if (f->len == 0 && (d->flags & F_NULLS)) {
		fz_buf_puts(&d->b, "null");
	} else if (k == STR) {
		fz_buf_put_json_string(&d->b, f->p, f->len);
	} else if ((d->flags & F_RAW) || (k == NUM && is_number_text(f->p, f->len))
		|| (k == JSON && f->len > 0 && f->p[0] == '{' && fz_strict_json(f->p, f->len))) {
		fz_buf_put(&d->b, f->len > 0 ? f->p : "0", f->len > 0 ? f->len : 1);
	} else {
		fz_buf_put_json_string(&d->b, f->p, f->len);
	}
}

static void member(struct doc *d, const char *name, const struct fz_field *f, enum kind k)
{
	member_name(d, name, strlen(name));
	value(d, f, k);
}

struct layout {
	const char *op;
	const char *members[5]; /* leading string members, in field order */
	const char *numeric;    /* a number member after them, or NULL */
	int tags, events;
};

static const struct layout layouts[8] = {
	{ "CreateEventTracker", { "name", "datasetGroupArn" }, NULL, 1, 0 },
	{ "CreateDatasetGroup", { "name", "roleArn", "kmsKeyArn", "domain" }, NULL, 1, 0 },
	{ "ListEventTrackers", { "datasetGroupArn", "nextToken" }, "maxResults", 0, 0 },
	{ "PutEvents", { "trackingId", "sessionId", "userId" }, NULL, 0, 1 },
	{ "DescribeEventTracker", { "eventTrackerArn" }, NULL, 0, 0 },
	{ "DeleteDatasetGroup", { "datasetGroupArn" }, NULL, 0, 0 },
	{ "ListDatasetGroups", { "nextToken" }, "maxResults", 0, 0 },
	{ "PutEvents", { "trackingId", "sessionId" }, NULL, 0, 1 },
};

#define MAX_FIELDS 64

/* PutEvents' eventList from fields f[i..n); returns the next field's index. */
static size_t put_events(struct doc *dp, const struct fz_field *f, size_t i, size_t n)
{
	size_t m;

	/* Each event takes seven fields: eventType, sentAt, itemId (also its impression),
	 * eventValue, properties, recommendationId, eventAttributionSource. */
	static const char *const names[] = { "eventType", "sentAt", "itemId", "eventValue", "properties",
		"recommendationId", "metricAttribution" };
	static const enum kind kinds[] = { STR, NUM, STR, NUM, JSON, STR, STR };
	member_name(dp, "eventList", 9);
	fz_buf_putc(&dp->b, '[');
	for (m = 0; i < n; m++) {
		size_t k;
		if (m > 0) fz_buf_putc(&dp->b, ',');
		fz_buf_putc(&dp->b, '{');
		dp->first = 1;
		for (k = 0; k < 7 && i < n; k++, i++) {
			if (k == 6) {
				member_name(dp, "metricAttribution", 17);
				fz_buf_puts(&dp->b, (dp->flags & F_WRONG) ? "{\"eventAttributionSourc\":" : "{\"eventAttributionSource\":");
				value(dp, &f[i], STR);
				fz_buf_putc(&dp->b, '}');
				continue;
			}
			member(dp, names[k], &f[i], kinds[k]);
			if (k == 2 && f[i].len > 0) {
				member_name(dp, "impression", 10);
				fz_buf_putc(&dp->b, '[');
				value(dp, &f[i], STR);
				fz_buf_putc(&dp->b, ']');
			}
		}
		fz_buf_putc(&dp->b, '}');
	}
	dp->first = 0;
	fz_buf_putc(&dp->b, ']');
	return i;
}

static void structured(const uint8_t *data, size_t size)
{
	const struct layout *l;
	struct fz_field f[MAX_FIELDS];
	size_t n, i = 0, m;
	struct doc d;
	char *text;
	size_t len;

	if (size < 1) return;
	l = &layouts[data[0] & 7];
	d.flags = data[0] >> 3;
	d.first = 1;
	memset(&d.b, 0, sizeof d.b);
	n = fz_split(data + 1, size - 1, f, MAX_FIELDS);

	fz_buf_putc(&d.b, '{');
	for (m = 0; m < 5 && l->members[m] != NULL; m++, i++) {
		if (i >= n) break;
		if (m == 0 && (d.flags & F_OMIT)) continue;
		member(&d, l->members[m], &f[i], STR);
	}
	if (l->numeric != NULL && i < n) member(&d, l->numeric, &f[i++], NUM);
	if (l->tags && i < n) {
		member_name(&d, "tags", 4);
		fz_buf_putc(&d.b, (d.flags & F_WRONG) ? '{' : '[');
		for (m = 0; i < n; m++) {
			if (m > 0) fz_buf_putc(&d.b, ',');
			if (d.flags & F_WRONG) fz_buf_put(&d.b, "\"t\":", 4);
			fz_buf_puts(&d.b, "{\"tagKey\":");
			value(&d, &f[i++], STR);
			if (i < n) {
				fz_buf_puts(&d.b, ",\"tagValue\":");
				value(&d, &f[i++], STR);
			}
			fz_buf_putc(&d.b, '}');
		}
		fz_buf_putc(&d.b, (d.flags & F_WRONG) ? '}' : ']');
	}
	if (l->events && i < n) i = put_events(&d, f, i, n);
	if ((d.flags & F_UNKNOWN) && n > 0) {
		member_name(&d, f[n - 1].p, f[n - 1].len);
		fz_buf_putc(&d.b, '1');
	}
	fz_buf_putc(&d.b, '}');

	text = fz_buf_dup(&d.b, &len);
	validate_both_ways(l->op, text, len);
	free(text);
	fz_buf_free(&d.b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	for (i = 0; i < fz_n_operations; i++) {
		validate_both_ways(fz_operations[i], (const char *)data, size);
	}
	structured(data, size);
	return 0;
}
