/* Parsing of service responses by the awsJson1_1 / rest-json rules. */
#ifndef PW_RESPONSE_H
#define PW_RESPONSE_H

#include <stddef.h>

#include "buf.h"
#include "operations.h"
#include "sigv4.h"

/* What a response says. For an output, output points at the body's one JSON object (BOM
 * skipped), or is NULL for an empty success: JavaScript parses it itself. For an error, name,
 * message and the fault. request_id points into the headers (NULL when absent). */
struct pw_response {
	int is_error;
	const char *output;
	size_t output_len;
	pw_buf name;
	pw_buf message;
	int server_fault;
	const char *request_id;
	size_t request_id_len;
};

void pw_response_init(struct pw_response *r);
void pw_response_free(struct pw_response *r);
/* Returns 0 for an output, 1 for an error, -1 when out of memory. */
int pw_examine_response(const struct pw_operation *op, int status, const struct pw_header *headers,
	size_t n_headers, const char *body, size_t body_len, struct pw_response *r);

/* The same as JSON (for the C tests and fuzzers): writes to out either {"output":{...},"requestId":...} or
 * {"error":{"name":...,"message":...,"fault":"client"|"server"},"requestId":...}.
 * Returns 0 for an output, 1 for an error, -1 when out of memory. */
int pw_parse_response(const struct pw_operation *op, int status, const struct pw_header *headers,
	size_t n_headers, const char *body, size_t body_len, pw_buf *out);

/* The error name as the SDKs clean it: before ',' and ':', after '#'. Writes into out. */
void pw_sanitize_error_name(pw_buf *out, const char *raw, size_t len);

#endif
