/* SigV4, one step at a time: URI encoding, canonical URI, canonical query, canonical headers,
 * session tokens, body hashing, the signing key cache, and freeing a result. */
#include <stdlib.h>
#include <string.h>

#include "bearssl_hash.h"
#include "bearssl_hmac.h"
#include "check.h"
#include "sigv4.h"

/* ---- helpers -------------------------------------------------------------------------------- */

static void expect_uri_encode(const char *in, size_t len, int keep_slash, const char *expected,
	const char *file, int line)
{
	pw_buf b;

	pw_buf_init(&b);
	pw_sigv4_uri_encode(&b, in, len, keep_slash);
	pw_check_str(b.data, expected, file, line, in);
	pw_buf_wipe_free(&b);
}
#define URI_ENCODE(in, keep_slash, expected) expect_uri_encode(in, strlen(in), keep_slash, expected, __FILE__, __LINE__)

static void expect_canonical_uri(const char *path, int normalize, const char *expected, const char *file, int line)
{
	pw_buf b;

	pw_buf_init(&b);
	pw_sigv4_canonical_uri(&b, path, strlen(path), normalize);
	pw_check_str(b.data, expected, file, line, path);
	pw_buf_wipe_free(&b);
}
#define CANONICAL_URI(path, normalize, expected) expect_canonical_uri(path, normalize, expected, __FILE__, __LINE__)

/* An empty canonical query leaves the buffer untouched (data stays NULL): compare as "". */
static void expect_canonical_query(const char *query, const char *expected, const char *file, int line)
{
	pw_buf b;

	pw_buf_init(&b);
	pw_sigv4_canonical_query(&b, query, strlen(query));
	pw_check(!b.failed, file, line, "canonical query buffer did not fail");
	pw_check_str(b.data != NULL ? b.data : "", expected, file, line, query);
	pw_buf_wipe_free(&b);
}
#define CANONICAL_QUERY(query, expected) expect_canonical_query(query, expected, __FILE__, __LINE__)

static void expect_canonical_headers(const struct pw_header *h, size_t n, const char *expected,
	const char *expected_signed, const char *file, int line)
{
	pw_buf out, signed_headers;

	pw_buf_init(&out);
	pw_buf_init(&signed_headers);
	pw_check(pw_sigv4_canonical_headers(&out, &signed_headers, h, n) == PW_OK, file, line,
		"pw_sigv4_canonical_headers(...) == PW_OK");
	pw_check_str(out.data != NULL ? out.data : "", expected, file, line, "canonical headers");
	pw_check_str(signed_headers.data != NULL ? signed_headers.data : "", expected_signed, file, line, "signed headers");
	pw_buf_wipe_free(&out);
	pw_buf_wipe_free(&signed_headers);
}
#define CANONICAL_HEADERS(h, expected, expected_signed) \
	expect_canonical_headers(h, sizeof h / sizeof h[0], expected, expected_signed, __FILE__, __LINE__)

static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
static const char EMPTY_SHA256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/* The tests' keys, one per secret (the callers' contexts, as the module's key slots are). */
static struct {
	const char *secret;
	struct pw_sigv4_key key;
} test_keys[32];

static struct pw_sigv4_key *key_for(const char *secret)
{
	size_t i;

	for (i = 0; i < sizeof test_keys / sizeof test_keys[0]; i++) {
		if (test_keys[i].secret != NULL && strcmp(test_keys[i].secret, secret) == 0) return &test_keys[i].key;
		if (test_keys[i].secret == NULL) {
			test_keys[i].secret = secret;
			pw_sigv4_key_init(&test_keys[i].key, secret, strlen(secret));
			return &test_keys[i].key;
		}
	}
	return NULL;
}

