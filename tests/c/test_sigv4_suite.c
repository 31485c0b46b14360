/* The AWS SigV4 conformance suite (aws-c-auth's v4 vectors), header signing: every case folder
 * with header-*.txt files is signed with pw_sigv4_sign and compared byte for byte. */
#define _POSIX_C_SOURCE 200809L /* opendir, stat */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cJSON.h"
#include "check.h"
#include "sigv4.h"

#define MAX_HEADERS 32

struct http_request {
	char *text;            /* the file; method, path, query, names and body point into it */
	const char *method, *path, *query;
	size_t method_len, path_len, query_len;
	struct pw_header headers[MAX_HEADERS];
	pw_buf values[MAX_HEADERS]; /* each value, continuation lines joined with '\n' */
	size_t n_headers;
	const char *body;
	size_t body_len;
};

/* dir + "/" + name, in a new block (NULL when out of memory). */
static char *join_path(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p == NULL) return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* Reads a whole file; NULL when it can't. The result is NUL-terminated. */
static char *read_file(const char *dir, const char *name, size_t *len)
{
	char *path = join_path(dir, name);
	FILE *f;
	char *data = NULL;
	long size;

	f = path != NULL ? fopen(path, "rb") : NULL;
	free(path);
	if (f == NULL) return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)size + 1);
		if (data != NULL && fread(data, 1, (size_t)size, f) == (size_t)size) {
			data[size] = 0;
			if (len != NULL) *len = (size_t)size;
		} else {
			free(data);
			data = NULL;
		}
	}
	fclose(f);
	return data;
}

static int file_exists(const char *dir, const char *name)
{
	char *path = join_path(dir, name);
	struct stat st;
	int ok = path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return ok;
}

/* An expected-result file without its final line break(s). */
static char *read_expected(const char *dir, const char *name)
{
	size_t len = 0;
	char *s = read_file(dir, name, &len);

	if (s == NULL) return NULL;
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r')) s[--len] = 0;
	return s;
}

static void free_request(struct http_request *r)
{
	size_t i;

	for (i = 0; i < r->n_headers; i++) pw_buf_wipe_free(&r->values[i]);
	free(r->text);
	memset(r, 0, sizeof *r);
}

/* request.txt: "METHOD PATH[?QUERY] HTTP/1.1", then "Name:value" lines (a line starting with
 * whitespace continues the previous value), a blank line, and the body. The path may hold
 * spaces, so the target ends at the last " HTTP/". Returns 0, or -1 when malformed. */
static int parse_request(char *text, size_t len, struct http_request *r)
{
	size_t pos, eol, i;
	const char *target, *target_end, *q;

	memset(r, 0, sizeof *r);
	r->text = text;
	for (eol = 0; eol < len && text[eol] != '\n'; eol++) {}
	for (i = 0; i < eol && text[i] != ' '; i++) {}
	if (i == 0 || i == eol) return -1;
	r->method = text;
	r->method_len = i;
	target = text + i + 1;
	for (target_end = text + eol; target_end > target; target_end--) {
		if ((size_t)(text + eol - target_end) >= 6 && memcmp(target_end, " HTTP/", 6) == 0) break;
	}
	if (target_end == target) return -1;
	q = memchr(target, '?', (size_t)(target_end - target));
	r->path = target;
	r->path_len = (size_t)((q != NULL ? q : target_end) - target);
	r->query = q != NULL ? q + 1 : "";
	r->query_len = q != NULL ? (size_t)(target_end - q - 1) : 0;

	pos = eol + 1;
	while (pos < len) {
		size_t end = pos, line_end, colon;
		while (end < len && text[end] != '\n') end++;
		line_end = end;
		if (line_end > pos && text[line_end - 1] == '\r') line_end--;
		if (line_end == pos) { /* the blank line: the body follows */
			pos = end + 1;
			break;
		}
		if (text[pos] == ' ' || text[pos] == '\t') {
			if (r->n_headers == 0) return -1;
			pw_buf_putc(&r->values[r->n_headers - 1], '\n');
			pw_buf_put(&r->values[r->n_headers - 1], text + pos, line_end - pos);
		} else {
			for (colon = pos; colon < line_end && text[colon] != ':'; colon++) {}
			if (colon == line_end || r->n_headers == MAX_HEADERS) return -1;
			r->headers[r->n_headers].name = text + pos;
			r->headers[r->n_headers].name_len = colon - pos;
			pw_buf_init(&r->values[r->n_headers]);
			pw_buf_put(&r->values[r->n_headers], text + colon + 1, line_end - colon - 1);
			r->n_headers++;
		}
		pos = end + 1;
	}
	for (i = 0; i < r->n_headers; i++) {
		if (r->values[i].failed) return -1;
		r->headers[i].value = r->values[i].data;
		r->headers[i].value_len = r->values[i].len;
	}
	r->body = pos < len ? text + pos : "";
	r->body_len = pos < len ? len - pos : 0;
	return 0;
}

