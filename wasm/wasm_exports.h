/* The functions the JavaScript glue calls: the module's one interface (the C tests and fuzzers
 * call these too). The field indices, packed-argument orders and flags come from
 * wasm/boundary.json (build/gen/boundary.h; web/lib/src/boundary.mjs for the glue).
 *
 * Inputs: the glue writes bytes into one reused block from pw_block(n) (grown when needed) and
 * passes (pointer, length) pairs into it; a pointer of 0 is an absent value. A packed argument is
 * a list of strings in boundary.json's order, each a little-endian u32 byte length then the
 * bytes.
 * Outputs: every export that answers returns the one result struct below, or NULL when memory
 * ran out during the call (never a partial result; everything is freed and later calls work as
 * before). Its fields point into WASM memory and stay valid until pw_done(), which wipes and
 * frees what the call made for it and wipes the block's first `used` bytes. Every failure has
 * the same shape (status.h): status PW_ERROR and the error fields PW_ERROR_NAME, _MESSAGE,
 * _DETAIL (a ValidationError's [{"field","message"}...]; a service error's "client"/"server")
 * and _REQUEST_ID where known.
 *
 * Handles: a call handle (pw_prepare_request) names one of CALL_SLOTS prepared requests until
 * pw_call_end; a key handle (pw_key_open) one of KEY_SLOTS signing keys. Both carry a
 * generation: an ended, closed or stale handle is refused (CallHandleError, KeyHandleError),
 * never taken for the slot's next owner. A call pins the key it last signed with until it ends;
 * only unpinned keys are evicted, and KEY_SLOTS > CALL_SLOTS, so every call in flight can hold a
 * key of its own. */
#ifndef PW_WASM_EXPORTS_H
#define PW_WASM_EXPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "boundary.h"
#include "status.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define PW_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define PW_EXPORT
#endif

#define PW_CALL_SLOTS 16
#define PW_KEY_SLOTS 32

struct pw_field {
	const char *data;
	size_t len;
};

struct pw_result {
	uint32_t status;  /* PW_OK or PW_ERROR */
	uint32_t handle;  /* pw_prepare_request: the call's handle; else 0 */
	struct pw_field f[PW_RESULT_FIELDS];
};

/* The input block, at least n bytes (its earlier contents wiped when it grows); NULL, the block
 * left as it was, when n bytes can't be had. n is at most 2^31 - 1. */
PW_EXPORT void *pw_block(size_t n);
PW_EXPORT void pw_done(size_t used);

/* A key handle for a secret access key (the secret bytes are wiped); the same secret again gets
 * the same handle. 0 when no slot can be had (every one pinned by a call in flight). */
PW_EXPORT uint32_t pw_key_open(char *secret, size_t secret_len);
PW_EXPORT void pw_key_close(uint32_t handle);
/* Wipes every key handle's state. */
PW_EXPORT void pw_clear_key_cache(void);

/* OK or ValidationError. */
PW_EXPORT struct pw_result *pw_check_input(const char *op, size_t op_len, char *input, size_t input_len);

/* Validates, serializes and resolves one call once, and keeps it under a call handle
 * (result.handle). flags: PW_FLAG_FIPS | PW_FLAG_DUALSTACK. OK: PW_PREPARE_URL, _BODY, _EVENT_IDS
 * (PutEvents' ids as a JSON array; empty otherwise). Errors: ValidationError, EndpointError,
 * ConfigurationError, TooManyCallsError. */
PW_EXPORT struct pw_result *pw_prepare_request(const char *op, size_t op_len, char *input, size_t input_len,
	char *region, size_t region_len, const char *endpoint, size_t endpoint_len, unsigned flags);

/* Signs one attempt of a call: packed is packed.signAttempt. flags: PW_SIGN_CANONICAL. OK:
 * PW_SIGN_HEADERS (the headers to send, in order: each name and each value followed by a LF,
 * a backslash inside them written \\ and a LF \n — cheaper to write and to read than JSON),
 * _AUTHORIZATION, _SIGNATURE and, with PW_SIGN_CANONICAL, _CANONICAL_REQUEST, _STRING_TO_SIGN.
 * Errors: CredentialsProviderError, ConfigurationError, KeyHandleError, CallHandleError,
 * SigningError (malformed packed arguments or date). */
PW_EXPORT struct pw_result *pw_sign_attempt(uint32_t call, uint32_t key, const char *packed, size_t packed_len,
	unsigned attempt, unsigned max_attempts, unsigned flags);

/* Signs any request (the public signRequest): packed is packed.signRequest; headers in the same
 * packed form, each header's name then its value. flags:
 * PW_SIGN_NORMALIZE_PATH | _SIGN_BODY | _OMIT_TOKEN | _CANONICAL. OK: as pw_sign_attempt's (the
 * input headers in order, then the added ones). Errors: SigningError, KeyHandleError. */
PW_EXPORT struct pw_result *pw_sign_request(uint32_t key, const char *packed, size_t packed_len,
	const char *headers, size_t headers_len, const unsigned char *body, size_t body_len, unsigned flags);

/* Examines a response: call != 0, the call's operation (op may be NULL); call 0, op by name.
 * packed is packed.examine (length 0: absent). OK: PW_EXAMINE_OUTPUT (the body's JSON object;
 * length 0: an empty output), _REQUEST_ID. Errors: the service's (detail "client"/"server"),
 * DeserializationError, ConfigurationError (unknown operation), CallHandleError. */
PW_EXPORT struct pw_result *pw_examine(uint32_t call, const char *op, size_t op_len, int status,
	const char *packed, size_t packed_len, const char *body, size_t body_len);

/* Wipes and frees a call's slot and unpins its key; an unknown handle is ignored. */
PW_EXPORT void pw_call_end(uint32_t call);

/* service: PW_SERVICE_PERSONALIZE or PW_SERVICE_PERSONALIZE_EVENTS. OK: PW_ENDPOINT_URL. Error:
 * EndpointError. */
PW_EXPORT struct pw_result *pw_endpoint_url(char *region, size_t region_len, const char *endpoint,
	size_t endpoint_len, unsigned flags, unsigned service);

/* Bytes allocated on the heap besides the input block: after every call and pw_done() it returns
 * to where it was once the calls it prepared have ended (pw_call_end): allocations and frees
 * balance. A call in flight holds its prepared request. */
PW_EXPORT size_t pw_heap_in_use(void);

#endif
