/* SigV4, one step at a time: URI encoding, canonical URI, canonical query, canonical headers,
 * session tokens, body hashing, the signing key cache, and freeing a result. */
#include <stdlib.h>
#include <string.h>

#include "bearssl_hash.h"
#include "bearssl_hmac.h"
#include "check.h"
#include "sigv4.h"

#include "sigv4_steps.h"

/* ---- URI encoding --------------------------------------------------------------------------- */

static void uri_encode_keeps_unreserved_and_percent_encodes_the_rest(void)
{
	static const char utf8[] = "\xC3\xA9\xE1\x88\xB4\xF0\x9F\x98\x80";
	static const char with_nul[] = { 'a', 0, 'b' };

	URI_ENCODE("ABCXYZabcxyz0189-_.~", 0, "ABCXYZabcxyz0189-_.~");
	URI_ENCODE("a b", 0, "a%20b");
	URI_ENCODE("+*!'()=&?#%", 0, "%2B%2A%21%27%28%29%3D%26%3F%23%25");
	URI_ENCODE(utf8, 0, "%C3%A9%E1%88%B4%F0%9F%98%80");
	URI_ENCODE("/a/b/", 1, "/a/b/");
	URI_ENCODE("/a/b/", 0, "%2Fa%2Fb%2F");
	URI_ENCODE("", 0, "");
	expect_uri_encode(with_nul, 3, 0, "a%00b", __FILE__, __LINE__);
	/* hex digits are upper case */
	URI_ENCODE("\x7F\xFF", 0, "%7F%FF");
}

/* ---- canonical URI -------------------------------------------------------------------------- */

static void canonical_uri_removes_dot_segments_and_duplicate_slashes_when_normalizing(void)
{
	CANONICAL_URI("/", 1, "/");
	CANONICAL_URI("", 1, "/");
	CANONICAL_URI("/a/./b/../c", 1, "/a/c");
	CANONICAL_URI("/./", 1, "/");
	CANONICAL_URI("/a/b/../..", 1, "/");
	CANONICAL_URI("/..", 1, "/");
	CANONICAL_URI("/../../a", 1, "/a");
	CANONICAL_URI("//a///b//", 1, "/a/b/");
	CANONICAL_URI("//", 1, "/");
	CANONICAL_URI("/a/b/", 1, "/a/b/");
	CANONICAL_URI("/a/b", 1, "/a/b");
	CANONICAL_URI("/a/.../b", 1, "/a/.../b"); /* only "." and ".." are dot segments */
	CANONICAL_URI("/a/..b/c", 1, "/a/..b/c");
}

static void canonical_uri_keeps_the_path_as_is_without_normalizing(void)
{
	CANONICAL_URI("/a/./b/../c", 0, "/a/./b/../c");
	CANONICAL_URI("//a//", 0, "//a//");
	CANONICAL_URI("/example1/example2/../..", 0, "/example1/example2/../..");
	CANONICAL_URI("/a/b/", 0, "/a/b/");
	CANONICAL_URI("", 0, "/");
}

static void canonical_uri_encodes_the_path_once_more(void)
{
	CANONICAL_URI("/example space/", 1, "/example%20space/");
	CANONICAL_URI("/example space/", 0, "/example%20space/");
	CANONICAL_URI("/a%20b", 1, "/a%2520b");
	CANONICAL_URI("/a%20b", 0, "/a%2520b");
	CANONICAL_URI("/\xE1\x88\xB4", 1, "/%E1%88%B4");
	CANONICAL_URI("/-._~0aZ", 1, "/-._~0aZ");
	CANONICAL_URI("/a:b@c", 1, "/a%3Ab%40c");
}

/* ---- canonical query ------------------------------------------------------------------------ */

