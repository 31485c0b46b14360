/* Fuzzes the payload builder (payload.c, number.c) and calls through the shipped exports
 * (pw_key_open, pw_prepare_request, pw_sign_attempt, pw_call_end).
 *
 * The input is JSON text (arbitrary bytes), read as the export layer reads it (lone surrogate
 * escapes marked, then cJSON). For each operation whose validation accepts it, pw_payload_build
 * must write JSON that JSON.parse accepts, whose members are exactly the modelled members present
 * (in the model's order, nulls left out), each the input's value: strings byte for byte, numbers
 * read back within two units in the last place, JSON-object members as strings holding the same
 * object, lists item by item. A call (for PutEvents, and for each operation that accepted the
 * input) must be prepared with that payload as its body, or refused with the validation errors
 * as JSON; a prepared call's attempt is signed with the headers an attempt sends, and once ended
 * its handle is refused; the secret's buffer is all zeros once opened. For PutEvents the body is
 * the payload of the input with the eventIds pw_assign_event_ids sets, which the result lists:
 * one per event, each the given eventId or a version 8 UUID, the same when derived again from
 * the events as sent. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "event_id.h"
#include "fuzz_common.h"
#include "json.h"
#include "operations.h"
#include "payload.h"
#include "validate.h"
#include "wasm_exports.h"

static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
static const char TOKEN[] = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";

static int close_enough(double a, double b)
{
	double ulp;

	if (a == b) return 1;
	ulp = nextafter(fabs(a), INFINITY) - fabs(a);
	return fabs(a - b) <= 2 * ulp;
}

static void compare(const struct pw_shape *shape, const cJSON *in, const cJSON *built, const char *where);

/* b is a written as JSON.stringify writes it: same members in the same order (duplicates too),
 * numbers within two units in the last place, non-finite numbers as null. */
static int same_json(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	if (cJSON_IsNumber(a) && !isfinite(a->valuedouble)) return cJSON_IsNull(b);
	if ((a->type & 0xFF) != (b->type & 0xFF)) return 0;
	if (cJSON_IsNumber(a)) return close_enough(a->valuedouble, b->valuedouble);
	if (cJSON_IsString(a)) return strcmp(a->valuestring, b->valuestring) == 0;
	for (x = a->child, y = b->child; x != NULL && y != NULL; x = x->next, y = y->next) {
		if (cJSON_IsObject(a) && strcmp(x->string, y->string) != 0) return 0;
		if (!same_json(x, y)) return 0;
	}
	return x == NULL && y == NULL;
}

static void compare_struct(const struct pw_shape *shape, const cJSON *in, const cJSON *built, const char *where)
{
	const cJSON *b = built != NULL ? built->child : NULL;
	size_t i;

	FZ_CHECK(cJSON_IsObject(built), "%s: not an object", where);
	for (i = 0; i < shape->n_members; i++) {
		const struct pw_member *m = &shape->members[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, m->name);
		if (v == NULL || cJSON_IsNull(v)) continue;
		FZ_CHECK(b != NULL && strcmp(b->string, m->name) == 0, "%s: member %s missing or out of the model's order", where,
			m->name);
		compare(m->shape, v, b, m->name);
		b = b->next;
	}
	FZ_CHECK(b == NULL, "%s: a member the model does not have, or a null one: %s", where, b->string);
}

static void compare(const struct pw_shape *shape, const cJSON *in, const cJSON *built, const char *where)
{
	const cJSON *a, *b;

	switch ((enum pw_type)shape->type) {
	case PW_T_STRING:
		FZ_CHECK(cJSON_IsString(built) && strcmp(in->valuestring, built->valuestring) == 0, "%s: string differs", where);
		break;
	case PW_T_INTEGER:
	case PW_T_DOUBLE:
	case PW_T_TIMESTAMP:
		FZ_CHECK(cJSON_IsNumber(built) && close_enough(in->valuedouble, built->valuedouble),
			"%s: number %.17g written as %.17g", where, in->valuedouble, built->valuedouble);
		break;
	case PW_T_JSON_OBJECT:
		FZ_CHECK(cJSON_IsString(built), "%s: a JSON-object member is not sent as a string", where);
		if (cJSON_IsString(in)) {
			FZ_CHECK(strcmp(in->valuestring, built->valuestring) == 0, "%s: string differs", where);
		} else {
			cJSON *inner = cJSON_Parse(built->valuestring);
			FZ_CHECK(fz_strict_json(built->valuestring, strlen(built->valuestring)),
				"%s: the serialized object is not valid JSON: %s", where, built->valuestring);
			FZ_CHECK(cJSON_IsObject(inner) && same_json(in, inner), "%s: the serialized object differs: %s", where,
				built->valuestring);
			cJSON_Delete(inner);
		}
		break;
	case PW_T_LIST:
		FZ_CHECK(cJSON_IsArray(built) && cJSON_GetArraySize(built) == cJSON_GetArraySize(in), "%s: list differs", where);
		for (a = in->child, b = built->child; a != NULL; a = a->next, b = b->next) compare(shape->item, a, b, where);
		break;
	case PW_T_STRUCT:
		compare_struct(shape, in, built, where);
		break;
	}
}

