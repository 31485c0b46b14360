/* What the export files share (wasm_exports.c, exports_call.c, exports_sign.c, exports_keys.c):
 * the result the running export builds, the buffers it lives in until pw_done(), the packed
 * argument reader and the key slots. Not exported from the module. */
#ifndef PW_EXPORT_RESULT_H
#define PW_EXPORT_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "response.h"
#include "sigv4.h"
#include "status.h"
#include "validate.h"
#include "wasm_exports.h"

/* Buffers a result's fields may point into, wiped and freed by pw_done() (or the next export). */
enum pw_export_buf { PW_BUF_DETAIL, PW_BUF_HEADERS, PW_BUF_SCRATCH, PW_BUF_URL, PW_EXPORT_BUFS };

struct pw_export_state {
	struct pw_result result;
	pw_buf buf[PW_EXPORT_BUFS];
	struct pw_sigv4_result signed_req;
	struct pw_response response;
	unsigned long failures_at_start;
};
extern struct pw_export_state pw_out;

/* Every export starts with pw_export_begin() (the last result released) and ends with
 * pw_export_finish(s): the result for PW_OK and PW_ERROR, unless an allocation failed during
 * the call (s PW_NOMEM, a buffer's flag or pw_alloc_failures, status.h): then NULL, everything
 * released. */
void pw_export_begin(void);
struct pw_result *pw_export_finish(pw_status s);
void pw_export_set(int field, const char *data, size_t len);
void pw_export_set_buf(int field, const pw_buf *b);
/* An error result: name and message (static strings). */
struct pw_result *pw_export_fail(const char *name, const char *message);
/* A ValidationError result listing e's problems. */
struct pw_result *pw_export_invalid(const pw_errors *e);

/* Reads n packed strings (a little-endian u32 byte length, then the bytes, each) filling
 * exactly len bytes; PW_ERROR when malformed. */
pw_status pw_read_packed(const char *p, size_t len, struct pw_field *out, size_t n);

/* Signs req and makes the result (PW_SIGN_*): the header list as JSON [[name, value]...],
 * authorization, signature; with PW_SIGN_CANONICAL the canonical request and string to sign.
 * Refused parameters: SigningError. */
struct pw_result *pw_export_sign(const struct pw_sigv4_request *req, const struct pw_sigv4_params *p, unsigned flags);

/* Handle tables (calls, exports_call.c; keys, exports_keys.c): each entry starts with a struct
 * pw_slot. A handle is its slot's index in the low PW_SLOT_BITS bits and the slot's generation
 * above (never 0), so an ended, closed or replaced owner's handle is refused, never taken for
 * the slot's next owner. */
#define PW_SLOT_BITS 5
#define PW_SLOT_ONE (1u << PW_SLOT_BITS) /* one generation */
struct pw_slot {
	uint32_t handle;  /* of the slot's current (or last) owner; 0 before its first */
	uint32_t used;
};
/* The entry (of size bytes, in a table of count, a power of 2, at base) that handle names, or
 * NULL (0, free, or an older generation). */
void *pw_slot_of(void *base, size_t size, unsigned count, uint32_t handle);
/* Takes the free slot s (entry index in its table, size bytes): wiped, used, of the next
 * generation. Returns its handle. */
uint32_t pw_slot_take(struct pw_slot *s, size_t size, unsigned index);
/* Wipes the slot and frees it; its handle is refused from now on. */
void pw_slot_free(struct pw_slot *s, size_t size);

/* The key a handle names, or NULL (0, closed, or an older generation). */
struct pw_sigv4_key *pw_key_of(uint32_t handle);
/* A call in flight holds the key: it is not evicted while pinned. Unpinning a handle no longer
 * valid does nothing. */
void pw_key_pin(uint32_t handle);
void pw_key_unpin(uint32_t handle);

#define PW_KEY_HANDLE_MESSAGE "The key handle was forgotten; open it again"
#define PW_MISSING_CREDENTIALS "Missing credentials: accessKeyId and secretAccessKey are both required"
#define PW_MISSING_REGION "Missing Region: a region is needed to sign requests, even with a custom endpoint"
#define PW_INVALID_DATE "Invalid date: expected YYYYMMDDTHHMMSSZ"
#define PW_SIGN_FAILED "Could not sign the request (invalid parameters)"
#define PW_MALFORMED "Malformed packed arguments"

#endif