/* Every key opened afresh: what each derived is forgotten, and the next signing derives again. */
static void clear_keys(void)
{
	size_t i;

	for (i = 0; i < sizeof test_keys / sizeof test_keys[0]; i++) {
		if (test_keys[i].secret != NULL) pw_sigv4_key_init(&test_keys[i].key, test_keys[i].secret, strlen(test_keys[i].secret));
	}
}

static struct pw_sigv4_params params_for(const char *secret, const char *date, unsigned flags)
{
	struct pw_sigv4_params p;

	memset(&p, 0, sizeof p);
	p.access_key_id = "AKIDEXAMPLE";
	p.access_key_id_len = strlen(p.access_key_id);
	p.key = key_for(secret);
	p.region = "us-east-1";
	p.region_len = 9;
	p.service = "service";
	p.service_len = 7;
	memcpy(p.amz_date, date, 17);
	p.flags = flags;
	return p;
}

static struct pw_sigv4_request request_for(const struct pw_header *headers, size_t n, const char *body)
{
	struct pw_sigv4_request r;

	memset(&r, 0, sizeof r);
	r.method = "POST";
	r.method_len = 4;
	r.path = "/";
	r.path_len = 1;
	r.query = "";
	r.headers = headers;
	r.n_headers = n;
	r.body = (const uint8_t *)body;
	r.body_len = strlen(body);
	return r;
}

/* The value of the named header among what signing says to send, or NULL; *count how many. */
static const char *sent_header(const struct pw_sigv4_result *r, const char *name, int *count)
{
	const char *found = NULL;
	size_t i, k;

	*count = 0;
	for (i = 0; i < r->n_header_list; i++) {
		const struct pw_header *h = &r->header_list[i];
		if (h->name_len != strlen(name)) continue;
		for (k = 0; k < h->name_len; k++) {
			char c = h->name[k];
			if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
			if (c != name[k]) break;
		}
		if (k == h->name_len) {
			(*count)++;
			found = h->value;
		}
	}
	return found;
}

static size_t sent_index(const struct pw_sigv4_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_header_list; i++) {
		if (r->header_list[i].name_len == strlen(name) && memcmp(r->header_list[i].name, name, strlen(name)) == 0) return i;
	}
	return (size_t)-1;
}

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

/* ---- the whole signing: tokens, body hashes ------------------------------------------------- */

static void session_token_is_signed_unless_omitted(void)
{
	const struct pw_header h[] = { pw_test_header("Host", "example.amazonaws.com") };
	struct pw_sigv4_request req = request_for(h, 1, "");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", PW_SIGV4_NORMALIZE_PATH);
	struct pw_sigv4_result r;
	const char *v;
	int count;

	p.session_token = "TOKEN123";
	p.session_token_len = 8;

	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	CHECK_STR_EQ(r.signed_headers.data, "host;x-amz-date;x-amz-security-token");
	CHECK(strstr(r.canonical_request.data, "\nx-amz-security-token:TOKEN123\n") != NULL);
	v = sent_header(&r, "x-amz-security-token", &count);
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(v, "TOKEN123");
	CHECK(strstr(r.authorization.data, "SignedHeaders=host;x-amz-date;x-amz-security-token,") != NULL);
	pw_sigv4_result_free(&r);

	p.flags |= PW_SIGV4_OMIT_TOKEN;
	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	CHECK_STR_EQ(r.signed_headers.data, "host;x-amz-date");
	CHECK(strstr(r.canonical_request.data, "security-token") == NULL);
	CHECK(strstr(r.canonical_request.data, "TOKEN123") == NULL);
	v = sent_header(&r, "x-amz-security-token", &count);
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(v, "TOKEN123");
	/* added after signing: after every signed header, just before Authorization */
	CHECK_INT_EQ(sent_index(&r, "X-Amz-Security-Token"), r.n_header_list - 2);
	CHECK_INT_EQ(sent_index(&r, "Authorization"), r.n_header_list - 1);
	CHECK(strstr(r.authorization.data, "SignedHeaders=host;x-amz-date,") != NULL);
	pw_sigv4_result_free(&r);

	/* without a token, OMIT_TOKEN changes nothing and no token header appears */
	p.session_token = NULL;
	p.session_token_len = 0;
	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	CHECK(sent_header(&r, "x-amz-security-token", &count) == NULL);
	CHECK_INT_EQ(count, 0);
	CHECK_STR_EQ(r.signed_headers.data, "host;x-amz-date");
	pw_sigv4_result_free(&r);
}