static void canonical_query_sorts_by_name_then_value(void)
{
	CANONICAL_QUERY("", "");
	CANONICAL_QUERY("b=2&a=1&c=3", "a=1&b=2&c=3");
	CANONICAL_QUERY("a=2&a=1&a=10", "a=1&a=10&a=2");
	CANONICAL_QUERY("Param1=value2&Param1=Value1", "Param1=Value1&Param1=value2");
	/* byte order: upper case before lower case */
	CANONICAL_QUERY("a=1&A=2&B=3", "A=2&B=3&a=1");
	/* a name that prefixes another sorts first */
	CANONICAL_QUERY("ab=1&a=2", "a=2&ab=1");
}

static void canonical_query_decodes_then_re_encodes(void)
{
	CANONICAL_QUERY("%7E=%41", "~=A");
	CANONICAL_QUERY("a=%7e%2f", "a=~%2F");
	CANONICAL_QUERY("\xE1\x88\xB4=bar", "%E1%88%B4=bar");
	CANONICAL_QUERY("a=%E1%88%B4", "a=%E1%88%B4");
	CANONICAL_QUERY("a=b c", "a=b%20c");
	CANONICAL_QUERY("a=%20", "a=%20");
	CANONICAL_QUERY("a=/?:@", "a=%2F%3F%3A%40");
	/* a '%' without two hex digits stands for itself */
	CANONICAL_QUERY("a=%zz&b=%4", "a=%25zz&b=%254");
	CANONICAL_QUERY("-._~=-._~", "-._~=-._~");
}

static void canonical_query_keeps_plus_literal_and_encodes_it(void)
{
	CANONICAL_QUERY("a=b+c", "a=b%2Bc");
	CANONICAL_QUERY("a+b=1", "a%2Bb=1");
	CANONICAL_QUERY("a=%2B", "a=%2B");
}

static void canonical_query_gives_keys_without_equals_an_empty_value_and_skips_empty_parts(void)
{
	CANONICAL_QUERY("key", "key=");
	CANONICAL_QUERY("b&a=1", "a=1&b=");
	CANONICAL_QUERY("a=", "a=");
	CANONICAL_QUERY("a=1&&b=2", "a=1&b=2");
	CANONICAL_QUERY("&a=1&", "a=1");
	CANONICAL_QUERY("&&&", "");
	CANONICAL_QUERY("a=b=c", "a=b%3Dc");
}

static void canonical_query_drops_x_amz_signature(void)
{
	CANONICAL_QUERY("X-Amz-Signature=abc&a=1", "a=1");
	CANONICAL_QUERY("a=1&x-amz-signature=abc", "a=1");
	CANONICAL_QUERY("X-Amz-Signature", "");
	CANONICAL_QUERY("X-Amz-SignedHeaders=host&X-Amz-Signature=abc", "X-Amz-SignedHeaders=host");
}

/* ---- canonical headers ---------------------------------------------------------------------- */

static void canonical_headers_lower_case_sort_trim_and_collapse_whitespace(void)
{
	const struct pw_header h[] = {
		pw_test_header("X-Amz-Date", "20150830T123600Z"),
		pw_test_header("My-Header1", "   value1   with   spaces  "),
		pw_test_header("Host", "example.amazonaws.com"),
		pw_test_header("My-Header2", "\"a\t \tb\""),
		pw_test_header("ZZ", "\n v1\n  v2 \n"),
		pw_test_header("Empty", ""),
	};

	CANONICAL_HEADERS(h,
		"empty:\n"
		"host:example.amazonaws.com\n"
		"my-header1:value1 with spaces\n"
		"my-header2:\"a b\"\n"
		"x-amz-date:20150830T123600Z\n"
		"zz:v1 v2\n",
		"empty;host;my-header1;my-header2;x-amz-date;zz");
}

