/* The native floor: pw_sigv4_sign (wasm/sigv4.c) compiled with gcc -O2, timed per sign with
 * clock_gettime. Same request, credentials and date as tests/bench/common.mjs.
 *
 *   sign_native SIGNS WARMUP  →  one JSON line: {"authorization","samples":[ms per sign...],"total":ms}
 *
 * Built by tests/bench/native.mjs into build/bench/ from the sources and flags of build.sh's native
 * build. The secret's key context is made once, as the module's key handle is (sigv4.h): each
 * sign derives the day's signing key from it only when it holds none for the day. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sigv4.h"

#define S(x) x, sizeof(x) - 1

static const char BODY[] =
	"{\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/storefront-recs-dataset-group\","
	"\"name\":\"storefront-clickstream-tracker\"}";
static const char TOKEN[] =
	"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6m7xHQ6rNDBzU3rJpUt9Iaq6j2m7Qf8Z5Cq0e"
	"XAMPLEXAMPLEXAMPLEAiB7ZPa7Ck2Tf5uUuS8xW2vE8n1TrOdmVv9OcEXAMPLETOKENVALUEEXAMPLE==";

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	size_t warmup = argc > 2 ? strtoul(argv[2], NULL, 10) : 10000;
	const struct pw_header headers[] = {
		{ S("host"), S("personalize.us-east-1.amazonaws.com") },
		{ S("content-type"), S("application/x-amz-json-1.1") },
		{ S("x-amz-target"), S("AmazonPersonalize.CreateEventTracker") },
	};
	const struct pw_sigv4_request req = {
		S("POST"), S("/"), S(""), headers, 3, (const uint8_t *)BODY, sizeof BODY - 1, NULL,
	};
	static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
	struct pw_sigv4_key key;
	struct pw_sigv4_params params;
	struct pw_sigv4_result r;
	double *samples, start;
	size_t i;

	memset(&params, 0, sizeof params);
	params.access_key_id = "ASIAIOSFODNN7EXAMPLE";
	params.access_key_id_len = strlen(params.access_key_id);
	pw_sigv4_key_init(&key, SECRET, sizeof SECRET - 1);
	params.key = &key;
	params.session_token = TOKEN;
	params.session_token_len = sizeof TOKEN - 1;
	params.region = "us-east-1";
	params.region_len = 9;
	params.service = "personalize";
	params.service_len = 11;
	memcpy(params.amz_date, "20240601T120000Z", 17);
	params.flags = PW_SIGV4_NORMALIZE_PATH;

	samples = malloc((n > 0 ? n : 1) * sizeof *samples);
	if (samples == NULL || n == 0) return 2;

	pw_sigv4_result_init(&r);
	if (pw_sigv4_sign(&req, &params, &r) != PW_OK) {
		fprintf(stderr, "sign_native: pw_sigv4_sign failed\n");
		return 1;
	}
	printf("{\"authorization\":\"%.*s\",", (int)r.authorization.len, r.authorization.data);
	pw_sigv4_result_free(&r);

	for (i = 0; i < warmup; i++) {
		pw_sigv4_result_init(&r);
		pw_sigv4_sign(&req, &params, &r);
		pw_sigv4_result_free(&r);
	}
	start = now_ms();
	for (i = 0; i < n; i++) {
		double t = now_ms();
		pw_sigv4_result_init(&r);
		if (pw_sigv4_sign(&req, &params, &r) != PW_OK) return 1;
		pw_sigv4_result_free(&r);
		samples[i] = now_ms() - t;
	}
	start = now_ms() - start;
	printf("\"samples\":[");
	for (i = 0; i < n; i++) printf(i > 0 ? ",%.6f" : "%.6f", samples[i]);
	printf("],\"total\":%.3f}\n", start);
	free(samples);
	pw_wipe(&key, sizeof key);
	return 0;
}