static int is_uuid_v8(const char *s)
{
	size_t i;

	if (strlen(s) != 36 || s[14] != '8' || strchr("89ab", s[19]) == NULL) return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' : strchr("0123456789abcdef", s[i]) == NULL) return 0;
	}
	return 1;
}

/* PutEvents: the eventIds of the result, against the input and the body sent. */
static void check_event_ids(const struct pw_operation *op, const cJSON *input, const cJSON *ids, const char *body)
{
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(input, "eventList"), *e, *id, *sent;
	cJSON *sent_body = cJSON_Parse(body), *again;
	pw_buf ids_again;

	FZ_CHECK(cJSON_IsArray(ids) && cJSON_GetArraySize(ids) == cJSON_GetArraySize(events), "PutEvents: not one eventId per event");
	sent = cJSON_GetObjectItemCaseSensitive(sent_body, "eventList")->child;
	for (e = events->child, id = ids->child; e != NULL; e = e->next, id = id->next, sent = sent->next) {
		const cJSON *given = cJSON_GetObjectItemCaseSensitive(e, "eventId");
		FZ_CHECK(cJSON_IsString(id), "PutEvents: an eventId is not a string");
		if (cJSON_IsString(given)) FZ_CHECK(strcmp(given->valuestring, id->valuestring) == 0, "PutEvents: a given eventId was not kept");
		else FZ_CHECK(is_uuid_v8(id->valuestring), "PutEvents: derived eventId %s is no version 8 UUID", id->valuestring);
		FZ_CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(sent, "eventId")->valuestring, id->valuestring) == 0,
			"PutEvents: the body's eventId is not the one listed");
	}
	/* Sent events all have ids: deriving again changes nothing. */
	again = cJSON_Duplicate(sent_body, 1);
	pw_buf_init(&ids_again);
	pw_assign_event_ids(again, op->input, &ids_again);
	{
		cJSON *listed = cJSON_ParseWithLength(ids_again.data, ids_again.len);
		FZ_CHECK(listed != NULL && same_json(listed, ids), "PutEvents: the ids of the events as sent differ");
		cJSON_Delete(listed);
	}
	pw_buf_wipe_free(&ids_again);
	cJSON_Delete(again);
	cJSON_Delete(sent_body);
}

static int all_zero(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) if (p[i] != 0) return 0;
	return 1;
}

/* One call of op as the glue makes it, through the shipped exports: the secret opened
 * (pw_key_open), pw_prepare_request, pw_sign_attempt, pw_call_end. payload is what
 * pw_payload_build wrote (NULL when invalid). */
