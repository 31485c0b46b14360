/* The functions the JavaScript glue (web/personalize.mjs) calls.
 *
 * Strings cross as (pointer, length) pairs of UTF-8 in buffers from pw_alloc. Every call that
 * produces something returns a result: a pointer to UTF-8 JSON whose length pw_result_len()
 * tells, which the caller hands back to pw_release() (which wipes it) once read. Buffers holding
 * a secret access key or session token are wiped by the call that receives them.
 *
 * When any allocation fails during a call, the result is NULL (pw_result_len() 0): never a
 * partial result. Everything the call allocated is freed, and later calls work as before. A NULL
 * buffer is read as absent, whatever length comes with it. */
#ifndef PW_WASM_EXPORTS_H
#define PW_WASM_EXPORTS_H

#include <stddef.h>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define PW_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define PW_EXPORT
#endif

/* NULL when n bytes can't be had (never a trap); n is at most 2^31 - 1. */
PW_EXPORT void *pw_alloc(size_t n);
PW_EXPORT void pw_free(void *p);
/* Wipes n bytes at p, then frees p. */
PW_EXPORT void pw_wipe_free(void *p, size_t n);
PW_EXPORT size_t pw_result_len(void);
PW_EXPORT void pw_release(char *result);

/* {"errors":[{"field","message"}...]} for the named operation's input (JSON). */
PW_EXPORT char *pw_validate(const char *op, size_t op_len, char *input, size_t input_len);

/* Validates, serializes and signs one call. config is JSON: {"operation", "region", "endpoint",
 * "useFipsEndpoint", "useDualstackEndpoint", "accessKeyId", "date" (YYYYMMDDTHHMMSSZ),
 * "headers" ([[name, value]...] added before signing)}. Result: {"errors":[...]} or
 * {"error":{"name","message"}} (EndpointError, CredentialsProviderError, ConfigurationError) or {"request":{"method","url","headers","body"},"canonicalRequest",
 * "stringToSign","signature"}, for PutEvents with "eventIds":[...]: the eventId of each event in
 * order, the one given or the one derived from the event (event_id.h) and sent in the body. The
 * region is lower-cased for the endpoint and the signing scope alike (endpoint.h). */
PW_EXPORT char *pw_build_request(const char *config, size_t config_len, char *input, size_t input_len,
	char *secret, size_t secret_len, char *token, size_t token_len);

/* General SigV4 signing. request is JSON {"method","path","query","headers"}; options JSON
 * {"accessKeyId","region","service","date","signBody","omitSessionToken","normalizePath"}.
 * Result: {"headers":[[name,value]...],"authorization","canonicalRequest","stringToSign",
 * "signature"} or {"error":{"name","message"}}. */
PW_EXPORT char *pw_sign(const char *request, size_t request_len, const unsigned char *body, size_t body_len,
	const char *options, size_t options_len, char *secret, size_t secret_len, char *token, size_t token_len);

/* config JSON {"region","endpoint","useFipsEndpoint","useDualstackEndpoint","service"}:
 * {"url":"..."} or {"error":{"name":"EndpointError","message"}}. */
PW_EXPORT char *pw_endpoint(const char *config, size_t config_len);

/* headers is JSON [[name, value]...]; see response.h for the result. */
PW_EXPORT char *pw_parse(int status, const char *op, size_t op_len, const char *headers, size_t headers_len,
	const char *body, size_t body_len);

PW_EXPORT void pw_clear_key_cache(void);

/* Bytes currently allocated on the heap: after every call it returns to where it was, which the
 * memory tests check (allocations and frees balance). */
PW_EXPORT size_t pw_heap_in_use(void);

#endif
