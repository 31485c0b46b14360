// generated from wasm/boundary.json by wasm/gen/gen_boundary.mjs; do not edit.
// The binary boundary between personalize.wasm and the glue, as build/gen/boundary.h has it for C:
// result field indices (GROUP_FIELD), packed-argument indices and counts (PACKED_GROUP_NAME), flags.

export const RESULT_FIELDS = 6;
export const ERROR_NAME = 0;
export const ERROR_MESSAGE = 1;
export const ERROR_DETAIL = 2;
export const ERROR_REQUEST_ID = 3;
export const PREPARE_URL = 0;
export const PREPARE_BODY = 1;
export const PREPARE_EVENT_IDS = 2;
export const SIGN_HEADERS = 0;
export const SIGN_AUTHORIZATION = 1;
export const SIGN_SIGNATURE = 2;
export const SIGN_CANONICAL_REQUEST = 3;
export const SIGN_STRING_TO_SIGN = 4;
export const ENDPOINT_URL = 0;
export const EXAMINE_OUTPUT = 0;
export const EXAMINE_REQUEST_ID = 1;
export const PACKED_SIGN_REQUEST_METHOD = 0;
export const PACKED_SIGN_REQUEST_PATH = 1;
export const PACKED_SIGN_REQUEST_QUERY = 2;
export const PACKED_SIGN_REQUEST_ACCESS_KEY_ID = 3;
export const PACKED_SIGN_REQUEST_SESSION_TOKEN = 4;
export const PACKED_SIGN_REQUEST_REGION = 5;
export const PACKED_SIGN_REQUEST_SERVICE = 6;
export const PACKED_SIGN_REQUEST_DATE = 7;
export const PACKED_SIGN_REQUEST_COUNT = 8;
export const PACKED_SIGN_ATTEMPT_ACCESS_KEY_ID = 0;
export const PACKED_SIGN_ATTEMPT_SESSION_TOKEN = 1;
export const PACKED_SIGN_ATTEMPT_DATE = 2;
export const PACKED_SIGN_ATTEMPT_INVOCATION_ID = 3;
export const PACKED_SIGN_ATTEMPT_COUNT = 4;
export const PACKED_EXAMINE_ERROR_TYPE = 0;
export const PACKED_EXAMINE_REQUEST_ID = 1;
export const PACKED_EXAMINE_AMZ_REQUEST_ID = 2;
export const PACKED_EXAMINE_COUNT = 3;
export const FLAG_FIPS = 1;
export const FLAG_DUALSTACK = 2;
export const SIGN_NORMALIZE_PATH = 1;
export const SIGN_SIGN_BODY = 2;
export const SIGN_OMIT_TOKEN = 4;
export const SIGN_CANONICAL = 8;
/** The result struct's size in 32-bit words: status, handle, then the (pointer, length) fields. */
export const RESULT_WORDS = 14;
/** pw_endpoint_url's service numbers, by index. */
export const SERVICES = ['personalize', 'personalize-events'];
/** packed.signRequest's strings, in its order. @param {Record<string, string | null | undefined>} o */
export const packSignRequest = (o) => [o.method, o.path, o.query, o.accessKeyId, o.sessionToken, o.region, o.service, o.date];
/** packed.signAttempt's strings, in its order. @param {Record<string, string | null | undefined>} o */
export const packSignAttempt = (o) => [o.accessKeyId, o.sessionToken, o.date, o.invocationId];
/** packed.examine's strings, in its order. @param {Record<string, string | null | undefined>} o */
export const packExamine = (o) => [o.errorType, o.requestId, o.amzRequestId];
