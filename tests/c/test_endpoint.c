/* Endpoint resolution: partitions, FIPS and dual-stack, both services, custom endpoints, and the
 * configuration errors. */
#include <string.h>

#include "check.h"
#include "endpoint.h"

struct resolved {
	const char *error;
	char base[256], host[256], base_path[256];
};

static void copy_buf(char *dst, const pw_buf *b)
{
	size_t n = b->len < 255 ? b->len : 255;

	if (b->data != NULL) memcpy(dst, b->data, n);
	dst[b->data != NULL ? n : 0] = 0;
}

static struct resolved resolve(const char *region, const char *endpoint, int fips, int dualstack, enum pw_service s)
{
	struct pw_endpoint_config c;
	struct pw_endpoint e;
	struct resolved r;

	c.region = region;
	c.region_len = region != NULL ? strlen(region) : 0;
	c.endpoint = endpoint;
	c.endpoint_len = endpoint != NULL ? strlen(endpoint) : 0;
	c.use_fips = fips;
	c.use_dualstack = dualstack;
	pw_endpoint_init(&e);
	r.error = pw_resolve_endpoint(&c, s, &e);
	copy_buf(r.base, &e.base);
	copy_buf(r.host, &e.host);
	copy_buf(r.base_path, &e.base_path);
	pw_endpoint_free(&e);
	return r;
}

static void expect_url(const char *region, int fips, int dualstack, enum pw_service s, const char *expected_host,
	const char *file, int line)
{
	struct resolved r = resolve(region, NULL, fips, dualstack, s);
	char url[300];

	if (r.error != NULL) {
		pw_fail(file, line, "%s: unexpected error %s", region, r.error);
		return;
	}
	strcpy(url, "https://");
	strcat(url, expected_host);
	pw_check_str(r.host, expected_host, file, line, "host");
	pw_check_str(r.base, url, file, line, "base");
	pw_check_str(r.base_path, "", file, line, "base path");
}
#define URL(region, fips, dualstack, expected_host) expect_url(region, fips, dualstack, PW_SVC_PERSONALIZE, expected_host, __FILE__, __LINE__)
#define EVENTS_URL(region, fips, dualstack, expected_host) expect_url(region, fips, dualstack, PW_SVC_PERSONALIZE_EVENTS, expected_host, __FILE__, __LINE__)

static void expect_custom(const char *endpoint, const char *base, const char *host, const char *base_path,
	const char *file, int line)
{
	struct resolved r = resolve("us-east-1", endpoint, 0, 0, PW_SVC_PERSONALIZE);

	if (r.error != NULL) {
		pw_fail(file, line, "%s: unexpected error %s", endpoint, r.error);
		return;
	}
	pw_check_str(r.base, base, file, line, "base");
	pw_check_str(r.host, host, file, line, "host");
	pw_check_str(r.base_path, base_path, file, line, "base path");
}
#define CUSTOM(endpoint, base, host, base_path) expect_custom(endpoint, base, host, base_path, __FILE__, __LINE__)

static const char INVALID_URL[] = "Invalid Configuration: endpoint must be an http:// or https:// URL with a host, and no query or fragment";

static void expect_rejected(const char *region, const char *endpoint, const char *message, const char *file, int line)
{
	struct resolved r = resolve(region, endpoint, 0, 0, PW_SVC_PERSONALIZE);

	pw_check_str(r.error, message, file, line, endpoint != NULL ? endpoint : region);
}
#define BAD_ENDPOINT(endpoint) expect_rejected("us-east-1", endpoint, INVALID_URL, __FILE__, __LINE__)

static void every_partition_has_its_dns_suffix(void)
{
	URL("us-east-1", 0, 0, "personalize.us-east-1.amazonaws.com");
	URL("eu-west-1", 0, 0, "personalize.eu-west-1.amazonaws.com");
	URL("ap-southeast-2", 0, 0, "personalize.ap-southeast-2.amazonaws.com");
	URL("cn-north-1", 0, 0, "personalize.cn-north-1.amazonaws.com.cn");
	URL("cn-northwest-1", 0, 0, "personalize.cn-northwest-1.amazonaws.com.cn");
	URL("us-gov-west-1", 0, 0, "personalize.us-gov-west-1.amazonaws.com");
	URL("us-iso-east-1", 0, 0, "personalize.us-iso-east-1.c2s.ic.gov");
	URL("us-isob-east-1", 0, 0, "personalize.us-isob-east-1.sc2s.sgov.gov");
	URL("eu-isoe-west-1", 0, 0, "personalize.eu-isoe-west-1.cloud.adc-e.uk");
	URL("us-isof-south-1", 0, 0, "personalize.us-isof-south-1.csp.hci.ic.gov");
	URL("eusc-de-east-1", 0, 0, "personalize.eusc-de-east-1.amazonaws.eu");
	/* a region no partition claims is in aws */
	URL("xx-fake-1", 0, 0, "personalize.xx-fake-1.amazonaws.com");
	URL("local", 0, 0, "personalize.local.amazonaws.com");
	URL("cn-north", 0, 0, "personalize.cn-north.amazonaws.com"); /* not ^cn-\w+-\d+$ */
}

