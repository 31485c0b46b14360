// generated from wasm/boundary.json by wasm/gen/gen_boundary.mjs; do not edit.
// The binary boundary between personalize.wasm and the glue: result field indices, packed-argument
// orders and flags.

/** (pointer, length) pairs in a result, after its status and handle words. */
export const RESULT_FIELDS = 6;
/** The result struct's size in 32-bit words: status, handle, then the fields. */
export const RESULT_WORDS = 2 + 2 * 6;
/** Each result's field indices by name. */
export const FIELD = { error: { name: 0, message: 1, detail: 2, requestId: 3 }, checkInput: {}, prepare: { url: 0, body: 1, eventIds: 2 }, sign: { headers: 0, authorization: 1, signature: 2, canonicalRequest: 3, stringToSign: 4 }, endpoint: { url: 0 }, examine: { output: 0, requestId: 1 } };
/** Each packed argument's strings, in order (each a little-endian u32 byte length, then the bytes). */
export const PACKED = { signRequest: ['method', 'path', 'query', 'accessKeyId', 'sessionToken', 'region', 'service', 'date'], signAttempt: ['accessKeyId', 'sessionToken', 'date', 'invocationId'], examine: ['errorType', 'requestId', 'amzRequestId'] };
/** Flag bits. */
export const FLAG = { FIPS: 1, DUALSTACK: 2, NORMALIZE_PATH: 1, SIGN_BODY: 2, OMIT_TOKEN: 4, CANONICAL: 8 };
/** pw_endpoint_url's service numbers, by index. */
export const SERVICES = ['personalize', 'personalize-events'];
