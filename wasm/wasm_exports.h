/* The functions the JavaScript glue (web/personalize.mjs) calls: a binary boundary.
 *
 * Inputs: the glue writes bytes into one reused block from pw_block(n) (grown when needed) and
 * passes (pointer, length) pairs into it; a pointer of 0 is an absent value. Control data are
 * scalars; wire data stay what the wire is (the input JSON in, the payload out).
 * Outputs: every export returns a pointer to the one result struct below (NULL when any
 * allocation failed during the call: never a partial result; everything is freed and later calls
 * work as before). Its fields point into WASM memory and stay valid until pw_done(), which wipes
 * and frees them and wipes the block's first `used` bytes. Every failure has the same shape:
 * status PW_ERROR, field 0 the error's name, field 1 its message, field 2 a detail (the list of
 * validation errors as JSON, or a service error's fault). */
#ifndef PW_WASM_EXPORTS_H
#define PW_WASM_EXPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "json_api.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define PW_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define PW_EXPORT
#endif

#define PW_OK 0
#define PW_ERROR 1
#define PW_FIELDS 9

struct pw_field {
	const char *data;
	size_t len;
};

struct pw_result {
	size_t status;
	struct pw_field f[PW_FIELDS];
};

/* The input block, at least n bytes (its earlier contents wiped when it grows); NULL, the block
 * left as it was, when n bytes can't be had. n is at most 2^31 - 1. */
PW_EXPORT void *pw_block(size_t n);
PW_EXPORT void pw_done(size_t used);

/* A key handle for a secret access key (the secret bytes are wiped): nonzero. A handle outlives
 * no more than a few newer ones; signing with a forgotten one fails with KeyHandleError. */
PW_EXPORT uint32_t pw_key_open(char *secret, size_t secret_len);
PW_EXPORT void pw_key_close(uint32_t handle);
/* Wipes every key handle's state and the signing-key cache. */
PW_EXPORT void pw_clear_key_cache(void);

/* OK or ValidationError (field 2: [{"field","message"}...]). */
PW_EXPORT struct pw_result *pw_check_input(const char *op, size_t op_len, char *input, size_t input_len);

#define PW_FIPS 1u
#define PW_DUALSTACK 2u
/* Validates, serializes and resolves one call once. OK: 0 url, 1 Host, 2 path, 3 X-Amz-Target
 * (empty for rest-json), 4 Content-Type, 5 body, 6 PutEvents' eventIds (JSON array), 7 the region
 * lower-cased (in place; endpoint.h), for signing, 8 the body's SHA-256 (64 hex digits), which
 * each attempt's pw_sign_request takes with PW_SIGN_PAYLOAD_HASH instead of the body. Errors: ValidationError, EndpointError,
 * ConfigurationError. */
PW_EXPORT struct pw_result *pw_prepare_request(const char *op, size_t op_len, char *input, size_t input_len,
	char *region, size_t region_len, const char *endpoint, size_t endpoint_len, unsigned flags);

/* sigv4.h's flags, and: */
#define PW_SIGN_CANONICAL 8u  /* also return the canonical request and string to sign */
#define PW_SIGN_CLIENT 16u    /* errors named as a client's (CredentialsProviderError, ConfigurationError) */
#define PW_SIGN_PAYLOAD_HASH 32u /* body is the payload's SHA-256, 64 hex digits (pw_prepare_request's field 8) */
/* Header codes in field 3 besides the index of an input header: */
#define PW_H_DATE 0x100u
#define PW_H_TOKEN 0x101u
#define PW_H_CONTENT_SHA 0x102u
#define PW_H_AUTHORIZATION 0x103u
/* Signs one request. headers: per header, its name's and value's byte lengths (two little-endian
 * uint32) then the name and value bytes. date: YYYYMMDDTHHMMSSZ. OK: 0 Authorization,
 * 1 signature, 2 payload hash, 3 the headers to send in order, as uint32 codes (an input header's
 * index or a PW_H_ code), and with PW_SIGN_CANONICAL 4 the canonical request, 5 the string to
 * sign. Errors: SigningError (or, with PW_SIGN_CLIENT, the client's names), KeyHandleError. */
PW_EXPORT struct pw_result *pw_sign_request(uint32_t key, const char *method, size_t method_len,
	const char *path, size_t path_len, const char *query, size_t query_len, const char *headers,
	size_t headers_len, const unsigned char *body, size_t body_len, const char *access_key_id,
	size_t access_key_id_len, const char *region, size_t region_len, const char *service,
	size_t service_len, const char *date, size_t date_len, const char *token, size_t token_len, unsigned flags);

/* service 0 personalize, 1 personalize-events. OK: 0 the endpoint URL. Error: EndpointError. */
PW_EXPORT struct pw_result *pw_endpoint_url(char *region, size_t region_len, const char *endpoint,
	size_t endpoint_len, unsigned flags, unsigned service);

/* Examines a response (response.h), given only the headers it reads. OK: 0 the body's JSON object
 * to parse (length 0: an empty output), 1 request id. Error: 0 name, 1 message, 2 "client" or
 * "server", 3 request id. */
PW_EXPORT struct pw_result *pw_examine(int status, const char *op, size_t op_len, const char *error_type,
	size_t error_type_len, const char *request_id, size_t request_id_len, const char *amz_request_id,
	size_t amz_request_id_len, const char *body, size_t body_len);

/* Bytes allocated on the heap besides the input block: after every call and pw_done() it returns
 * to where it was, which the memory tests check (allocations and frees balance). */
PW_EXPORT size_t pw_heap_in_use(void);

#endif
