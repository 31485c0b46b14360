/* SigV4 signing as a whole (sigv4.c, sigv4_key.c): session tokens, replaced headers, bad
 * parameters, the string to sign, the signing key derived from each key, results. */
#include <stdlib.h>
#include <string.h>
#include "bearssl_hash.h"
#include "bearssl_hmac.h"
#include "check.h"
#include "sigv4.h"
#include "sigv4_steps.h"

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

const struct pw_test pw_tests_sigv4_signing[] = {
	{ "session_token_is_signed_unless_omitted", session_token_is_signed_unless_omitted },
	{ "signing_replaces_caller_authorization_date_and_token_headers", signing_replaces_caller_authorization_date_and_token_headers },
	{ "sign_body_adds_and_signs_x_amz_content_sha256", sign_body_adds_and_signs_x_amz_content_sha256 },
	{ "caller_x_amz_content_sha256_becomes_the_payload_hash", caller_x_amz_content_sha256_becomes_the_payload_hash },
	{ "signing_rejects_bad_parameters", signing_rejects_bad_parameters },
	{ NULL, NULL }
};
