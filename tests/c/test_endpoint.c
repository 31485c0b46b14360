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
	struct pw_error why;
	struct resolved r;

	c.region = region;
	c.region_len = region != NULL ? strlen(region) : 0;
	c.endpoint = endpoint;
	c.endpoint_len = endpoint != NULL ? strlen(endpoint) : 0;
	c.use_fips = fips;
	c.use_dualstack = dualstack;
	pw_endpoint_init(&e);
	r.error = pw_resolve_endpoint(&c, s, &e, &why) == PW_ERROR ? why.message : NULL;
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
	/* the scheme's default port is left out of Host and URL, as URL parsing leaves it out */
	CUSTOM("https://example.com:443", "https://example.com", "example.com", "");
	CUSTOM("http://example.com:80", "http://example.com", "example.com", "");
	CUSTOM("http://example.com:443", "http://example.com:443", "example.com:443", "");
	CUSTOM("https://example.com:80", "https://example.com:80", "example.com:80", "");
	/* a base path is kept, without trailing slashes */
	CUSTOM("https://proxy.example.com/personalize/", "https://proxy.example.com", "proxy.example.com", "/personalize");
	CUSTOM("https://proxy.example.com/a/b//", "https://proxy.example.com", "proxy.example.com", "/a/b");
	CUSTOM("http://127.0.0.1:9000/base", "http://127.0.0.1:9000", "127.0.0.1:9000", "/base");
	CUSTOM("http://a/b~c/x:y@z!$&'()*+,;=", "http://a", "a", "/b~c/x:y@z!$&'()*+,;=");
	CUSTOM("http://a/.../b", "http://a", "a", "/.../b");
	/* IPv6 literals */
	CUSTOM("http://[::1]:8080", "http://[::1]:8080", "[::1]:8080", "");
	CUSTOM("http://[::1]", "http://[::1]", "[::1]", "");
	CUSTOM("https://[2001:db8::1]:443/p", "https://[2001:db8::1]", "[2001:db8::1]", "/p");
	/* Host is lower case, as fetch sends it */
	CUSTOM("https://EXAMPLE.com", "https://example.com", "example.com", "");
	/* a custom endpoint needs no region */
	{
		struct resolved r = resolve(NULL, "http://localhost:8080", 0, 0, PW_SVC_PERSONALIZE_EVENTS);
		CHECK(r.error == NULL);
		CHECK_STR_EQ(r.host, "localhost:8080");
	}
}

/* Every expected host here is what Node's new URL(endpoint).host gives (WHATWG URL parsing). */
#define HOST(endpoint, host) expect_custom_host(endpoint, host, __FILE__, __LINE__)
static void expect_custom_host(const char *endpoint, const char *host, const char *file, int line)
{
	struct resolved r = resolve("us-east-1", endpoint, 0, 0, PW_SVC_PERSONALIZE);
	char base[300];

	if (r.error != NULL) {
		pw_fail(file, line, "%s: unexpected error %s", endpoint, r.error);
		return;
	}
	pw_check_str(r.host, host, file, line, endpoint);
	strcpy(base, (endpoint[4] | 0x20) == 's' ? "https://" : "http://");
	strcat(base, host);
	pw_check_str(r.base, base, file, line, "base");
}

static void custom_endpoint_hosts_are_canonical_as_url_parsing_makes_them(void)
{
	/* IPv4 in every form URL parsing reads, as dotted decimal */
	HOST("http://127.1:4566", "127.0.0.1:4566");
	HOST("http://2130706433:4566", "127.0.0.1:4566");
	HOST("http://0x7f.0.0.1:4566", "127.0.0.1:4566");
	HOST("http://0177.0.0.1:4566", "127.0.0.1:4566");
	HOST("http://0x7F000001", "127.0.0.1");
	HOST("http://127.0.0.1.:80", "127.0.0.1");
	HOST("http://1.2.3.4.", "1.2.3.4");
	HOST("http://1.256", "1.0.1.0");
	HOST("http://1.0xffffff", "1.255.255.255");
	HOST("http://1.0x.0x7", "1.0.0.7");
	HOST("http://0x", "0.0.0.0");
	HOST("http://00", "0.0.0.0");
	HOST("http://4294967295", "255.255.255.255");
	/* names: lower case, a trailing dot kept; ports without leading zeros */
	HOST("HTTP://EXAMPLE.COM:0080/", "example.com");
	HOST("hTtPs://Example.COM:08443", "example.com:8443");
	HOST("http://example.com.", "example.com.");
	HOST("http://host:", "host");
	HOST("http://1.2.3.4x", "1.2.3.4x");
	HOST("http://0xg", "0xg");
	HOST("http://a_b-c", "a_b-c");
	/* IPv6 compressed (the first longest zero run), lower case */
	HOST("http://[0:0:0:0:0:0:0:1]:8080", "[::1]:8080");
	HOST("http://[1:0:0:2:0:0:0:3]", "[1:0:0:2::3]");
	HOST("http://[FFFF::]", "[ffff::]");
	HOST("http://[::]", "[::]");
	HOST("http://[1:2:3:4:5:6:7::]", "[1:2:3:4:5:6:7:0]");
	HOST("http://[::1:2:3:4:5:6:7]", "[0:1:2:3:4:5:6:7]");
	HOST("http://[0:0:1:0:0:0:1:0]", "[0:0:1::1:0]");
	HOST("http://[1:0:0:1:0:0:1:1]", "[1::1:0:0:1:1]");
	HOST("https://[2001:DB8:0:0:0:0:0:1]:443/p", "[2001:db8::1]");
	HOST("http://[0001:0db8::0]", "[1:db8::]");
}

