/* Fuzzes custom endpoint canonicalization (url.c, endpoint.c) and the shipped export
 * pw_endpoint_url.
 *
 * The input is the endpoint URL (arbitrary bytes). pw_resolve_endpoint must refuse it with a
 * message naming the endpoint, or give a canonical one: the host only in URL's canonical
 * alphabet (lower-case names of [a-z0-9_.-], dotted-decimal IPv4 of four parts of at most 255,
 * or a bracketed lower-case compressed IPv6 address), a port only when not the scheme's default,
 * a base of scheme://Host, and a base path of the input's characters without a trailing '/'.
 * Canonicalizing is idempotent: base + base path, resolved again, gives the same Host, base and
 * path. pw_endpoint_url agrees: the same URL, or an EndpointError with the same message. */
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "endpoint.h"
#include "fuzz_common.h"
#include "wasm_exports.h"

/* NULL, or why the endpoint is refused. */
static const char *resolve(const char *u, size_t len, struct pw_endpoint *e)
{
	struct pw_endpoint_config c;
	struct pw_error why;
	pw_status s;

	memset(&c, 0, sizeof c);
	c.endpoint = u;
	c.endpoint_len = len;
	pw_endpoint_init(e);
	s = pw_resolve_endpoint(&c, PW_SVC_PERSONALIZE, e, &why);
	FZ_CHECK(s != PW_NOMEM, "out of memory resolving %.*s", (int)len, u);
	FZ_CHECK(s == PW_OK || strcmp(why.name, "EndpointError") == 0, "refused as %s", why.name);
	return s == PW_OK ? NULL : why.message;
}

static int in_set(char c, const char *set)
{
	return c != 0 && strchr(set, c) != NULL;
}

static void check_ipv4(const char *h, size_t n)
{
	size_t i, parts = 1;
	unsigned v = 0, digits = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || h[i] == '.') {
			FZ_CHECK(digits > 0 && v <= 255, "IPv4 part out of range in %.*s", (int)n, h);
			if (i < n) parts++;
			v = digits = 0;
			continue;
		}
		FZ_CHECK(h[i] >= '0' && h[i] <= '9', "IPv4 %.*s has a non-digit", (int)n, h);
		FZ_CHECK(!(digits == 1 && v == 0), "IPv4 part with a leading zero in %.*s", (int)n, h);
		v = v * 10 + (unsigned)(h[i] - '0');
		digits++;
	}
	FZ_CHECK(parts == 4, "IPv4 %.*s has %zu parts", (int)n, h, parts);
}

/* The host of a Host header (without its port). */
static void check_host(const char *h, size_t n)
{
	size_t i, k, end;
	int digits = 1, hex;

	FZ_CHECK(n > 0, "empty host");
	if (h[0] == '[') {
		FZ_CHECK(n > 2 && h[n - 1] == ']', "IPv6 host not bracketed");
		for (i = 1; i + 1 < n; i++) FZ_CHECK(in_set(h[i], "0123456789abcdef:"), "IPv6 host %.*s not lower-case hex", (int)n, h);
		FZ_CHECK(strstr(h, ":::") == NULL, "IPv6 host %.*s has :::", (int)n, h);
		return;
	}
	for (i = 0; i < n; i++) FZ_CHECK(in_set(h[i], "abcdefghijklmnopqrstuvwxyz0123456789-_."), "host %.*s has a character URL would change", (int)n, h);
	/* A name ending in a number (digits, or 0x and hex digits) must have become dotted-decimal IPv4. */
	end = n - (h[n - 1] == '.');
	for (i = end; i > 0 && h[i - 1] != '.'; i--) {}
	hex = end - i >= 2 && h[i] == '0' && h[i + 1] == 'x';
	for (k = i; k < end; k++) {
		if (h[k] < '0' || h[k] > '9') digits = 0;
		if (k >= i + 2 && !in_set(h[k], "0123456789abcdef")) hex = 0;
	}
	if ((digits && end > i) || hex) check_ipv4(h, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_endpoint e, again;
	const char *failure;
	char *u = fz_dup(data, size);
	fz_buf url = { 0 };

	failure = resolve(u, size, &e);
	if (failure != NULL) {
		FZ_CHECK(strncmp(failure, "Invalid Configuration: endpoint ", 32) == 0 || size == 0, "message %s", failure);
	} else {
		const char *host = e.host.data, *colon;
		size_t host_len;

		FZ_CHECK(host != NULL && e.base.data != NULL, "no host or base");
		/* Host: host[:port], the port 1-65535 without leading zeros, never the default. */
		colon = strrchr(host, ':');
		if (colon != NULL && host[0] == '[' && strrchr(host, ']') > colon) colon = NULL;
		host_len = colon != NULL ? (size_t)(colon - host) : strlen(host);
		check_host(host, host_len);
		if (colon != NULL) {
			long port = strtol(colon + 1, NULL, 10);
			FZ_CHECK(colon[1] >= '1' && colon[1] <= '9' && port > 0 && port <= 65535, "port %s", colon + 1);
			FZ_CHECK(port != (strncmp(e.base.data, "https:", 6) == 0 ? 443 : 80), "the default port is in Host");
		}
		FZ_CHECK((strncmp(e.base.data, "http://", 7) == 0 && strcmp(e.base.data + 7, host) == 0)
			|| (strncmp(e.base.data, "https://", 8) == 0 && strcmp(e.base.data + 8, host) == 0), "base %s is not scheme://Host", e.base.data);
		FZ_CHECK(e.base_path.len == 0 || (e.base_path.data[0] == '/' && e.base_path.data[e.base_path.len - 1] != '/'), "base path %s", e.base_path.data);
		/* Idempotent. */
		fz_buf_puts(&url, e.base.data);
		if (e.base_path.len > 0) fz_buf_puts(&url, e.base_path.data);
		failure = resolve(url.data, url.len, &again);
		FZ_CHECK(failure == NULL, "the canonical form %.*s is refused: %s", (int)url.len, url.data, failure);
		FZ_CHECK(strcmp(again.host.data, e.host.data) == 0 && strcmp(again.base.data, e.base.data) == 0
			&& again.base_path.len == e.base_path.len && (e.base_path.len == 0 || strcmp(again.base_path.data, e.base_path.data) == 0),
			"canonicalizing %.*s again changes it", (int)url.len, url.data);
		pw_endpoint_free(&again);
	}

	/* The shipped export agrees (a region given too: a custom endpoint needs none, and wins). */
	{
		char region[] = "US-East-1";
		struct pw_result *r = pw_endpoint_url(region, 9, (const char *)data, size, 0, PW_SERVICE_PERSONALIZE);
		FZ_CHECK(r != NULL, "pw_endpoint_url returned NULL");
		if (failure == NULL && size > 0) {
			FZ_CHECK(r->status == PW_OK && r->f[PW_ENDPOINT_URL].len == url.len
				&& memcmp(r->f[PW_ENDPOINT_URL].data, url.data, url.len) == 0, "pw_endpoint_url disagrees");
		} else if (size > 0) {
			FZ_CHECK(r->status == PW_ERROR && fz_field_is(r, PW_ERROR_NAME, "EndpointError")
				&& r->f[PW_ERROR_MESSAGE].len == strlen(failure) && memcmp(r->f[PW_ERROR_MESSAGE].data, failure, strlen(failure)) == 0,
				"pw_endpoint_url accepted what pw_resolve_endpoint refused, or refused it otherwise");
		}
		pw_done(0);
	}
	pw_endpoint_free(&e);
	fz_buf_free(&url);
	free(u);
	return 0;
}