static void signing_replaces_caller_authorization_date_and_token_headers(void)
{
	const struct pw_header h[] = {
		pw_test_header("Host", "example.amazonaws.com"),
		pw_test_header("Authorization", "stale"),
		pw_test_header("X-Amz-Date", "19990101T000000Z"),
		pw_test_header("Date", "Mon, 01 Jan 1999 00:00:00 GMT"),
		pw_test_header("X-Amz-Security-Token", "stale-token"),
	};
	struct pw_sigv4_request req = request_for(h, 5, "");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", PW_SIGV4_NORMALIZE_PATH);
	struct pw_sigv4_result r;
	const char *v;
	int count;

	p.session_token = "fresh-token";
	p.session_token_len = 11;
	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	v = sent_header(&r, "authorization", &count);
	CHECK_INT_EQ(count, 1);
	{
		static const char prefix[] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";
		CHECK(v != NULL && strncmp(v, prefix, strlen(prefix)) == 0);
	}
	v = sent_header(&r, "x-amz-date", &count);
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(v, "20150830T123600Z");
	CHECK(sent_header(&r, "date", &count) == NULL);
	v = sent_header(&r, "x-amz-security-token", &count);
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(v, "fresh-token");
	CHECK_STR_EQ(r.signed_headers.data, "host;x-amz-date;x-amz-security-token");
	pw_sigv4_result_free(&r);
}

static void sign_body_adds_and_signs_x_amz_content_sha256(void)
{
	const struct pw_header h[] = { pw_test_header("Host", "example.amazonaws.com") };
	struct pw_sigv4_request req = request_for(h, 1, "Param1=value1");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", PW_SIGV4_NORMALIZE_PATH | PW_SIGV4_SIGN_BODY);
	static const char body_hash[] = "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e";
	struct pw_sigv4_result r;
	const char *v;
	size_t len;
	int count;

	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	CHECK_STR_EQ(r.payload_hash, body_hash);
	v = sent_header(&r, "x-amz-content-sha256", &count);
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(v, body_hash);
	CHECK_STR_EQ(r.signed_headers.data, "host;x-amz-content-sha256;x-amz-date");
	len = r.canonical_request.len;
	CHECK(len > 64 && strcmp(r.canonical_request.data + len - 65, "\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e") == 0);
	pw_sigv4_result_free(&r);

	/* without the flag the body is still hashed into the canonical request, but not sent */
	p.flags = PW_SIGV4_NORMALIZE_PATH;
	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	CHECK_STR_EQ(r.payload_hash, body_hash);
	CHECK(sent_header(&r, "x-amz-content-sha256", &count) == NULL);
	CHECK_STR_EQ(r.signed_headers.data, "host;x-amz-date");
	pw_sigv4_result_free(&r);

	/* an empty body hashes to SHA-256 of nothing */
	req = request_for(h, 1, "");
	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	CHECK_STR_EQ(r.payload_hash, EMPTY_SHA256);
	pw_sigv4_result_free(&r);
}