static void every_partition_has_its_dual_stack_suffix(void)
{
	URL("us-east-1", 0, 1, "personalize.us-east-1.api.aws");
	URL("cn-north-1", 0, 1, "personalize.cn-north-1.api.amazonwebservices.com.cn");
	URL("us-gov-west-1", 0, 1, "personalize.us-gov-west-1.api.aws");
	URL("us-iso-east-1", 0, 1, "personalize.us-iso-east-1.api.aws.ic.gov");
	URL("us-isob-east-1", 0, 1, "personalize.us-isob-east-1.api.aws.scloud");
	URL("eu-isoe-west-1", 0, 1, "personalize.eu-isoe-west-1.api.cloud-aws.adc-e.uk");
	URL("us-isof-south-1", 0, 1, "personalize.us-isof-south-1.api.aws.hci.ic.gov");
	URL("eusc-de-east-1", 0, 1, "personalize.eusc-de-east-1.api.amazonwebservices.eu");
	URL("xx-fake-1", 0, 1, "personalize.xx-fake-1.api.aws");
}

static void fips_uses_the_fips_prefix_and_combines_with_dual_stack(void)
{
	URL("us-east-1", 1, 0, "personalize-fips.us-east-1.amazonaws.com");
	URL("us-gov-west-1", 1, 0, "personalize-fips.us-gov-west-1.amazonaws.com");
	URL("cn-north-1", 1, 0, "personalize-fips.cn-north-1.amazonaws.com.cn");
	URL("us-east-1", 1, 1, "personalize-fips.us-east-1.api.aws");
	URL("cn-north-1", 1, 1, "personalize-fips.cn-north-1.api.amazonwebservices.com.cn");
}

static void personalize_events_uses_its_own_prefix(void)
{
	EVENTS_URL("us-east-1", 0, 0, "personalize-events.us-east-1.amazonaws.com");
	EVENTS_URL("cn-north-1", 0, 0, "personalize-events.cn-north-1.amazonaws.com.cn");
	EVENTS_URL("us-east-1", 1, 1, "personalize-events-fips.us-east-1.api.aws");
	CHECK_STR_EQ(pw_service_endpoint_prefix(PW_SVC_PERSONALIZE), "personalize");
	CHECK_STR_EQ(pw_service_endpoint_prefix(PW_SVC_PERSONALIZE_EVENTS), "personalize-events");
}

static void custom_endpoints_give_base_host_and_path(void)
{
	CUSTOM("http://localhost:8080", "http://localhost:8080", "localhost:8080", "");
	CUSTOM("http://localhost:8080/", "http://localhost:8080", "localhost:8080", "");
	CUSTOM("https://example.com", "https://example.com", "example.com", "");
	/* the scheme's default port is left out of Host */
	CUSTOM("https://example.com:443", "https://example.com:443", "example.com", "");
	CUSTOM("http://example.com:80", "http://example.com:80", "example.com", "");
	CUSTOM("http://example.com:443", "http://example.com:443", "example.com:443", "");
	CUSTOM("https://example.com:80", "https://example.com:80", "example.com:80", "");
	/* a base path is kept, without trailing slashes */
	CUSTOM("https://proxy.example.com/personalize/", "https://proxy.example.com", "proxy.example.com", "/personalize");
	CUSTOM("https://proxy.example.com/a/b//", "https://proxy.example.com", "proxy.example.com", "/a/b");
	CUSTOM("http://127.0.0.1:9000/base", "http://127.0.0.1:9000", "127.0.0.1:9000", "/base");
	/* IPv6 literals */
	CUSTOM("http://[::1]:8080", "http://[::1]:8080", "[::1]:8080", "");
	CUSTOM("http://[::1]", "http://[::1]", "[::1]", "");
	CUSTOM("https://[2001:db8::1]:443/p", "https://[2001:db8::1]:443", "[2001:db8::1]", "/p");
	/* Host is lower case, as fetch sends it */
	CUSTOM("https://EXAMPLE.com", "https://EXAMPLE.com", "example.com", "");
	/* a custom endpoint needs no region */
	{
		struct resolved r = resolve(NULL, "http://localhost:8080", 0, 0, PW_SVC_PERSONALIZE_EVENTS);
		CHECK(r.error == NULL);
		CHECK_STR_EQ(r.host, "localhost:8080");
	}
}

