/* Endpoint resolution by the AWS SDKs' rules for Personalize and Personalize Events. */
#ifndef PW_ENDPOINT_H
#define PW_ENDPOINT_H

#include <stddef.h>

#include "buf.h"
#include "operations.h"

struct pw_endpoint_config {
	const char *region;      /* may be NULL */
	size_t region_len;
	const char *endpoint;    /* custom endpoint URL, may be NULL */
	size_t endpoint_len;
	int use_fips;
	int use_dualstack;
};

/* The parts of an endpoint URL a request needs. */
struct pw_endpoint {
	pw_buf base;       /* scheme://host[:port] */
	pw_buf host;       /* the Host header: host, plus :port when not the scheme's default */
	pw_buf base_path;  /* a custom endpoint's path, without a trailing '/'; often empty */
};

void pw_endpoint_init(struct pw_endpoint *e);
void pw_endpoint_free(struct pw_endpoint *e);

/* Returns NULL on success, or the configuration error's message. */
const char *pw_resolve_endpoint(const struct pw_endpoint_config *c, enum pw_service service,
	struct pw_endpoint *out);

#endif
