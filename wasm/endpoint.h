/* Endpoint resolution by the AWS SDKs' rules for Personalize and Personalize Events. */
#ifndef PW_ENDPOINT_H
#define PW_ENDPOINT_H

#include <stddef.h>

#include "buf.h"
#include "operations.h"
#include "status.h"

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
	pw_buf base;       /* scheme://host[:port], port only when not the scheme's default */
	pw_buf host;       /* the Host header fetch sends: host[:port], the same as in base */
	pw_buf base_path;  /* a custom endpoint's path, without a trailing '/'; often empty */
};

void pw_endpoint_init(struct pw_endpoint *e);
void pw_endpoint_free(struct pw_endpoint *e);

/* Regions are lower-cased before anything else uses them, once, in place. A region is a host
 * label to the endpoint rules (isValidHostLabel accepts upper case), and the AWS SDKs would build
 * https://personalize.US-East-1.amazonaws.com, which fetch sends as Host personalize.us-east-1...
 * while the SDK signs the upper-case name, and the credential scope's region is case-sensitive
 * (US-East-1 is no valid scope). Lower-cased for the URL, the Host, the partition match and the
 * signing scope alike, the three agree, and CN-North-1 finds its partition (amazonaws.com.cn). */
void pw_region_to_lower(char *region, size_t len);

/* The configuration of the exports' arguments: region lower-cased in place first
 * (pw_region_to_lower); flags PW_FLAG_FIPS | PW_FLAG_DUALSTACK (boundary.h); a NULL pointer is
 * absent. */
void pw_endpoint_config_from(struct pw_endpoint_config *c, char *region, size_t region_len,
	const char *endpoint, size_t endpoint_len, unsigned flags);

/* PW_OK, PW_ERROR (e: an EndpointError saying what is wrong with the configuration) or PW_NOMEM.
 * A custom endpoint is canonicalized as fetch reads it (url.h):
 * Host is its host (lower case, IPv4 dotted decimal, IPv6 compressed) and port, the scheme's
 * default port left out; base has the same host and port; base_path is its path. */
pw_status pw_resolve_endpoint(const struct pw_endpoint_config *c, enum pw_service service,
	struct pw_endpoint *out, struct pw_error *e);

#endif
