/* The operations this client knows: wire details and input shapes, generated from
 * wasm/model.json (build/gen/model_tables.h). */
#ifndef PW_OPERATIONS_H
#define PW_OPERATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "shape.h"

/* The model's services, in model.json's order (gen_model.mjs checks the names). */
enum pw_service {
	PW_SVC_PERSONALIZE,       /* awsJson1_1, endpoint prefix "personalize" */
	PW_SVC_PERSONALIZE_EVENTS /* rest-json, endpoint prefix "personalize-events" */
};

struct pw_service_info {
	const char *endpoint_prefix; /* "personalize-events" */
	const char *signing_name;    /* "personalize" */
	const char *target_prefix;   /* awsJson1_1: X-Amz-Target is target_prefix "." name; else NULL */
	const char *content_type;    /* "application/x-amz-json-1.1" */
};

struct pw_operation {
	const char *name;          /* "CreateEventTracker" */
	uint8_t service;           /* enum pw_service */
	const char *http_path;     /* "/" for awsJson1_1, "/events" for PutEvents */
	const struct pw_shape *input;
	/* Output members that must be strings for a success to make sense, NULL-terminated (the
	 * model's clientRequired). */
	const char *const *required_output;
	int empty_output;          /* success may carry no body: no output shape, or one without members */
};
/* Every operation here is a POST (gen_model.mjs checks the model agrees). */

const struct pw_operation *pw_find_operation(const char *name, size_t len);
const struct pw_service_info *pw_service_info(enum pw_service s);
const char *pw_service_endpoint_prefix(enum pw_service s);
/* Every service here signs as "personalize" (gen_model.mjs checks the model agrees). */
#define PW_SIGNING_NAME "personalize"

#endif