static const char *json_string(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "2015-08-30T12:36:00Z" -> "20150830T123600Z"; 0, or -1 when it isn't that shape. */
static int amz_date_from_iso(char out[17], const char *iso)
{
	size_t n = 0;

	if (iso == NULL) return -1;
	for (; *iso != 0 && *iso != '.' && *iso != 'Z' && n < 15; iso++) {
		if ((*iso >= '0' && *iso <= '9') || *iso == 'T') out[n++] = *iso;
		else if (*iso != '-' && *iso != ':') return -1;
	}
	if (n != 15 || out[8] != 'T') return -1;
	out[15] = 'Z';
	out[16] = 0;
	return 0;
}

static int same_name(const struct pw_header *a, const struct pw_header *b)
{
	size_t i;

	if (a->name_len != b->name_len) return 0;
	for (i = 0; i < a->name_len; i++) {
		char x = a->name[i], y = b->name[i];
		if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
		if (x != y) return 0;
	}
	return 1;
}

/* Every header of the expected signed request is sent (names in any case), and no others. */
static void check_sent_headers(const struct pw_sigv4_result *r, const struct http_request *expected)
{
	int used[MAX_HEADERS + 8] = { 0 };
	size_t i, k;

	CHECK_INT_EQ(r->n_header_list, expected->n_headers);
	for (i = 0; i < expected->n_headers; i++) {
		const struct pw_header *e = &expected->headers[i];
		int found = 0;
		for (k = 0; k < r->n_header_list && k < MAX_HEADERS + 8 && !found; k++) {
			const struct pw_header *h = &r->header_list[k];
			if (!used[k] && same_name(h, e) && h->value_len == e->value_len
				&& memcmp(h->value, e->value, e->value_len) == 0) {
				used[k] = 1;
				found = 1;
			}
		}
		if (!found) FAIL("signed request lacks header %.*s: %.*s", (int)e->name_len, e->name, (int)e->value_len, e->value);
	}
}

/* Signs one case; its checks decide whether it passed. */
/* The case's signing parameters from its context.json (key opened into *key); 0 when unusable. */
static int suite_params(const cJSON *context, const cJSON *credentials, struct pw_sigv4_key *key,
	struct pw_sigv4_params *p)
{
	const char *secret;

	memset(p, 0, sizeof *p);
	p->access_key_id = json_string(credentials, "access_key_id");
	secret = json_string(credentials, "secret_access_key");
	p->session_token = json_string(credentials, "token");
	p->region = json_string(context, "region");
	p->service = json_string(context, "service");
	if (!CHECK(p->access_key_id != NULL && secret != NULL && p->region != NULL
		&& p->service != NULL)) {
		return 0;
	}
	p->access_key_id_len = strlen(p->access_key_id);
	pw_sigv4_key_init(key, secret, strlen(secret));
	p->key = key;
	p->session_token_len = p->session_token != NULL ? strlen(p->session_token) : 0;
	p->region_len = strlen(p->region);
	p->service_len = strlen(p->service);
	if (!CHECK(amz_date_from_iso(p->amz_date, json_string(context, "timestamp")) == 0)) return 0;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(context, "normalize"))) p->flags |= PW_SIGV4_NORMALIZE_PATH;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(context, "sign_body"))) p->flags |= PW_SIGV4_SIGN_BODY;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(context, "omit_session_token"))) p->flags |= PW_SIGV4_OMIT_TOKEN;
	return 1;
}

