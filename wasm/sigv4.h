/* AWS Signature Version 4 (AWS4-HMAC-SHA256), header signing.
 *
 * The steps are named after the specification and each can be run on its own:
 * canonical URI, canonical query, canonical headers, canonical request, string to sign,
 * signing key, signature, authorization value. pw_sigv4_sign() (sigv4.c) runs them in order;
 * the canonical forms are in sigv4_canonical.c, the keys and the signature in sigv4_key.c.
 * Errors follow status.h. */
#ifndef PW_SIGV4_H
#define PW_SIGV4_H

#include <stddef.h>
#include <stdint.h>

#include "bearssl_hmac.h"
#include "buf.h"
#include "status.h"

#define PW_SIGV4_ALGORITHM "AWS4-HMAC-SHA256"

struct pw_header {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
};

struct pw_sigv4_request {
	const char *method;
	size_t method_len;
	const char *path;      /* as on the request line; encoded once more here */
	size_t path_len;
	const char *query;     /* raw query string, without '?' */
	size_t query_len;
	const struct pw_header *headers;
	size_t n_headers;
	const uint8_t *body;
	size_t body_len;
	const char *payload_hash; /* the body's SHA-256 in 64 hex digits, when already known; else NULL */
};

#define PW_SIGV4_NORMALIZE_PATH 1u /* remove dot segments and duplicate slashes */
#define PW_SIGV4_SIGN_BODY 2u      /* add and sign x-amz-content-sha256 */
#define PW_SIGV4_OMIT_TOKEN 4u     /* add X-Amz-Security-Token after signing, unsigned */

/* A signing key, a context its caller owns (BearSSL style; the module keeps them in its key
 * slots, wasm_exports.h): the HMAC state keyed with "AWS4" + secret, from which each day's key is
 * derived, and the last derived kSigning with its day, region and service. The secret itself is
 * not kept. The only signing-key cache there is: wipe it with pw_wipe when done. */
struct pw_sigv4_key {
	br_hmac_key_context secret;   /* HMAC keyed with "AWS4" + secret */
	int have_signing;
	char day[8];
	char region[64];
	size_t region_len;
	char service[64];
	size_t service_len;
	br_hmac_key_context signing;  /* kSigning for day, region, service */
};

/* Keys the HMAC state with "AWS4" + secret; wipes its own copies. */
void pw_sigv4_key_init(struct pw_sigv4_key *k, const char *secret, size_t secret_len);

struct pw_sigv4_params {
	const char *access_key_id;
	size_t access_key_id_len;
	struct pw_sigv4_key *key;    /* the secret's key (pw_sigv4_key_init); required */
	const char *session_token;   /* may be NULL */
	size_t session_token_len;
	const char *region;
	size_t region_len;
	const char *service;
	size_t service_len;
	char amz_date[17];           /* YYYYMMDDTHHMMSSZ */
	unsigned flags;
};

/* What signing produced. headers holds every header to send, input order first, as
 * alternating name and value entries of header_list (pointing into the request or into
 * this result). */
struct pw_sigv4_result {
	pw_buf canonical_request;
	pw_buf string_to_sign;
	pw_buf signed_headers;
	pw_buf authorization;
	char payload_hash[65];
	size_t payload_hash_len;
	char signature[65];
	struct pw_header *header_list;
	size_t n_header_list;
};

void pw_sigv4_result_init(struct pw_sigv4_result *r);
/* Wipes (the canonical request holds the session token) and frees. */
void pw_sigv4_result_free(struct pw_sigv4_result *r);

/* PW_ERROR on bad parameters (no key, access key id, region or service; a bad date; a body
 * length without a body), PW_NOMEM. */
pw_status pw_sigv4_sign(const struct pw_sigv4_request *req, const struct pw_sigv4_params *params,
	struct pw_sigv4_result *out);

/* ---- the steps ---- */

/* RFC 3986 percent-encoding of everything but A-Z a-z 0-9 - _ . ~ (and '/' when keep_slash). */
void pw_sigv4_uri_encode(pw_buf *out, const char *s, size_t len, int keep_slash);
void pw_sigv4_canonical_uri(pw_buf *out, const char *path, size_t len, int normalize);
void pw_sigv4_canonical_query(pw_buf *out, const char *query, size_t len);
/* Appends "name:value\n" lines to out and "a;b;c" to signed_headers. */
pw_status pw_sigv4_canonical_headers(pw_buf *out, pw_buf *signed_headers, const struct pw_header *headers,
	size_t n);
int pw_sigv4_is_unsignable(const char *name, size_t len);
/* amz_date: the 16 characters YYYYMMDDTHHMMSSZ. */
void pw_sigv4_string_to_sign(pw_buf *out, const char *amz_date, const char *scope, size_t scope_len,
	const char *canonical_request, size_t canonical_request_len);
/* signature = hex(HMAC(kSigning, string_to_sign)); kSigning derived again only when params->key
 * holds none for this day, region and service. */
void pw_sigv4_signature(char out[65], const struct pw_sigv4_params *params, const char *string_to_sign,
	size_t len);
void pw_sigv4_sha256_hex(char out[65], const void *data, size_t len);

/* How many signing keys were derived so far (for tests of the key reuse). */
unsigned long pw_sigv4_key_derivations(void);

#endif