#define REJECTED(endpoint, rule) expect_rejected_with("us-east-1", endpoint, rule, __FILE__, __LINE__)
static void expect_rejected_with(const char *region, const char *endpoint, const char *rule, const char *file, int line)
{
	struct resolved r = resolve(region, endpoint, 0, 0, PW_SVC_PERSONALIZE);

	if (!pw_check(r.error != NULL, file, line, endpoint)) {
		pw_fail(file, line, "%s was accepted as host %s", endpoint, r.host);
	} else if (strncmp(r.error, "Invalid Configuration: endpoint ", 32) != 0 || strstr(r.error, rule) == NULL) {
		pw_fail(file, line, "%s: the error \"%s\" does not name the rule \"%s\"", endpoint, r.error, rule);
	}
}

static void malformed_custom_endpoints_are_rejected_naming_the_rule(void)
{
	static const char *const not_http[] = { "localhost:8080", "example.com", "ftp://example.com", "//example.com",
		"http:example.com", "http:/example.com", "http:", "htt://a" };
	size_t i;

	for (i = 0; i < sizeof not_http / sizeof not_http[0]; i++) REJECTED(not_http[i], "must be an http:// or https:// URL");
	REJECTED("https://example.com/?a=1", "query (?) or fragment (#)");
	REJECTED("https://example.com?a=1", "query (?) or fragment (#)");
	REJECTED("https://example.com/#frag", "query (?) or fragment (#)");
	REJECTED("https://example.com#frag", "query (?) or fragment (#)");
	REJECTED("http://c?", "query (?) or fragment (#)");
	REJECTED("http://a@b", "user name or password");
	REJECTED("http://@c", "user name or password");
	REJECTED("http://user:pass@example.com/", "user name or password");
	REJECTED("http://", "must have a host");
	REJECTED("https://", "must have a host");
	REJECTED("http:///path", "must have a host"); /* URL would skip the slashes: host "path" */
	REJECTED("http://:8080", "must have a host");
	REJECTED("http://host:abc", "port must be 1 to 65535");
	REJECTED("http://host:1234567", "port must be");
	REJECTED("http://host:65536", "port must be");
	REJECTED("http://host:0", "port must be");
	REJECTED("http://host:+80", "port must be");
	REJECTED("http://host:80a/", "port must be");
	REJECTED("http://[::1]:port", "port must be");
	REJECTED("http://ho st", "spaces, control characters or backslashes");
	REJECTED("http://host/pa th", "spaces, control characters or backslashes");
	REJECTED("http://host\n", "spaces, control characters or backslashes");
	REJECTED(" http://host", "must be an http:// or https:// URL");
	REJECTED("http://a.b\t.c", "spaces, control characters or backslashes");
	REJECTED("http:\\\\example.com", "must be an http:// or https:// URL");
	REJECTED("http://a\\b", "spaces, control characters or backslashes");
	REJECTED("http://a\x7f", "spaces, control characters or backslashes");
}

static void exotic_custom_endpoint_hosts_are_rejected_naming_the_rule(void)
{
	static const char *const ipv4[] = { "http://1.2.3.4.5", "http://1.2.3.09", "http://4294967296", "http://1.2.65536",
		"http://09.1", "http://a.09", "http://a.0x1", "http://a.0x", "http://256.0.0.1", "http://99999999999999999999",
		"http://0x100000000", "http://1.2.3.0x100", "http://1.0x1000000", "http://08", "http://0.08", "http://1.2.3.4.5." };
	static const char *const ipv6[] = { "http://[::ffff:1.2.3.4]", "http://[::1%25eth0]", "http://[1:2:3:4:5:6:7:8:9]",
		"http://[1::2::3]", "http://[12345::]", "http://[:1]", "http://[1:]", "http://[]", "http://[v1.x]",
		"http://[1:2:3:4:5:6::7:8]", "http://[::1", "http://[::1]x", "http://[1:2:3:4:5:6:7]", "http://[::g]", "http://[",
		"http://[::1]]" };
	char long_host[300];
	size_t i;

	for (i = 0; i < sizeof ipv4 / sizeof ipv4[0]; i++) REJECTED(ipv4[i], "is not an IPv4 address");
	for (i = 0; i < sizeof ipv6 / sizeof ipv6[0]; i++) REJECTED(ipv6[i], "not an IPv6 address");
	REJECTED("http://xn--bcher-kva.example", "internationalized");
	REJECTED("http://XN--BCHER-KVA.example", "internationalized");
	REJECTED("http://a.xn--", "internationalized");
	REJECTED("http://b\xC3\xBC" "cher.example", "internationalized");
	REJECTED("http://b%C3%BCcher.example", "host may contain only");
	REJECTED("http://h\xC3\xA9st", "internationalized");
	REJECTED("http://a*b", "host may contain only");
	REJECTED("http://a<b", "host may contain only");
	REJECTED("http://a%zz", "host may contain only");
	REJECTED("http://a%", "host may contain only");
	REJECTED("http://a%00", "host may contain only");
	REJECTED("http://a%2fb", "host may contain only");
	REJECTED("http://a%3a80", "host may contain only");
	REJECTED("http://a%20b", "host may contain only");
	REJECTED("http://::1", "host may contain only");
	REJECTED("http://a..b", "empty labels");
	REJECTED("http://.a", "empty labels");
	REJECTED("http://.", "empty labels");
	/* URL would percent-decode these first: refused, since '%' is not in the set */
	REJECTED("http://a%2e%2eb", "host may contain only");
	REJECTED("http://a%41.com", "host may contain only");
	REJECTED("http://%31%32%37.1", "host may contain only");
	memset(long_host, 'a', sizeof long_host);
	memcpy(long_host, "http://", 7);
	long_host[7 + 256] = 0;
	REJECTED(long_host, "at most 255");
	long_host[7 + 255] = 0;
	{
		struct resolved r = resolve(NULL, long_host, 0, 0, PW_SVC_PERSONALIZE);
		CHECK(r.error == NULL);
		CHECK_STR_EQ(r.host, long_host + 7);
	}
}