static void call(const struct pw_operation *op, const uint8_t *data, size_t size, unsigned n_errors,
	const pw_buf *payload, int with_token, const cJSON *parsed)
{
	char *input = fz_dup(data, size), *secret = fz_dup(SECRET, sizeof SECRET - 1), region[] = "us-east-1";
	struct fz_field a[PW_PACKED_SIGN_ATTEMPT_COUNT];
	fz_buf packed = { 0 };
	uint32_t key = pw_key_open(secret, sizeof SECRET - 1), handle;
	struct pw_result *r;
	char *body;
	cJSON *headers;

	FZ_CHECK(all_zero(secret, sizeof SECRET - 1), "pw_key_open left the secret in its buffer");
	r = pw_prepare_request(op->name, strlen(op->name), input, size, region, 9, NULL, 0, 0);
	FZ_CHECK(r != NULL, "%s: pw_prepare_request returned NULL", op->name);
	if (payload == NULL) {
		cJSON *errors;
		FZ_CHECK(r->status == PW_ERROR && fz_field_is(r, PW_ERROR_NAME, "ValidationError") && r->handle == 0,
			"%s: %u validation errors, but no ValidationError", op->name, n_errors);
		errors = fz_field_json(r, PW_ERROR_DETAIL, "pw_prepare_request");
		FZ_CHECK(cJSON_IsArray(errors) && (unsigned)cJSON_GetArraySize(errors) == n_errors,
			"%s: %u validation errors, but the result is not those errors", op->name, n_errors);
		cJSON_Delete(errors);
		pw_done(size);
		goto done;
	}
	FZ_CHECK(r->status == PW_OK && r->handle != 0, "%s: valid input, yet no call", op->name);
	handle = r->handle;
	FZ_CHECK(r->f[PW_PREPARE_BODY].len == payload->len && memcmp(r->f[PW_PREPARE_BODY].data, payload->data, payload->len) == 0,
		"%s: the request body is not the payload", op->name);
	FZ_CHECK(r->f[PW_PREPARE_URL].len > 8 && memcmp(r->f[PW_PREPARE_URL].data, "https://", 8) == 0, "%s: no https URL", op->name);
	if (strcmp(op->name, "PutEvents") == 0) {
		cJSON *ids = fz_field_json(r, PW_PREPARE_EVENT_IDS, "pw_prepare_request");
		body = fz_dup(r->f[PW_PREPARE_BODY].data, r->f[PW_PREPARE_BODY].len + 1);
		body[r->f[PW_PREPARE_BODY].len] = 0;
		check_event_ids(op, parsed, ids, body);
		free(body);
		cJSON_Delete(ids);
	} else {
		FZ_CHECK(r->f[PW_PREPARE_EVENT_IDS].len == 0, "%s: eventIds", op->name);
	}
	pw_done(size);
	a[PW_PACKED_SIGN_ATTEMPT_ACCESS_KEY_ID] = (struct fz_field){ "AKID", 4 };
	a[PW_PACKED_SIGN_ATTEMPT_SESSION_TOKEN] = (struct fz_field){ TOKEN, with_token ? sizeof TOKEN - 1 : 0 };
	a[PW_PACKED_SIGN_ATTEMPT_DATE] = (struct fz_field){ "20261126T000000Z", 16 };
	a[PW_PACKED_SIGN_ATTEMPT_INVOCATION_ID] = (struct fz_field){ "inv", 3 };
	fz_pack(&packed, a, PW_PACKED_SIGN_ATTEMPT_COUNT);
	r = pw_sign_attempt(handle, key, packed.data, packed.len, 1, 3, PW_SIGN_CANONICAL);
	FZ_CHECK(r != NULL && r->status == PW_OK && r->f[PW_SIGN_SIGNATURE].len == 64, "%s: the attempt was not signed", op->name);
	headers = fz_header_list(r, "pw_sign_attempt");
	FZ_CHECK(cJSON_IsArray(headers) && cJSON_GetArraySize(headers) == (with_token ? 8 : 7) - (op->service != 0),
		"%s: not the headers an attempt sends", op->name);
	cJSON_Delete(headers);
	pw_done(0);
	pw_call_end(handle);
	r = pw_sign_attempt(handle, key, packed.data, packed.len, 1, 3, 0);
	FZ_CHECK(r != NULL && fz_field_is(r, PW_ERROR_NAME, "CallHandleError"), "%s: an ended call was signed", op->name);
	pw_done(0);
done:
	pw_key_close(key);
	fz_buf_free(&packed);
	free(input);
	free(secret);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *marked = fz_dup(data, size);
	cJSON *input = pw_json_parse_input(marked, size); /* as the exports read it */
	size_t i;

	for (i = 0; i < fz_n_operations; i++) {
		const struct pw_operation *op = pw_find_operation(fz_operations[i], strlen(fz_operations[i]));
		pw_errors errors;
		unsigned n_errors;
		pw_buf out;

		if (op == NULL) continue;
		pw_errors_init(&errors);
		n_errors = pw_validate_input(op->input, input, &errors);
		pw_errors_free(&errors);
		pw_buf_init(&out);
		if (n_errors == 0) {
			cJSON *built;
			pw_payload_build(&out, op->input, input);
			FZ_CHECK(!out.failed && out.data != NULL && strlen(out.data) == out.len, "%s: payload failed or holds NUL",
				op->name);
			FZ_CHECK(fz_strict_json(out.data, out.len), "%s: payload is not valid JSON for JSON.parse: %s", op->name,
				out.data);
			built = cJSON_ParseWithLength(out.data, out.len);
			FZ_CHECK(built != NULL, "%s: cJSON cannot read the payload: %s", op->name, out.data);
			compare_struct(op->input, input, built, op->name);
			cJSON_Delete(built);
		}
		if (n_errors == 0 && strcmp(op->name, "PutEvents") == 0) {
			/* the body sent: the payload with the eventIds the export sets */
			cJSON *with_ids = cJSON_Duplicate(input, 1);
			pw_buf ids;
			pw_buf_init(&ids);
			pw_assign_event_ids(with_ids, op->input, &ids);
			pw_buf_reset(&out);
			pw_payload_build(&out, op->input, with_ids);
			FZ_CHECK(!out.failed && !ids.failed, "PutEvents: payload with ids failed");
			pw_buf_wipe_free(&ids);
			cJSON_Delete(with_ids);
		}
		if (n_errors == 0 || strcmp(op->name, "PutEvents") == 0) {
			call(op, data, size, n_errors, n_errors == 0 ? &out : NULL, (size & 1) != 0, input);
		}
		pw_buf_wipe_free(&out);
	}
	cJSON_Delete(input);
	free(marked);
	return 0;
}
