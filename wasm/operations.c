/* The operation table; its contents are generated from wasm/model.json (see operations.h). */
#include "operations.h"

#include <string.h>

#include "model_tables.h"

const struct pw_operation *pw_find_operation(const char *name, size_t len)
{
	size_t i;

	if (name == NULL) return NULL;
	for (i = 0; i < PW_MODEL_OPERATIONS; i++) {
		if (strlen(model_operations[i].name) == len && memcmp(model_operations[i].name, name, len) == 0) {
			return &model_operations[i];
		}
	}
	return NULL;
}

const struct pw_service_info *pw_service_info(enum pw_service s)
{
	size_t i = (size_t)s;

	return &model_services[i < sizeof model_services / sizeof model_services[0] ? i : 0];
}

const char *pw_service_endpoint_prefix(enum pw_service s)
{
	return pw_service_info(s)->endpoint_prefix;
}
