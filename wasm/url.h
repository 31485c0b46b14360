/* Custom endpoint URLs, read as the WHATWG URL parser reads them (fetch, browsers, Node's URL), so
 * that the Host the request is signed with is the Host fetch sends, and the path signed is the
 * path sent. Forms the parser would rewrite in ways too exotic to follow safely are refused, each
 * with a message naming the rule; none quotes the URL (it may hold a password). */
#ifndef PW_URL_H
#define PW_URL_H

#include <stddef.h>

#include "buf.h"
#include "status.h"

struct pw_url {
	int https;
	pw_buf host;         /* canonical: lower case, IPv4 in dotted decimal, IPv6 compressed in [] */
	unsigned long port;  /* 0: none, or the scheme's default (which URL drops) */
	const char *path;    /* into the input: "" or "/...", every byte one URL sends as it is */
	size_t path_len;
};

/* PW_OK, or PW_ERROR with e (EndpointError) naming the rule u breaks. out->host must be
 * initialized (pw_buf_init); the caller frees it. Accepted: http:// or https:// (any case), a
 * host, an optional port, an optional path. */
pw_status pw_url_parse(const char *u, size_t len, struct pw_url *out, struct pw_error *e);

/* The host alone (between "//" and the port), canonicalized into out; PW_OK or PW_ERROR (e). */
pw_status pw_url_host(pw_buf *out, const char *host, size_t len, struct pw_error *e);

#endif
