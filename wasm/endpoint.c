/* Endpoint rules; see endpoint.h and the reference's partition table. */
#include "endpoint.h"

#include <string.h>

struct partition {
	const char *prefix;          /* regions "<prefix>\w+-\d+" */
	const char *dns_suffix;
	const char *dualstack_suffix;
};

/* aws-us-gov and the ISO partitions share prefixes with aws ("us-"), but their regions don't
 * match aws's "us-\w+-\d+" (\w has no '-'), so the first match is the right one. */
static const struct partition partitions[] = {
	{ "us-gov-", "amazonaws.com", "api.aws" },
	{ "us-iso-", "c2s.ic.gov", "api.aws.ic.gov" },
	{ "us-isob-", "sc2s.sgov.gov", "api.aws.scloud" },
	{ "us-isof-", "csp.hci.ic.gov", "api.aws.hci.ic.gov" },
	{ "eu-isoe-", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk" },
	{ "eusc-de-", "amazonaws.eu", "api.amazonwebservices.eu" },
	{ "cn-", "amazonaws.com.cn", "api.amazonwebservices.com.cn" },
};
static const struct partition aws_partition = { "", "amazonaws.com", "api.aws" };

static int is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* region == prefix \w+ - \d+ (the whole value) */
static int region_in(const char *r, size_t len, const char *prefix)
{
	size_t n = strlen(prefix), i, dash;

	if (len <= n || memcmp(r, prefix, n) != 0) return 0;
	for (dash = len; dash > n && r[dash - 1] != '-'; dash--) {}
	if (dash <= n + 1 || dash == len) return 0;
	for (i = n; i < dash - 1; i++) if (!is_word(r[i])) return 0;
	for (i = dash; i < len; i++) if (r[i] < '0' || r[i] > '9') return 0;
	return 1;
}

/* A region becomes part of a host name: it must be a valid DNS label. */
static int valid_host_label(const char *r, size_t len)
{
	size_t i;

	if (len == 0 || len > 63 || r[0] == '-') return 0;
	for (i = 0; i < len; i++) {
		char c = r[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return 0;
	}
	return 1;
}

void pw_endpoint_init(struct pw_endpoint *e)
{
	pw_buf_init(&e->base);
	pw_buf_init(&e->host);
	pw_buf_init(&e->base_path);
}

void pw_endpoint_free(struct pw_endpoint *e)
{
	pw_buf_wipe_free(&e->base);
	pw_buf_wipe_free(&e->host);
	pw_buf_wipe_free(&e->base_path);
}

static int starts_with_nocase(const char *s, const char *lower_prefix)
{
	size_t i;

	for (i = 0; lower_prefix[i] != 0; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
		if (c != lower_prefix[i]) return 0;
	}
	return 1;
}

static const char *split_url(const char *u, size_t len, struct pw_endpoint *out)
{
	static const char invalid[] = "Invalid Configuration: endpoint must be an http:// or https:// URL with a host, and no query or fragment";
	size_t scheme_len, host_start, host_end, port_start = 0, path_start, i;
	int https;

	/* Schemes are case-insensitive (RFC 3986 3.1); the URL is rebuilt with a lower-case one. */
	if (len > 7 && starts_with_nocase(u, "http://")) { https = 0; scheme_len = 7; }
	else if (len > 8 && starts_with_nocase(u, "https://")) { https = 1; scheme_len = 8; }
	else return invalid;
	host_start = scheme_len;
	for (path_start = host_start; path_start < len && u[path_start] != '/'; path_start++) {}
	host_end = path_start;
	for (i = host_start; i < len; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c <= ' ' || c >= 0x7F || c == '?' || c == '#' || (i < host_end && c == '@')) return invalid;
	}
	/* The port follows the last ':' of the authority, or the ']' of an IPv6 literal. */
	i = host_end;
	if (u[host_start] == '[') {
		for (i = host_start; i < host_end && u[i] != ']'; i++) {}
		if (i == host_end) return invalid;
		i++;
		if (i < host_end && u[i] != ':') return invalid;
	} else {
		while (i > host_start && u[i - 1] != ':') i--;
		i = i > host_start ? i - 1 : host_end;
	}
	if (i < host_end) {
		port_start = i;
		if (host_end - port_start < 2 || host_end - port_start > 6) return invalid;
		for (i = port_start + 1; i < host_end; i++) if (u[i] < '0' || u[i] > '9') return invalid;
	}
	if ((port_start ? port_start : host_end) == host_start) return invalid;
	pw_buf_puts(&out->base, https ? "https://" : "http://");
	pw_buf_put(&out->base, u + scheme_len, host_end - scheme_len);
	/* The scheme's default port is left out of Host, as fetch leaves it out. */
	if (port_start != 0 && ((https && host_end - port_start == 4 && memcmp(u + port_start, ":443", 4) == 0)
		|| (!https && host_end - port_start == 3 && memcmp(u + port_start, ":80", 3) == 0))) {
		host_end = port_start;
	}
	for (i = host_start; i < host_end; i++) {
		char c = u[i];
		pw_buf_putc(&out->host, (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c);
	}
	while (len > path_start && u[len - 1] == '/') len--;
	pw_buf_put(&out->base_path, u + path_start, len - path_start);
	return NULL;
}

const char *pw_resolve_endpoint(const struct pw_endpoint_config *c, enum pw_service service,
	struct pw_endpoint *out)
{
	const struct partition *p = &aws_partition;
	const char *prefix = pw_service_endpoint_prefix(service);
	size_t i;

	if (c->endpoint != NULL && c->endpoint_len > 0) {
		if (c->use_fips) return "Invalid Configuration: FIPS and custom endpoint are not supported";
		if (c->use_dualstack) return "Invalid Configuration: Dualstack and custom endpoint are not supported";
		return split_url(c->endpoint, c->endpoint_len, out);
	}
	if (c->region == NULL || c->region_len == 0) return "Invalid Configuration: Missing Region";
	if (!valid_host_label(c->region, c->region_len)) {
		return "Invalid Configuration: Region must be a valid host label (letters, digits and hyphens)";
	}
	for (i = 0; i < sizeof partitions / sizeof partitions[0]; i++) {
		if (region_in(c->region, c->region_len, partitions[i].prefix)) {
			p = &partitions[i];
			break;
		}
	}
	pw_buf_puts(&out->host, prefix);
	if (c->use_fips) pw_buf_puts(&out->host, "-fips");
	pw_buf_putc(&out->host, '.');
	pw_buf_put(&out->host, c->region, c->region_len);
	pw_buf_putc(&out->host, '.');
	pw_buf_puts(&out->host, c->use_dualstack ? p->dualstack_suffix : p->dns_suffix);
	pw_buf_puts(&out->base, "https://");
	pw_buf_put(&out->base, out->host.data, out->host.len);
	return out->host.failed || out->base.failed ? "out of memory" : NULL;
}
