/* Fuzzes response examination through the shipped export pw_examine (response.c, json.c's
 * scanner).
 *
 * Input: bytes 0-1 the HTTP status (big-endian, modulo 600; 0xFF then an index picks an odd
 * one: negative, huge...), byte 2 flags (which headers are passed), then NUL-separated: the
 * X-Amzn-ErrorType value, the request id value (x-amzn-RequestId with flag 2, x-amz-request-id
 * with flag 4), and the body (the rest, NULs included). Shorter inputs are a 200 body. Each input
 * is examined for every operation, by name, and for DeleteEventTracker by a call's handle too.
 *
 * Invariants: a result, never NULL; an error for any status outside 2xx; errors have a non-empty
 * name, a message and the right fault; a 2xx output is the body's object byte for byte (but a
 * BOM), and one JavaScript's JSON.parse reads (the glue parses it: this is where a body the C
 * reader accepts but JavaScript does not would show); the request id is the header's value; by
 * handle and by name agree. The scanner accepts exactly the objects the tree reader reads and
 * finds the same top-level members.
 * The body, and the whole input, also go to the JSON reader (json.h): it accepts exactly what
 * JSON.parse accepts (fz_strict_json) but for its two listed refusals (the input reader only for
 * the nesting), and where cJSON's parser reads the same text, the two trees agree. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "fuzz_common.h"
#include "json.h"
#include "operations.h"
#include "response.h"
#include "ascii.h"
#include "wasm_exports.h"
#include "buf.h"

#define H_ERROR_TYPE 1u
#define H_REQUEST_ID 2u
#define H_AMZ_REQUEST_ID 4u
#define H_ODD_CASE 8u
#define H_EXTRA 16u

static const int odd_statuses[] = { -1, INT_MIN, INT_MAX, 600, 999, 1000, 65535, 100000, 199, 300, 0, 204 };

/* What pw_examine must give for one operation. */
struct expect {
	int status;
	const char *body;
	size_t body_len;
	const char *request_id;  /* NULL: none */
	size_t request_id_len;
};

static int field_is(const struct pw_result *r, int i, const char *p, size_t n)
{
	return r->f[i].len == n && (n == 0 || memcmp(r->f[i].data, p, n) == 0);
}

