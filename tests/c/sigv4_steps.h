/* What the SigV4 step and signing tests share (test_sigv4_steps.c, test_sigv4_signing.c). */
#ifndef PW_TEST_SIGV4_STEPS_H
#define PW_TEST_SIGV4_STEPS_H

#include <stdlib.h>
#include <string.h>
#include "bearssl_hash.h"
#include "bearssl_hmac.h"
#include "check.h"
#include "sigv4.h"

/* ---- helpers -------------------------------------------------------------------------------- */

static inline void expect_uri_encode(const char *in, size_t len, int keep_slash, const char *expected,
	const char *file, int line)
{
	pw_buf b;

	pw_buf_init(&b);
	pw_sigv4_uri_encode(&b, in, len, keep_slash);
	pw_check_str(b.data, expected, file, line, in);
	pw_buf_wipe_free(&b);
}
#define URI_ENCODE(in, keep_slash, expected) expect_uri_encode(in, strlen(in), keep_slash, expected, __FILE__, __LINE__)

static inline void expect_canonical_uri(const char *path, int normalize, const char *expected, const char *file, int line)
{
	pw_buf b;

	pw_buf_init(&b);
	pw_sigv4_canonical_uri(&b, path, strlen(path), normalize);
	pw_check_str(b.data, expected, file, line, path);
	pw_buf_wipe_free(&b);
}
#define CANONICAL_URI(path, normalize, expected) expect_canonical_uri(path, normalize, expected, __FILE__, __LINE__)

/* An empty canonical query leaves the buffer untouched (data stays NULL): compare as "". */
static inline void expect_canonical_query(const char *query, const char *expected, const char *file, int line)
{
	pw_buf b;

	pw_buf_init(&b);
	pw_sigv4_canonical_query(&b, query, strlen(query));
	pw_check(!b.failed, file, line, "canonical query buffer did not fail");
	pw_check_str(b.data != NULL ? b.data : "", expected, file, line, query);
	pw_buf_wipe_free(&b);
}
#define CANONICAL_QUERY(query, expected) expect_canonical_query(query, expected, __FILE__, __LINE__)

static inline void expect_canonical_headers(const struct pw_header *h, size_t n, const char *expected,
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

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* The tests' keys, one per secret (the callers' contexts, as the module's key slots are). */
static struct {
	const char *secret;
	struct pw_sigv4_key key;
} test_keys[32];

static inline struct pw_sigv4_key *key_for(const char *secret)
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
static inline void clear_keys(void)
{
	size_t i;

	for (i = 0; i < sizeof test_keys / sizeof test_keys[0]; i++) {
		if (test_keys[i].secret != NULL) pw_sigv4_key_init(&test_keys[i].key, test_keys[i].secret, strlen(test_keys[i].secret));
	}
}

static inline struct pw_sigv4_params params_for(const char *secret, const char *date, unsigned flags)
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

static inline struct pw_sigv4_request request_for(const struct pw_header *headers, size_t n, const char *body)
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
static inline const char *sent_header(const struct pw_sigv4_result *r, const char *name, int *count)
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

static inline size_t sent_index(const struct pw_sigv4_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_header_list; i++) {
		if (r->header_list[i].name_len == strlen(name) && memcmp(r->header_list[i].name, name, strlen(name)) == 0) return i;
	}
	return (size_t)-1;
}


#endif