static void canonical_headers_join_repeated_names_with_commas_in_order(void)
{
	const struct pw_header h[] = {
		pw_test_header("My-Header1", "value2"),
		pw_test_header("host", "h"),
		pw_test_header("my-header1", "value2"),
		pw_test_header("MY-HEADER1", " value1 "),
		pw_test_header("a", "z"),
	};

	CANONICAL_HEADERS(h, "a:z\nhost:h\nmy-header1:value2,value2,value1\n", "a;host;my-header1");
}

static void canonical_headers_skip_unsignable_headers(void)
{
	const struct pw_header h[] = {
		pw_test_header("User-Agent", "test"),
		pw_test_header("host", "h"),
		pw_test_header("Authorization", "old"),
		pw_test_header("Proxy-Authorization", "p"),
		pw_test_header("proxy-connection", "p"),
		pw_test_header("Sec-Fetch-Mode", "cors"),
		pw_test_header("sec-ch-ua", "x"),
		pw_test_header("X-Amzn-Trace-Id", "t"),
		pw_test_header("Connection", "keep-alive"),
		pw_test_header("Expect", "100-continue"),
		pw_test_header("Transfer-Encoding", "chunked"),
		pw_test_header("secret", "kept"),      /* "sec" without '-' is an ordinary name */
		pw_test_header("proxy", "kept"),
		pw_test_header("tea", "kept"),
	};

	CANONICAL_HEADERS(h, "host:h\nproxy:kept\nsecret:kept\ntea:kept\n", "host;proxy;secret;tea");
	CHECK(pw_sigv4_is_unsignable("user-agent", 10));
	CHECK(pw_sigv4_is_unsignable("USER-AGENT", 10));
	CHECK(pw_sigv4_is_unsignable("te", 2));
	CHECK(!pw_sigv4_is_unsignable("t", 1));
	CHECK(pw_sigv4_is_unsignable("sec-", 4));
	CHECK(pw_sigv4_is_unsignable("Proxy-", 6));
	CHECK(!pw_sigv4_is_unsignable("sec", 3));
	CHECK(!pw_sigv4_is_unsignable("x-amz-date", 10));
	CHECK(!pw_sigv4_is_unsignable("host", 4));
	CHECK(!pw_sigv4_is_unsignable("content-type", 12));
	/* the name is taken by length, not up to a NUL */
	CHECK(!pw_sigv4_is_unsignable("user-agent", 4));
}

const struct pw_test pw_tests_sigv4_steps[] = {
	{ "uri_encode_keeps_unreserved_and_percent_encodes_the_rest", uri_encode_keeps_unreserved_and_percent_encodes_the_rest },
	{ "canonical_uri_removes_dot_segments_and_duplicate_slashes_when_normalizing", canonical_uri_removes_dot_segments_and_duplicate_slashes_when_normalizing },
	{ "canonical_uri_keeps_the_path_as_is_without_normalizing", canonical_uri_keeps_the_path_as_is_without_normalizing },
	{ "canonical_uri_encodes_the_path_once_more", canonical_uri_encodes_the_path_once_more },
	{ "canonical_query_sorts_by_name_then_value", canonical_query_sorts_by_name_then_value },
	{ "canonical_query_decodes_then_re_encodes", canonical_query_decodes_then_re_encodes },
	{ "canonical_query_keeps_plus_literal_and_encodes_it", canonical_query_keeps_plus_literal_and_encodes_it },
	{ "canonical_query_gives_keys_without_equals_an_empty_value_and_skips_empty_parts", canonical_query_gives_keys_without_equals_an_empty_value_and_skips_empty_parts },
	{ "canonical_query_drops_x_amz_signature", canonical_query_drops_x_amz_signature },
	{ "canonical_headers_lower_case_sort_trim_and_collapse_whitespace", canonical_headers_lower_case_sort_trim_and_collapse_whitespace },
	{ "canonical_headers_join_repeated_names_with_commas_in_order", canonical_headers_join_repeated_names_with_commas_in_order },
	{ "canonical_headers_skip_unsignable_headers", canonical_headers_skip_unsignable_headers },
	{ NULL, NULL }
};
