/* A JSON face over the core, for the C unit tests and the fuzzers (json_api.c); the module's
 * exports are binary (wasm_exports.h) and none of this is in personalize.wasm.
 *
 * Every call that produces something returns UTF-8 JSON whose length pw_result_len() tells, which
 * the caller hands back to pw_release() (which wipes it). Buffers holding a secret access key or
 * session token are wiped by the call that receives them. When any allocation fails during a
 * call, the result is NULL: never a partial result. A NULL buffer is read as absent. */
#ifndef PW_JSON_API_H
#define PW_JSON_API_H

#include <stddef.h>

/* Test buffers: NULL when n bytes can't be had (n at most 2^31 - 1); wiped when freed. */
void *pw_alloc(size_t n);
void pw_wipe_free(void *p, size_t n);
size_t pw_result_len(void);
void pw_release(char *result);

/* {"errors":[{"field","message"}...]} for the named operation's input (JSON). */
char *pw_validate(const char *op, size_t op_len, char *input, size_t input_len);

/* config is JSON: {"operation", "region", "endpoint", "useFipsEndpoint", "useDualstackEndpoint",
 * "accessKeyId", "date" (YYYYMMDDTHHMMSSZ), "headers" ([[name, value]...])}. Result:
 * {"errors":[...]} or {"error":{"name","message"}} or {"request":{"method","url","headers","body"},
 * "canonicalRequest","stringToSign","signature"[,"eventIds":[...]]}. */
char *pw_build_request(const char *config, size_t config_len, char *input, size_t input_len,
	char *secret, size_t secret_len, char *token, size_t token_len);

/* request JSON {"method","path","query","headers"}; options JSON {"accessKeyId","region",
 * "service","date","signBody","omitSessionToken","normalizePath"}. Result: {"headers",
 * "authorization","canonicalRequest","stringToSign","signature"} or {"error":{"name","message"}}. */
char *pw_sign(const char *request, size_t request_len, const unsigned char *body, size_t body_len,
	const char *options, size_t options_len, char *secret, size_t secret_len, char *token, size_t token_len);

/* config JSON {"region","endpoint","useFipsEndpoint","useDualstackEndpoint","service"}:
 * {"url":"..."} or {"error":{"name":"EndpointError","message"}}. */
char *pw_endpoint_json(const char *config, size_t config_len);

/* headers is JSON [[name, value]...]; see response.h for the result. */
char *pw_parse(int status, const char *op, size_t op_len, const char *headers, size_t headers_len,
	const char *body, size_t body_len);

#endif
