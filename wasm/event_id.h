/* Deterministic eventIds for PutEvents, so that sending the same input again (after a call whose
 * answer was lost) records each event once: Personalize keeps one event per eventId.
 *
 * The id of an event without one is derived from what makes it that event: SHA-256 over
 *   len(trackingId) trackingId  len(sessionId) sessionId  len(userId) userId  len(event) event
 * where each len is the field's length in bytes as a 4-byte big-endian unsigned integer, userId is
 * empty when absent, and event is the event as the request body carries it (its members as the
 * payload builder writes them, sentAt included; eventId, being absent, excluded). The first 16
 * bytes of the hash, with the RFC 9562 version 8 and variant bits set (byte 6 = 0x8X, byte 8 =
 * 0b10XXXXXX), are written as a lower-case UUID: xxxxxxxx-xxxx-8xxx-[89ab]xxx-xxxxxxxxxxxx. */
#ifndef PW_EVENT_ID_H
#define PW_EVENT_ID_H

#include <stddef.h>

#include "buf.h"
#include "cJSON.h"
#include "validate.h"

#define PW_EVENT_ID_LEN 36

/* fields: trackingId, sessionId, userId, the event's JSON; out is NUL-terminated. */
void pw_event_id(char out[PW_EVENT_ID_LEN + 1], const char *const fields[4], const size_t lens[4]);

/* For a validated PutEvents input (shape put_events): each event whose eventId is absent or null
 * gets its derived id, set in the tree; the ids of all events, given or derived, in event order,
 * are appended to ids as a JSON array. Allocation failures are counted (pw_alloc_failures). */
void pw_assign_event_ids(cJSON *input, const struct pw_shape *put_events, pw_buf *ids);

#endif