static void configuration_errors_have_the_sdk_messages(void)
{
	struct resolved r = resolve("us-east-1", "https://example.com", 1, 0, PW_SVC_PERSONALIZE);

	CHECK_STR_EQ(r.error, "Invalid Configuration: FIPS and custom endpoint are not supported");
	r = resolve("us-east-1", "https://example.com", 0, 1, PW_SVC_PERSONALIZE);
	CHECK_STR_EQ(r.error, "Invalid Configuration: Dualstack and custom endpoint are not supported");
	r = resolve("us-east-1", "https://example.com", 1, 1, PW_SVC_PERSONALIZE);
	CHECK_STR_EQ(r.error, "Invalid Configuration: FIPS and custom endpoint are not supported");
	r = resolve(NULL, NULL, 0, 0, PW_SVC_PERSONALIZE);
	CHECK_STR_EQ(r.error, "Invalid Configuration: Missing Region");
	r = resolve("", NULL, 1, 1, PW_SVC_PERSONALIZE_EVENTS);
	CHECK_STR_EQ(r.error, "Invalid Configuration: Missing Region");
	/* an empty endpoint is no endpoint */
	r = resolve(NULL, "", 0, 0, PW_SVC_PERSONALIZE);
	CHECK_STR_EQ(r.error, "Invalid Configuration: Missing Region");
	r = resolve("us-east-1", "", 1, 0, PW_SVC_PERSONALIZE);
	CHECK(r.error == NULL);
	CHECK_STR_EQ(r.host, "personalize-fips.us-east-1.amazonaws.com");
}

static void regions_that_are_not_host_labels_are_rejected(void)
{
	static const char *const bad[] = {
		"us-east-1/evil", "us-east-1.evil.com", "us east 1", "-us-east-1", "us-east-1?", "us-east-1@x", "us_east_1",
		"\xC3\xA9u-west-1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* 64 */
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct resolved r = resolve(bad[i], NULL, 0, 0, PW_SVC_PERSONALIZE);
		if (!CHECK(r.error != NULL && strstr(r.error, "Region must be a valid host label") != NULL)) {
			FAIL("region %s was accepted (host %s)", bad[i], r.host);
		}
	}
}

static void malformed_custom_endpoints_are_rejected(void)
{
	BAD_ENDPOINT("localhost:8080");
	BAD_ENDPOINT("example.com");
	BAD_ENDPOINT("ftp://example.com");
	BAD_ENDPOINT("//example.com");
	BAD_ENDPOINT("https://example.com/?a=1");
	BAD_ENDPOINT("https://example.com?a=1");
	BAD_ENDPOINT("https://example.com/#frag");
	BAD_ENDPOINT("https://example.com#frag");
	BAD_ENDPOINT("http://a@b");
	BAD_ENDPOINT("http://user:pass@example.com/");
	BAD_ENDPOINT("http://");
	BAD_ENDPOINT("https://");
	BAD_ENDPOINT("http:///path");
	BAD_ENDPOINT("http://:8080");
	BAD_ENDPOINT("http://host:abc");
	BAD_ENDPOINT("http://host:");
	BAD_ENDPOINT("http://host:1234567");
	BAD_ENDPOINT("http://host:80a/");
	BAD_ENDPOINT("http://ho st");
	BAD_ENDPOINT("http://host/pa th");
	BAD_ENDPOINT("http://host\n");
	BAD_ENDPOINT("http://h\xC3\xA9st");
	BAD_ENDPOINT("http://[::1");
	BAD_ENDPOINT("http://[::1]x");
	BAD_ENDPOINT("http://[::1]:port");
}

const struct pw_test pw_tests_endpoint[] = {
	{ "every_partition_has_its_dns_suffix", every_partition_has_its_dns_suffix },
	{ "every_partition_has_its_dual_stack_suffix", every_partition_has_its_dual_stack_suffix },
	{ "fips_uses_the_fips_prefix_and_combines_with_dual_stack", fips_uses_the_fips_prefix_and_combines_with_dual_stack },
	{ "personalize_events_uses_its_own_prefix", personalize_events_uses_its_own_prefix },
	{ "custom_endpoints_give_base_host_and_path", custom_endpoints_give_base_host_and_path },
	{ "configuration_errors_have_the_sdk_messages", configuration_errors_have_the_sdk_messages },
	{ "regions_that_are_not_host_labels_are_rejected", regions_that_are_not_host_labels_are_rejected },
	{ "malformed_custom_endpoints_are_rejected", malformed_custom_endpoints_are_rejected },
	{ NULL, NULL }
};
