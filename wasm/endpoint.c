/* Endpoint rules; see endpoint.h and the reference's partition table. */
#include "endpoint.h"

#include <string.h>

#include "ascii.h"
#include "boundary.h"
#include "url.h"

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
	return pw_ascii_is_alnum(c) || c == '_';
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
		if (!pw_ascii_is_alnum(c) && c != '-') return 0;
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

/* A custom endpoint, canonicalized as fetch will read it (url.h). */
static pw_status split_url(const char *u, size_t len, struct pw_endpoint *out, struct pw_error *e)
{
	struct pw_url url;
	pw_status s;
	size_t path_len;

	pw_buf_init(&url.host);
	if ((s = pw_url_parse(u, len, &url, e)) == PW_OK) {
		pw_buf_put(&out->host, url.host.data, url.host.len);
		if (url.port != 0) {
			pw_buf_putc(&out->host, ':');
			pw_buf_put_uint(&out->host, url.port);
		}
		pw_buf_puts(&out->base, url.https ? "https://" : "http://");
		pw_buf_put(&out->base, out->host.data, out->host.len);
		for (path_len = url.path_len; path_len > 0 && url.path[path_len - 1] == '/'; path_len--) {}
		pw_buf_put(&out->base_path, url.path, path_len);
	}
	if (url.host.failed) s = PW_NOMEM;
	pw_buf_wipe_free(&url.host);
	return s;
}

void pw_region_to_lower(char *region, size_t len)
{
	size_t i;

	for (i = 0; region != NULL && i < len; i++) region[i] = pw_ascii_lower(region[i]);
}

void pw_endpoint_config_from(struct pw_endpoint_config *c, char *region, size_t region_len,
	const char *endpoint, size_t endpoint_len, unsigned flags)
{
	pw_region_to_lower(region, region_len); /* in place, before anything uses it */
	c->region = region;
	c->region_len = region != NULL ? region_len : 0;
	c->endpoint = endpoint;
	c->endpoint_len = endpoint != NULL ? endpoint_len : 0;
	c->use_fips = (flags & PW_FLAG_FIPS) != 0;
	c->use_dualstack = (flags & PW_FLAG_DUALSTACK) != 0;
}

static pw_status endpoint_status(const struct pw_endpoint *out, pw_status s)
{
	if (s == PW_OK && (out->base.failed || out->host.failed || out->base_path.failed)) return PW_NOMEM;
	return s;
}

#define REFUSE(e, message) pw_refuse((e), "EndpointError", (message))

pw_status pw_resolve_endpoint(const struct pw_endpoint_config *c, enum pw_service service,
	struct pw_endpoint *out, struct pw_error *e)
{
	const struct partition *p = &aws_partition;
	const char *prefix = pw_service_endpoint_prefix(service);
	size_t i;

	if (c->endpoint != NULL && c->endpoint_len > 0) {
		if (c->use_fips) return REFUSE(e, "Invalid Configuration: FIPS and custom endpoint are not supported");
		if (c->use_dualstack) return REFUSE(e, "Invalid Configuration: Dualstack and custom endpoint are not supported");
		return endpoint_status(out, split_url(c->endpoint, c->endpoint_len, out, e));
	}
	if (c->region == NULL || c->region_len == 0) return REFUSE(e, "Invalid Configuration: Missing Region");
	if (!valid_host_label(c->region, c->region_len)) {
		return REFUSE(e, "Invalid Configuration: Region must be a valid host label (letters, digits and hyphens)");
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
	return endpoint_status(out, PW_OK);
}