static void check_one(const struct pw_operation *op, const struct pw_result *r, const struct expect *e)
{
	FZ_CHECK(r != NULL, "%s: pw_examine returned NULL", op->name);
	FZ_CHECK(r->status == PW_OK || r->status == PW_ERROR, "%s: status %u", op->name, (unsigned)r->status);
	FZ_CHECK(r->handle == 0, "%s: a handle from pw_examine", op->name);
	if (e->status < 200 || e->status >= 300) FZ_CHECK(r->status == PW_ERROR, "%s: status %d is no success", op->name, e->status);
	if (r->status == PW_ERROR) {
		const char *fault = e->status >= 500 || (e->status >= 200 && e->status < 300) ? "server" : "client";
		FZ_CHECK(r->f[PW_ERROR_NAME].len > 0, "%s: empty error name", op->name);
		FZ_CHECK(r->f[PW_ERROR_MESSAGE].data != NULL, "%s: no message", op->name);
		FZ_CHECK(field_is(r, PW_ERROR_DETAIL, fault, 6), "%s: fault %.*s for status %d", op->name,
			(int)r->f[PW_ERROR_DETAIL].len, r->f[PW_ERROR_DETAIL].data, e->status);
		/* the glue reads the fields as UTF-8 text; a message is the body's, so may be anything but a NUL */
		FZ_CHECK(memchr(r->f[PW_ERROR_MESSAGE].data, 0, r->f[PW_ERROR_MESSAGE].len) == NULL, "%s: a NUL in the message", op->name);
		FZ_CHECK(e->request_id != NULL ? field_is(r, PW_ERROR_REQUEST_ID, e->request_id, e->request_id_len)
			: r->f[PW_ERROR_REQUEST_ID].len == 0, "%s: the error's request id differs", op->name);
		return;
	}
	if (e->body_len > 0) {
		/* the body itself (but a UTF-8 BOM), byte for byte, and one JavaScript's JSON.parse reads */
		size_t skip = e->body_len >= 3 && memcmp(e->body, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		FZ_CHECK(field_is(r, PW_EXAMINE_OUTPUT, e->body + skip, e->body_len - skip), "%s: output is not the body", op->name);
		FZ_CHECK(fz_strict_json(e->body + skip, e->body_len - skip), "%s (status %d): output is not valid JSON for JSON.parse: %.*s",
			op->name, e->status, (int)e->body_len, e->body);
		FZ_CHECK(e->body[skip + strspn(e->body + skip, " \t\r\n")] == '{', "%s: the output is not an object", op->name);
	} else {
		FZ_CHECK(op->empty_output && r->f[PW_EXAMINE_OUTPUT].len == 0, "%s: output from an empty body", op->name);
	}
	FZ_CHECK(e->request_id != NULL ? field_is(r, PW_EXAMINE_REQUEST_ID, e->request_id, e->request_id_len)
		: r->f[PW_EXAMINE_REQUEST_ID].len == 0, "%s: the request id differs", op->name);
}

/* The scanner (pw_json_scan_object, what pw_examine reads bodies with) accepts exactly the
 * objects the tree reader does, and finds the same top-level members as the tree's lookup. */
static void check_scanner(const char *s, size_t len)
{
	static const char *const names[] = { "__type", "code", "message", "Message", "eventTrackerArn", "trackingId" };
	struct pw_json_member m[6];
	cJSON *tree = pw_json_parse(s, len);
	int object, i;

	for (i = 0; i < 6; i++) {
		m[i].name = names[i];
		m[i].name_len = strlen(names[i]);
	}
	object = pw_json_scan_object(s, len, m, 6);
	FZ_CHECK(object == cJSON_IsObject(tree), "the scanner says %d, the tree reader %d: %.*s", object,
		cJSON_IsObject(tree), (int)len, s);
	for (i = 0; object && i < 6; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(tree, names[i]);
		FZ_CHECK((m[i].value != NULL) == (v != NULL), "the scanner and the tree disagree on %s: %.*s", names[i], (int)len, s);
		if (v == NULL) continue;
		FZ_CHECK(m[i].is_string == cJSON_IsString(v), "%s is a string to one of them only", names[i]);
		if (cJSON_IsString(v)) {
			pw_buf b;
			pw_buf_init(&b);
			pw_json_put_unescaped(&b, m[i].value, m[i].value_len);
			FZ_CHECK(b.len == strlen(v->valuestring) && (b.len == 0 || memcmp(b.data, v->valuestring, b.len) == 0),
				"%s unescaped differs: %.*s", names[i], (int)len, s);
			pw_buf_wipe_free(&b);
		}
	}
	cJSON_Delete(tree);
}

/* ---- the JSON reader ---------------------------------------------------------------------------- */

/* Arrays and objects nested in each other, at the deepest (brackets outside strings). */
static size_t nesting(const char *s, size_t len)
{
	size_t i, depth = 0, deepest = 0;
	int in_string = 0;

	for (i = 0; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\') i++;
			else if (s[i] == '"') in_string = 0;
		} else if (s[i] == '"') {
			in_string = 1;
		} else if (s[i] == '[' || s[i] == '{') {
			if (++depth > deepest) deepest = depth;
		} else if ((s[i] == ']' || s[i] == '}') && depth > 0) {
			depth--;
		}
	}
	return deepest;
}

/* 1 when some \u escape in a string is of a lone surrogate (not half of a pair), read
 * independently of the reader. */
static int has_lone_surrogate_escape(const char *s, size_t len)
{
	size_t i;
	long hi = -1; /* the high surrogate just read, if the escape before i was one */
	int in_string = 0;

	for (i = 0; i < len; i++) {
		long u = -1;
		if (!in_string) {
			in_string = s[i] == '"';
			continue;
		}
		if (s[i] == '"') {
			in_string = 0;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 6 <= len && (u = pw_hex4(s + i + 2)) >= 0) i += 5;
			else i++;
		}
		if (hi >= 0 && !(u >= 0xDC00 && u <= 0xDFFF)) return 1;
		if (hi < 0 && u >= 0xDC00 && u <= 0xDFFF) return 1;
		hi = hi < 0 && u >= 0xD800 && u <= 0xDBFF ? u : -1;
	}
	return hi >= 0;
}

