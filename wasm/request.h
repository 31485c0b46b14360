/* One call's request, prepared once: input validated, payload serialized, endpoint resolved and
 * the protocol's headers chosen. Each attempt then only signs it (sigv4.h) with its own date
 * and amz-sdk-request header. */
#ifndef PW_REQUEST_H
#define PW_REQUEST_H

#include "endpoint.h"
#include "operations.h"
#include "status.h"
#include "validate.h"

struct pw_prepared {
	pw_errors errors;          /* the input's problems; count > 0: nothing else is set */
	struct pw_endpoint endpoint;
	pw_buf url;                /* base + path */
	pw_buf path;               /* as on the request line */
	pw_buf target;             /* X-Amz-Target's value; empty for rest-json */
	const char *content_type;
	size_t content_type_len;
	pw_buf body;
	pw_buf event_ids;          /* PutEvents: a JSON array of the ids used */
};

void pw_prepared_init(struct pw_prepared *r);
/* Wipes (bodies hold tag values and user ids) and frees. */
void pw_prepared_free(struct pw_prepared *r);

/* PW_OK; PW_ERROR when the input is refused (e is a ValidationError, r->errors lists why) or the
 * configuration is (e: an EndpointError); PW_NOMEM. input may be NULL (absent); PutEvents events
 * get their derived eventIds added to it (event_id.h). */
pw_status pw_prepare(const struct pw_operation *op, cJSON *input, const struct pw_endpoint_config *ec,
	struct pw_prepared *r, struct pw_error *e);

#endif
