/* What the export tests share: one call made as the glue makes it (the secret opened, the call
 * prepared, one attempt signed, the call ended), with its outcome as JSON for assertions, and the
 * exports' packed arguments written out. Everything goes through the shipped exports. */
#ifndef PW_TEST_FIXTURE_H
#define PW_TEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "cJSON.h"
#include "wasm_exports.h"

extern const char FX_SECRET[];

int fx_starts(const char *s, const char *prefix);
int fx_contains(const char *s, const char *part);
/* The string at a dotted path of members, or NULL. */
const char *fx_str(const cJSON *o, const char *path);

struct fx_call {
	const char *op, *region, *endpoint;
	unsigned flags;
	const char *akid, *token, *date, *invocation_id;
};

/* One call (fixture.c): {"request":{"method","url","headers","body"},"authorization",
 * "canonicalRequest","stringToSign","signature"[,"eventIds"]}, {"errors":[...]} or
 * {"error":{"name","message"}}. */
cJSON *fx_run_call(const struct fx_call *c, const char *input, const char *file, int line);
cJSON *fx_build(const char *op, const char *region, const char *input, const char *token, const char *file, int line);
/* A call of op in region, signed by AKID at 20261126T000000Z. */
#define BUILD(op, region, input, token) fx_build(op, region, input, token, __FILE__, __LINE__)
#define RUN(config, input) fx_run_call(config, input, __FILE__, __LINE__)

/* pw_examine with the op by name and the three headers packed (NULL: absent). */
struct pw_result *fx_examine(int status, const char *op, const char *error_type, const char *request_id,
	const char *amz_request_id, const char *body);
/* pw_sign_request with packed.signRequest's strings. */
struct pw_result *fx_sign_request(uint32_t key, const char *method, const char *path, const char *query,
	const char *akid, const char *token, const char *region, const char *service, const char *date,
	const char *headers, size_t headers_len, const char *body, unsigned flags);

#define INPUT "{\"name\":\"my-tracker\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\"," \
	"\"tags\":[{\"tagKey\":\"team\",\"tagValue\":\"\xE6\x97\xA5\"}]}"
#define BODY "{\"name\":\"my-tracker\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\"," \
	"\"tags\":[{\"tagKey\":\"team\",\"tagValue\":\"\xE6\x97\xA5\"}]}"
#define CET "CreateEventTracker"


#endif
