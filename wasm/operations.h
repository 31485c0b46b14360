/* The operations this client knows: wire details and input shapes from the service models. */
#ifndef PW_OPERATIONS_H
#define PW_OPERATIONS_H

#include "validate.h"

enum pw_service {
	PW_SVC_PERSONALIZE,       /* awsJson1_1, endpoint prefix "personalize" */
	PW_SVC_PERSONALIZE_EVENTS /* rest-json, endpoint prefix "personalize-events" */
};

struct pw_operation {
	const char *name;          /* "CreateEventTracker" */
	uint8_t service;           /* enum pw_service */
	const char *http_path;     /* "/" for awsJson1_1, "/events" for PutEvents */
	const struct pw_shape *input;
	/* Output members that must be strings for a success to make sense, NULL-terminated. */
	const char *const *required_output;
	int empty_output;          /* success carries no body */
};

const struct pw_operation *pw_find_operation(const char *name, size_t len);
const char *pw_service_endpoint_prefix(enum pw_service s);
/* Every service here signs as "personalize". */
#define PW_SIGNING_NAME "personalize"

#endif
