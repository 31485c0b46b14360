/* Parsing of service responses by the awsJson1_1 / rest-json rules. */
#ifndef PW_RESPONSE_H
#define PW_RESPONSE_H

#include <stddef.h>

#include "buf.h"
#include "operations.h"
#include "sigv4.h"

/* Writes to out either {"output":{...},"requestId":...} or
 * {"error":{"name":...,"message":...,"fault":"client"|"server"},"requestId":...}.
 * Returns 0 for an output, 1 for an error, -1 when out of memory. */
int pw_parse_response(const struct pw_operation *op, int status, const struct pw_header *headers,
	size_t n_headers, const char *body, size_t body_len, pw_buf *out);

/* The error name as the SDKs clean it: before ',' and ':', after '#'. Writes into out. */
void pw_sanitize_error_name(pw_buf *out, const char *raw, size_t len);

#endif