static void custom_endpoint_paths_are_what_url_parsing_sends(void)
{
	REJECTED("http://a/./b", ". or .. segments");
	REJECTED("http://a/b/..", ". or .. segments");
	REJECTED("http://a/b/../", ". or .. segments");
	REJECTED("http://a/.", ". or .. segments");
	REJECTED("http://a/..", ". or .. segments");
	REJECTED("http://a/../b", ". or .. segments");
	/* URL keeps %XX but reads %2e as a dot: escapes are refused */
	REJECTED("http://a/%2e%2E/b", "path may contain only");
	REJECTED("http://a/.%2e", "path may contain only");
	REJECTED("http://a/%7e", "path may contain only");
	REJECTED("http://a/\"", "path may contain only");
	REJECTED("http://a/{}", "path may contain only");
	REJECTED("http://a/<x>", "path may contain only");
	REJECTED("http://a/`", "path may contain only");
	REJECTED("http://a/^", "path may contain only");
	REJECTED("http://a/|", "path may contain only");
	REJECTED("http://a/\xC3\xBC", "path may contain only");
	REJECTED("http://a/%zz", "path may contain only");
	REJECTED("http://a/%4", "path may contain only");
	REJECTED("http://a/%", "path may contain only");
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

static void upper_case_regions_resolve_as_their_lower_case_names(void)
{
	char us[] = "US-East-1", cn[] = "CN-North-1", gov[] = "us-GOV-west-1";

	pw_region_to_lower(us, strlen(us));
	pw_region_to_lower(cn, strlen(cn));
	pw_region_to_lower(gov, strlen(gov));
	pw_region_to_lower(NULL, 5);
	CHECK_STR_EQ(us, "us-east-1");
	URL(us, 0, 0, "personalize.us-east-1.amazonaws.com");
	URL(cn, 0, 0, "personalize.cn-north-1.amazonaws.com.cn");
	URL(gov, 1, 1, "personalize-fips.us-gov-west-1.api.aws");
}

const struct pw_test pw_tests_endpoint[] = {
	{ "every_partition_has_its_dns_suffix", every_partition_has_its_dns_suffix },
	{ "every_partition_has_its_dual_stack_suffix", every_partition_has_its_dual_stack_suffix },
	{ "fips_uses_the_fips_prefix_and_combines_with_dual_stack", fips_uses_the_fips_prefix_and_combines_with_dual_stack },
	{ "personalize_events_uses_its_own_prefix", personalize_events_uses_its_own_prefix },
	{ "custom_endpoints_give_base_host_and_path", custom_endpoints_give_base_host_and_path },
	{ "configuration_errors_have_the_sdk_messages", configuration_errors_have_the_sdk_messages },
	{ "regions_that_are_not_host_labels_are_rejected", regions_that_are_not_host_labels_are_rejected },
	{ "upper_case_regions_resolve_as_their_lower_case_names", upper_case_regions_resolve_as_their_lower_case_names },
	{ "custom_endpoint_hosts_are_canonical_as_url_parsing_makes_them", custom_endpoint_hosts_are_canonical_as_url_parsing_makes_them },
	{ "malformed_custom_endpoints_are_rejected_naming_the_rule", malformed_custom_endpoints_are_rejected_naming_the_rule },
	{ "exotic_custom_endpoint_hosts_are_rejected_naming_the_rule", exotic_custom_endpoint_hosts_are_rejected_naming_the_rule },
	{ "custom_endpoint_paths_are_what_url_parsing_sends", custom_endpoint_paths_are_what_url_parsing_sends },
	{ NULL, NULL }
};