/* The same tree: types, member names, strings, and numbers (cJSON's strtod is the C library's,
 * which may round a near-tie of more than 17 digits the other way). */
static void same_tree(const cJSON *a, const cJSON *b, const char *s, size_t len)
{
	for (; a != NULL || b != NULL; a = a->next, b = b->next) {
		/* the type without cJSON_IsReference, which the reader's numbers carry (their text is the input's) */
		FZ_CHECK(a != NULL && b != NULL && (a->type & 0xFF) == (b->type & 0xFF), "the reader and cJSON differ: %.*s", (int)len, s);
		FZ_CHECK((a->string == NULL) == (b->string == NULL) && (a->string == NULL || strcmp(a->string, b->string) == 0),
			"a member name differs: %.*s", (int)len, s);
		if (cJSON_IsString(a)) FZ_CHECK(strcmp(a->valuestring, b->valuestring) == 0, "a string differs: %.*s", (int)len, s);
		if (cJSON_IsNumber(a)) {
			double x = a->valuedouble, y = b->valuedouble;
			FZ_CHECK(a->valuestring != NULL && a->valueint > 0 && a->valuestring >= s
				&& a->valuestring + a->valueint <= s + len, "a number's text is not inside the input: %.*s", (int)len, s);
			FZ_CHECK(x == y || fabs(x - y) <= 1e-15 * fabs(y), "a number differs (%.17g, %.17g): %.*s", x, y, (int)len, s);
		}
		FZ_CHECK(a->child == NULL || a->child->prev != NULL, "a first child without its last as prev");
		same_tree(a->child, b->child, s, len);
		if (a->child != NULL) {
			const cJSON *last = a->child;
			while (last->next != NULL) last = last->next;
			FZ_CHECK(a->child->prev == last, "the first child's prev is not the last: %.*s", (int)len, s);
		}
	}
}

static void check_reader(const char *s, size_t len)
{
	size_t bom = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	int strict = fz_strict_json(s + bom, len - bom);
	cJSON *tree = pw_json_parse(s, len), *theirs;

	if (tree != NULL) {
		FZ_CHECK(strict, "the reader accepts what JSON.parse does not: %.*s", (int)len, s);
		theirs = cJSON_ParseWithLength(s, len);
		if (theirs != NULL) same_tree(tree, theirs, s, len);
		cJSON_Delete(theirs);
		cJSON_Delete(tree);
	} else if (strict) {
		FZ_CHECK(has_lone_surrogate_escape(s + bom, len - bom) || nesting(s, len) > 1000,
			"the reader refuses what JSON.parse accepts: %.*s", (int)len, s);
	}
	/* The input reader marks lone surrogates instead: it reads every such text. */
	tree = pw_json_parse_input(s, len);
	FZ_CHECK(tree == NULL || strict, "the input reader accepts what JSON.parse does not: %.*s", (int)len, s);
	FZ_CHECK(tree != NULL || !strict || nesting(s, len) > 1000, "the input reader refuses what JSON.parse accepts: %.*s",
		(int)len, s);
	cJSON_Delete(tree);
}

/* A DeleteEventTracker call kept for the whole run: pw_examine with its handle must agree with
 * pw_examine by name. */
static uint32_t the_call(void)
{
	static uint32_t call;
	char input[] = "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\"}", region[] = "us-east-1";
	struct pw_result *r;

	if (call != 0) return call;
	r = pw_prepare_request("DeleteEventTracker", 18, input, strlen(input), region, 9, NULL, 0, 0);
	FZ_CHECK(r != NULL && r->status == PW_OK, "could not prepare a call");
	call = r->handle;
	pw_done(0);
	return call;
}

/* The same examining through the call's handle (its op, the name not given) as r by name; returns
 * the result to release. */
static struct pw_result *check_by_handle(struct pw_result *r, const struct expect *e, const fz_buf *packed)
{
	char *by_name;