static void caller_x_amz_content_sha256_becomes_the_payload_hash(void)
{
	const struct pw_header h[] = {
		pw_test_header("Host", "example.amazonaws.com"),
		pw_test_header("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"),
	};
	struct pw_sigv4_request req = request_for(h, 2, "the body is not hashed");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", PW_SIGV4_NORMALIZE_PATH | PW_SIGV4_SIGN_BODY);
	struct pw_sigv4_result r;
	const char *v;
	size_t len;
	int count;

	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
	CHECK_STR_EQ(r.payload_hash, "UNSIGNED-PAYLOAD");
	len = r.canonical_request.len;
	CHECK(len > 17 && strcmp(r.canonical_request.data + len - 17, "\nUNSIGNED-PAYLOAD") == 0);
	CHECK(strstr(r.canonical_request.data, "\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n") != NULL);
	v = sent_header(&r, "x-amz-content-sha256", &count);
	CHECK_INT_EQ(count, 1); /* not added a second time */
	CHECK_STR_EQ(v, "UNSIGNED-PAYLOAD");
	CHECK_STR_EQ(r.signed_headers.data, "host;x-amz-content-sha256;x-amz-date");
	pw_sigv4_result_free(&r);
}

static void signing_rejects_bad_parameters(void)
{
	const struct pw_header h[] = { pw_test_header("Host", "example.amazonaws.com") };
	struct pw_sigv4_request req = request_for(h, 1, "");
	struct pw_sigv4_params p;
	struct pw_sigv4_result r;
	static const char *const bad_dates[] = {
		"2015-08-30T1236", "20150830 123600Z", "20150830T123600z", "2015083XT123600Z", "20150830T12360ZZ"
	};
	size_t i;

	for (i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
		p = params_for(SECRET, "20150830T123600Z", 0);
		memcpy(p.amz_date, bad_dates[i], strlen(bad_dates[i]) + 1);
		pw_sigv4_result_init(&r);
		CHECK_INT_EQ(pw_sigv4_sign(&req, &p, &r), PW_ERROR);
		pw_sigv4_result_free(&r);
	}
	p = params_for(SECRET, "20150830T123600Z", 0);
	p.key = NULL;
	pw_sigv4_result_init(&r);
	CHECK_INT_EQ(pw_sigv4_sign(&req, &p, &r), PW_ERROR);
	pw_sigv4_result_free(&r);
	p = params_for(SECRET, "20150830T123600Z", 0);
	p.region_len = 0;
	pw_sigv4_result_init(&r);
	CHECK_INT_EQ(pw_sigv4_sign(&req, &p, &r), PW_ERROR);
	pw_sigv4_result_free(&r);
	p = params_for(SECRET, "20150830T123600Z", 0);
	p.access_key_id_len = 0;
	pw_sigv4_result_init(&r);
	CHECK_INT_EQ(pw_sigv4_sign(&req, &p, &r), PW_ERROR);
	pw_sigv4_result_free(&r);
}

/* ---- string to sign, signing key and its cache ---------------------------------------------- */

static void string_to_sign_is_algorithm_date_scope_and_request_hash(void)
{
	pw_buf b;
	static const char scope[] = "20150830/us-east-1/service/aws4_request";

	pw_buf_init(&b);
	pw_sigv4_string_to_sign(&b, "20150830T123600Z", scope, strlen(scope), "", 0);
	CHECK_STR_EQ(b.data, "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	pw_buf_wipe_free(&b);
}

static void hmac_hex(char out[65], const void *key, size_t key_len, const char *data, size_t len, unsigned char raw[32])
{
	static const char digits[] = "0123456789abcdef";
	br_hmac_key_context kc;
	br_hmac_context cx;
	unsigned char mac[32];
	int i;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&cx, &kc, 0);
	br_hmac_update(&cx, data, len);
	br_hmac_out(&cx, mac);
	if (raw != NULL) memcpy(raw, mac, 32);
	if (out != NULL) {
		for (i = 0; i < 32; i++) {
			out[2 * i] = digits[mac[i] >> 4];
			out[2 * i + 1] = digits[mac[i] & 15];
		}
		out[64] = 0;
	}
}

