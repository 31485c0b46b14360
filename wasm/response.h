/* Examination of service responses by the awsJson1_1 / rest-json rules: status, error shape,
 * modelled errors and the body's validity, read once and never built into a tree (json.h's
 * scanner); the glue parses an approved output itself. */
#ifndef PW_RESPONSE_H
#define PW_RESPONSE_H

#include <stddef.h>

#include "buf.h"
#include "operations.h"
#include "status.h"

/* The header values examining reads; NULL (or length 0) when absent. */
struct pw_response_headers {
	const char *error_type;       /* x-amzn-errortype */
	size_t error_type_len;
	const char *request_id;       /* x-amzn-requestid */
	size_t request_id_len;
	const char *amz_request_id;   /* x-amz-request-id */
	size_t amz_request_id_len;
};

/* What a response says. For an output, output points at the body's one JSON object (BOM
 * skipped), or is NULL for an empty success. For an error, name, message and the fault.
 * request_id points into the headers (NULL when absent). */
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
/* PW_OK (r->is_error: an error response) or PW_NOMEM. */
pw_status pw_examine_response(const struct pw_operation *op, int status, const struct pw_response_headers *h,
	const char *body, size_t body_len, struct pw_response *r);

/* The error name as the SDKs clean it: before ',' and ':', after '#'. Writes into out. */
void pw_sanitize_error_name(pw_buf *out, const char *raw, size_t len);

#endif
