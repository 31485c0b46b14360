/* eventId derivation; see event_id.h. */
#include "event_id.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "bearssl_hash.h"
#include "json.h"
#include "payload.h"

void pw_event_id(char out[PW_EVENT_ID_LEN + 1], const char *const fields[4], const size_t lens[4])
{
	static const char digits[] = PW_HEX_DIGITS;
	br_sha256_context sc;
	unsigned char h[32], len[4];
	size_t i, k = 0;

	br_sha256_init(&sc);
	for (i = 0; i < 4; i++) {
		len[0] = (unsigned char)(lens[i] >> 24);
		len[1] = (unsigned char)(lens[i] >> 16);
		len[2] = (unsigned char)(lens[i] >> 8);
		len[3] = (unsigned char)lens[i];
		br_sha256_update(&sc, len, 4);
		br_sha256_update(&sc, fields[i], lens[i]);
	}
	br_sha256_out(&sc, h);
	h[6] = (unsigned char)((h[6] & 0x0F) | 0x80);
	h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10) out[k++] = '-';
		out[k++] = digits[h[i] >> 4];
		out[k++] = digits[h[i] & 15];
	}
	out[k] = 0;
	/* The hash input holds user ids and event properties. */
	pw_wipe(&sc, sizeof sc);
	pw_wipe(h, sizeof h);
}

/* Sets the event's eventId (absent or null) to id: the null member becomes the string, or a new
 * member is appended as cJSON appends (the first child's prev is the last). The event is a
 * validated Event, so it has members. */
static void set_event_id(cJSON *event, const char *id)
{
	cJSON *member = cJSON_GetObjectItemCaseSensitive(event, "eventId");
	char *value = pw_malloc(PW_EVENT_ID_LEN + 1), *name = NULL;

	if (member == NULL && (name = pw_malloc(sizeof "eventId")) != NULL && (member = cJSON_CreateNull()) != NULL) {
		memcpy(name, "eventId", sizeof "eventId");
		member->string = name;
		member->prev = event->child->prev;
		event->child->prev->next = member;
		event->child->prev = member;
		name = NULL;
	}
	if (member == NULL || value == NULL) {
		free(name);
		free(value);
		return;
	}
	memcpy(value, id, PW_EVENT_ID_LEN + 1);
	member->type = cJSON_String;
	member->valuestring = value;
}

static const char *string_member(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : "";
}

void pw_assign_event_ids(cJSON *input, const struct pw_shape *put_events, pw_buf *ids)
{
	const struct pw_shape *event_shape = NULL;
	const char *fields[4];
	size_t lens[4], i, n = 0;
	char id[PW_EVENT_ID_LEN + 1];
	cJSON *event;
	pw_buf json;

	for (i = 0; i < put_events->n_members; i++) {
		if (strcmp(put_events->members[i].name, "eventList") == 0) event_shape = put_events->members[i].shape->item;
	}
	fields[0] = string_member(input, "trackingId");
	fields[1] = string_member(input, "sessionId");
	fields[2] = string_member(input, "userId");
	for (i = 0; i < 3; i++) lens[i] = strlen(fields[i]);
	pw_buf_init(&json);
	pw_buf_putc(ids, '[');
	cJSON_ArrayForEach(event, cJSON_GetObjectItemCaseSensitive(input, "eventList")) {
		cJSON *given = cJSON_GetObjectItemCaseSensitive(event, "eventId");

		if (n++ > 0) pw_buf_putc(ids, ',');
		if (cJSON_IsString(given)) {
			pw_buf_put_json_string(ids, given->valuestring, strlen(given->valuestring));
			continue;
		}
		pw_buf_reset(&json);
		pw_payload_build(&json, event_shape, event);
		fields[3] = json.data != NULL ? json.data : "";
		lens[3] = json.len;
		pw_event_id(id, fields, lens);
		pw_buf_put_json_string(ids, id, PW_EVENT_ID_LEN);
		set_event_id(event, id);
	}
	pw_buf_putc(ids, ']');
	pw_buf_wipe_free(&json);
	pw_wipe(id, sizeof id);
}