/* The signature by the specification's chain of HMACs, "AWS4" + secret copied whole. */
static void reference_signature(char out[65], const char *secret, const struct pw_sigv4_params *p, const char *sts)
{
	unsigned char k[32];
	size_t secret_len = strlen(secret);
	char *first = malloc(secret_len + 4);

	memcpy(first, "AWS4", 4);
	memcpy(first + 4, secret, secret_len);
	hmac_hex(NULL, first, secret_len + 4, p->amz_date, 8, k);
	hmac_hex(NULL, k, 32, p->region, p->region_len, k);
	hmac_hex(NULL, k, 32, p->service, p->service_len, k);
	hmac_hex(NULL, k, 32, "aws4_request", 12, k);
	hmac_hex(out, k, 32, sts, strlen(sts), NULL);
	free(first);
}

static void signature_matches_the_specification_hmac_chain(void)
{
	/* 60 characters make "AWS4" + secret exactly one 64-byte block; 61 and more are hashed first */
	static const char *const secrets[] = {
		"s", SECRET, "012345678901234567890123456789012345678901234567890123456789",
		"0123456789012345678901234567890123456789012345678901234567890",
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789xyz",
	};
	static const char sts[] = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nabc";
	char expected[65], actual[65];
	size_t i;

	clear_keys();
	for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
		struct pw_sigv4_params p = params_for(secrets[i], "20150830T123600Z", 0);
		reference_signature(expected, secrets[i], &p, sts);
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
		/* with the key's derived key: the same */
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
	}
	{
		/* a region too long for the key's record is derived every time, and still right */
		static const char long_region[] = "xx-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1";
		struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", 0);
		unsigned long before;
		p.region = long_region;
		p.region_len = strlen(long_region);
		reference_signature(expected, SECRET, &p, sts);
		before = pw_sigv4_key_derivations();
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
		CHECK_INT_EQ(pw_sigv4_key_derivations() - before, 2);
	}
	clear_keys();
}

static void signing_key_is_derived_once_per_day_region_service_and_secret(void)
{
	const struct pw_header h[] = { pw_test_header("Host", "example.amazonaws.com") };
	struct pw_sigv4_request req = request_for(h, 1, "");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", 0);
	struct pw_sigv4_params other = params_for("another-secret", "20150830T123600Z", 0);
	struct pw_sigv4_result r;
	char first_signature[65];
	unsigned long n;

	clear_keys();
	n = pw_sigv4_key_derivations();

#define SIGN(params) do { pw_sigv4_result_init(&r); CHECK(pw_sigv4_sign(&req, &(params), &r) == 0); } while (0)
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 1);
	memcpy(first_signature, r.signature, 65);
	pw_sigv4_result_free(&r);

	SIGN(p); /* same day, region, service, secret: cached */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 1);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);

	memcpy(p.amz_date, "20150830T235959Z", 17); /* later the same day: still cached */
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 1);
	pw_sigv4_result_free(&r);

	SIGN(other); /* another secret */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 2);
	CHECK(strcmp(r.signature, first_signature) != 0);
	pw_sigv4_result_free(&r);

	memcpy(p.amz_date, "20150830T123600Z", 17);
	SIGN(p); /* the first secret is still cached next to the other */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 2);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);

	p.region = "eu-west-1";
	p.region_len = 9;
	SIGN(p); /* another region */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 3);
	pw_sigv4_result_free(&r);
	p.region = "us-east-1";
	p.service = "personalize";
	p.service_len = 11;
	SIGN(p); /* another service */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 4);
	pw_sigv4_result_free(&r);
	p.service = "service";
	p.service_len = 7;

	memcpy(p.amz_date, "20150831T000000Z", 17);
	SIGN(p); /* another day */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 5);
	pw_sigv4_result_free(&r);
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 5);
	pw_sigv4_result_free(&r);

	memcpy(p.amz_date, "20150830T123600Z", 17);
	SIGN(p); /* the earlier day's key was forgotten when the day changed */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 6);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);

	clear_keys();
	SIGN(p); /* a cleared cache derives again, to the same signature */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 7);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 7);
	pw_sigv4_result_free(&r);