static void run_case(const char *dir)
{
	char *context_text = read_file(dir, "context.json", NULL);
	size_t request_len = 0, signed_len = 0;
	char *request_text = read_file(dir, "request.txt", &request_len);
	char *signed_text = read_file(dir, "header-signed-request.txt", &signed_len);
	char *canonical = read_expected(dir, "header-canonical-request.txt");
	char *string_to_sign = read_expected(dir, "header-string-to-sign.txt");
	char *signature = read_expected(dir, "header-signature.txt");
	cJSON *context = context_text != NULL ? cJSON_Parse(context_text) : NULL;
	const cJSON *credentials = cJSON_GetObjectItemCaseSensitive(context, "credentials");
	struct http_request request, signed_request;
	struct pw_sigv4_request req;
	struct pw_sigv4_params params;
	struct pw_sigv4_result result;
	struct pw_sigv4_key key;
	const char *s;
	size_t i;

	memset(&key, 0, sizeof key);
	memset(&request, 0, sizeof request);
	memset(&signed_request, 0, sizeof signed_request);
	pw_sigv4_result_init(&result);
	if (!CHECK(context != NULL && request_text != NULL && signed_text != NULL && canonical != NULL
		&& string_to_sign != NULL && signature != NULL)) {
		free(request_text);
		free(signed_text);
		goto done;
	}
	if (!CHECK(parse_request(request_text, request_len, &request) == 0)) {
		free(signed_text);
		goto done;
	}
	if (!CHECK(parse_request(signed_text, signed_len, &signed_request) == 0)) goto done;

	if (!suite_params(context, credentials, &key, &params)) goto done;

	req.method = request.method;
	req.method_len = request.method_len;
	req.path = request.path;
	req.path_len = request.path_len;
	req.query = request.query;
	req.query_len = request.query_len;
	req.headers = request.headers;
	req.n_headers = request.n_headers;
	req.body = (const uint8_t *)request.body;
	req.body_len = request.body_len;
	req.payload_hash = NULL;
	if (!CHECK(pw_sigv4_sign(&req, &params, &result) == PW_OK)) goto done;

	CHECK_STR_EQ(result.canonical_request.data, canonical);
	CHECK_STR_EQ(result.string_to_sign.data, string_to_sign);
	CHECK_STR_EQ(result.signature, signature);
	s = NULL;
	for (i = 0; i < signed_request.n_headers; i++) {
		if (signed_request.headers[i].name_len == 13 && memcmp(signed_request.headers[i].name, "Authorization", 13) == 0) {
			s = signed_request.headers[i].value;
		}
	}
	if (CHECK(s != NULL)) CHECK_STR_EQ(result.authorization.data, s);
	check_sent_headers(&result, &signed_request);
done:
	pw_wipe(&key, sizeof key);
	pw_sigv4_result_free(&result);
	free_request(&request);
	free_request(&signed_request);
	cJSON_Delete(context);
	free(context_text);
	free(canonical);
	free(string_to_sign);
	free(signature);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void every_suite_case_with_header_vectors_signs_exactly(void)
{
	DIR *d = opendir(pw_test_suite_dir);
	struct dirent *entry;
	char **names = NULL, *path;
	size_t n = 0, cap = 0, i, passed = 0, ran = 0, skipped = 0;

	if (d == NULL) {
		printf("SigV4 suite not found at %s\n", pw_test_suite_dir);
		FAIL("SigV4 suite not found at %s (the suite is required)", pw_test_suite_dir);
		return;
	}
	while ((entry = readdir(d)) != NULL) {
		struct stat st;
		int is_dir;
		if (entry->d_name[0] == '.') continue;
		path = join_path(pw_test_suite_dir, entry->d_name);
		is_dir = path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		free(path);
		if (!is_dir) continue;
		if (n == cap) {
			char **grown = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
			if (grown == NULL) break;
			names = grown;
		}
		names[n] = malloc(strlen(entry->d_name) + 1);
		if (names[n] == NULL) break;
		strcpy(names[n++], entry->d_name);
	}
	closedir(d);
	if (n > 0) qsort(names, n, sizeof *names, compare_names);

	for (i = 0; i < n; i++) {
		long before = pw_test_failure_count();
		path = join_path(pw_test_suite_dir, names[i]);
		if (path == NULL) continue;
		if (!file_exists(path, "header-canonical-request.txt") && !file_exists(path, "header-signature.txt")
			&& !file_exists(path, "header-string-to-sign.txt") && !file_exists(path, "header-signed-request.txt")) {
			skipped++;
			free(path);
			continue;
		}
		pw_test_set_context(names[i]);
		run_case(path);
		free(path);
		pw_test_set_context(NULL);
		ran++;
		if (pw_test_failure_count() == before) passed++;
	}
	printf("SigV4 suite: %zu of %zu cases passed (%zu folders without header vectors skipped)\n", passed, ran, skipped);
	if (!CHECK(ran > 0)) printf("SigV4 suite at %s holds no cases\n", pw_test_suite_dir);
	CHECK_INT_EQ(passed, ran);
	for (i = 0; i < n; i++) free(names[i]);
	free(names);
}

const struct pw_test pw_tests_sigv4_suite[] = {
	{ "every_suite_case_with_header_vectors_signs_exactly", every_suite_case_with_header_vectors_signs_exactly },
	{ NULL, NULL }
};