	struct pw_result copy = *r;
	size_t k, total = 0;
	char *at;
	for (k = 0; k < PW_RESULT_FIELDS; k++) total += copy.f[k].len;
	by_name = malloc(total + 1);
	for (k = 0, at = by_name; k < PW_RESULT_FIELDS; k++) {
		if (copy.f[k].len > 0) memcpy(at, copy.f[k].data, copy.f[k].len);
		at += copy.f[k].len;
	}
	pw_done(0);
	/* the same through the call's handle (its op), the name given or not */
	r = pw_examine(the_call(), NULL, 0, e->status, packed->data, packed->len, e->body, e->body_len);
	FZ_CHECK(r != NULL && r->status == copy.status, "pw_examine by handle and by name differ");
	for (k = 0, at = by_name; k < PW_RESULT_FIELDS; k++) {
		FZ_CHECK(r->f[k].len == copy.f[k].len && (copy.f[k].len == 0 || memcmp(r->f[k].data, at, copy.f[k].len) == 0),
			"pw_examine by handle and by name differ in field %zu", k);
		at += copy.f[k].len;
	}
	free(by_name);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_field f[3];
	const char *packed_in[PW_PACKED_EXAMINE_COUNT] = { NULL, NULL, NULL };
	size_t lens[PW_PACKED_EXAMINE_COUNT] = { 0, 0, 0 };
	fz_buf packed = { 0 };
	struct expect e;
	size_t i, n;
	unsigned flags = 0;

	memset(&e, 0, sizeof e);
	e.status = 200;
	if (size >= 3) {
		e.status = data[0] == 0xFF ? odd_statuses[data[1] % (sizeof odd_statuses / sizeof odd_statuses[0])]
			: ((data[0] << 8) | data[1]) % 600;
		flags = data[2];
		n = fz_split(data + 3, size - 3, f, 3);
		for (i = n; i < 3; i++) {
			f[i].p = "";
			f[i].len = 0;
		}
		e.body = f[2].p;
		e.body_len = f[2].len;
	} else {
		f[0].p = f[1].p = "";
		f[0].len = f[1].len = 0;
		e.body = (const char *)data;
		e.body_len = size;
	}
	/* The headers pw_examine reads, packed as the glue packs them (a length of 0: absent). The
	 * glue reads them by name case-insensitively (Headers.get), so H_ODD_CASE changes nothing
	 * here, nor H_EXTRA: other headers are not passed at all. */
	if (flags & H_ERROR_TYPE) {
		packed_in[PW_PACKED_EXAMINE_ERROR_TYPE] = f[0].p;
		lens[PW_PACKED_EXAMINE_ERROR_TYPE] = f[0].len;
	}
	if (flags & H_REQUEST_ID) {
		packed_in[PW_PACKED_EXAMINE_REQUEST_ID] = f[1].p;
		lens[PW_PACKED_EXAMINE_REQUEST_ID] = f[1].len;
	}
	if (flags & H_AMZ_REQUEST_ID) {
		packed_in[PW_PACKED_EXAMINE_AMZ_REQUEST_ID] = f[1].p;
		lens[PW_PACKED_EXAMINE_AMZ_REQUEST_ID] = f[1].len;
	}
	if ((flags & (H_REQUEST_ID | H_AMZ_REQUEST_ID)) && f[1].len > 0) {
		e.request_id = f[1].p;
		e.request_id_len = f[1].len;
	}
	for (i = 0; i < PW_PACKED_EXAMINE_COUNT; i++) {
		uint32_t len = (uint32_t)lens[i];
		fz_buf_put(&packed, &len, 4); /* little-endian here, as in WASM */
		if (len > 0) fz_buf_put(&packed, packed_in[i], len);
	}
	check_reader(e.body, e.body_len);
	check_reader((const char *)data, size);
	check_scanner(e.body, e.body_len);

	for (i = 0; i < fz_n_operations; i++) {
		const char *name = fz_operations[i];
		const struct pw_operation *op = pw_find_operation(name, strlen(name));
		struct pw_result *r = pw_examine(0, name, strlen(name), e.status, packed.data, packed.len, e.body, e.body_len);

		if (op == NULL) {
			FZ_CHECK(r != NULL && r->status == PW_ERROR && r->f[PW_ERROR_NAME].len == 18
				&& memcmp(r->f[PW_ERROR_NAME].data, "ConfigurationError", 18) == 0, "unknown operation without an error");
			pw_done(0);
			continue;
		}
		check_one(op, r, &e);
		if (strcmp(name, "DeleteEventTracker") == 0) r = check_by_handle(r, &e, &packed);
		pw_done(0);
	}
	fz_buf_free(&packed);
	return 0;
}