#undef SIGN
	clear_keys();
}

static void each_key_keeps_its_own_derived_key(void)
{
	static const char *const secrets[] = { "secret-1", "secret-2", "secret-3", "secret-4", "secret-5" };
	static const char sts[] = "string to sign";
	char sig[65];
	unsigned long n;
	size_t i, round;

	clear_keys();
	n = pw_sigv4_key_derivations();
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 5; i++) {
			struct pw_sigv4_params p = params_for(secrets[i], "20150830T123600Z", 0);
			pw_sigv4_signature(sig, &p, sts, strlen(sts));
		}
		CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 5); /* each once, however many keys */
	}
	clear_keys();
}

/* ---- results -------------------------------------------------------------------------------- */

static void result_free_releases_everything_and_resets(void)
{
	const struct pw_header h[] = {
		pw_test_header("Host", "example.amazonaws.com"),
		pw_test_header("Content-Type", "application/json"),
	};
	struct pw_sigv4_request req = request_for(h, 2, "{\"a\":1}");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", PW_SIGV4_SIGN_BODY | PW_SIGV4_OMIT_TOKEN);
	struct pw_sigv4_result r;
	int i;

	p.session_token = "tok";
	p.session_token_len = 3;
	req.query = "b=2&a=1";
	req.query_len = 7;
	req.path = "/a/../b/./c//";
	req.path_len = strlen(req.path);
	for (i = 0; i < 3; i++) { /* run under valgrind / ASan, repeated signing leaks nothing */
		pw_sigv4_result_init(&r);
		CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
		CHECK(r.header_list != NULL && r.canonical_request.data != NULL && r.authorization.data != NULL);
		pw_sigv4_result_free(&r);
		CHECK(r.header_list == NULL && r.n_header_list == 0);
		CHECK(r.canonical_request.data == NULL && r.string_to_sign.data == NULL);
		CHECK(r.signed_headers.data == NULL && r.authorization.data == NULL);
		CHECK(r.signature[0] == 0 && r.payload_hash[0] == 0);
	}
	pw_sigv4_result_free(&r); /* freeing twice is harmless */
	CHECK(r.header_list == NULL);
	clear_keys();
}

static void sha256_hex_matches_known_digests(void)
{
	char out[65];

	pw_sigv4_sha256_hex(out, "", 0);
	CHECK_STR_EQ(out, EMPTY_SHA256);
	pw_sigv4_sha256_hex(out, "abc", 3);
	CHECK_STR_EQ(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
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
	{ "session_token_is_signed_unless_omitted", session_token_is_signed_unless_omitted },
	{ "signing_replaces_caller_authorization_date_and_token_headers", signing_replaces_caller_authorization_date_and_token_headers },
	{ "sign_body_adds_and_signs_x_amz_content_sha256", sign_body_adds_and_signs_x_amz_content_sha256 },
	{ "caller_x_amz_content_sha256_becomes_the_payload_hash", caller_x_amz_content_sha256_becomes_the_payload_hash },
	{ "signing_rejects_bad_parameters", signing_rejects_bad_parameters },
	{ "string_to_sign_is_algorithm_date_scope_and_request_hash", string_to_sign_is_algorithm_date_scope_and_request_hash },
	{ "signature_matches_the_specification_hmac_chain", signature_matches_the_specification_hmac_chain },
	{ "signing_key_is_derived_once_per_day_region_service_and_secret", signing_key_is_derived_once_per_day_region_service_and_secret },
	{ "each_key_keeps_its_own_derived_key", each_key_keeps_its_own_derived_key },
	{ "result_free_releases_everything_and_resets", result_free_releases_everything_and_resets },
	{ "sha256_hex_matches_known_digests", sha256_hex_matches_known_digests },
	{ NULL, NULL }
};
