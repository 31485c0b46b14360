// The standalone helpers: validation, SigV4 signing of any request, endpoint resolution and
// response parsing, each one crossing into the core.

import {
  packSignRequest, SIGN_NORMALIZE_PATH, SIGN_SIGN_BODY, SIGN_OMIT_TOKEN, SIGN_CANONICAL, SERVICES,
} from './boundary.mjs';
import { headerList, loadCore } from './core.mjs';
import { EndpointError } from './errors.mjs';
import { amzDate, bodyBytes, headerPairs, headerReader, inputJson, stringOrNull } from './input.mjs';
import { signedRequest } from './inspect.mjs';
import { outcome } from './response.mjs';

/**
 * Checks CreateEventTracker input against the model.
 * @param {unknown} input
 * @returns {Promise<Array<{field: string, message: string}>>}
 */
export async function validateCreateEventTracker(input) {
  return validate('CreateEventTracker', input);
}

/**
 * Checks any supported operation's input against the model.
 * @param {string} operation e.g. 'CreateEventTracker', 'PutEvents'
 * @param {unknown} input
 * @returns {Promise<Array<{field: string, message: string}>>}
 */
export async function validate(operation, input) {
  const core = await loadCore();
  return core.checkInput(String(operation), inputJson(input));
}

/**
 * SigV4-signs an HTTP request (AWS4-HMAC-SHA256, Authorization header).
 * @param {{method?: string, path?: string, query?: string, headers?: any, body?: string|Uint8Array|ArrayBuffer}} request
 * @param {{credentials?: any, region?: string, service?: string, date?: Date, signBody?: boolean, omitSessionToken?: boolean, normalizePath?: boolean}} [options]
 */
export async function signRequest(request, options = {}) {
  const core = await loadCore();
  const { credentials = {}, date = new Date() } = options;
  const fields = packSignRequest({
    method: String(request.method ?? 'GET'),
    path: String(request.path ?? '/'),
    query: String(request.query ?? ''),
    accessKeyId: credentials?.accessKeyId == null ? null : String(credentials.accessKeyId),
    sessionToken: credentials?.sessionToken ? String(credentials.sessionToken) : null,
    region: stringOrNull(options.region),
    service: stringOrNull(options.service),
    date: amzDate(date),
  });
  const flags = (options.normalizePath !== false ? SIGN_NORMALIZE_PATH : 0) | (options.signBody ? SIGN_SIGN_BODY : 0)
    | (options.omitSessionToken ? SIGN_OMIT_TOKEN : 0);
  const headers = headerPairs(request.headers);
  const body = typeof request.body === 'string' ? request.body : bodyBytes(request.body);
  const out = core.signRequest(credentials, fields, headers, body, flags);
  return signedRequest(() => headerList(out.headersText), out.authorization, out.signature,
    () => /** @type {[string, string]} */ (core.signRequest(credentials, fields, headers, body, flags | SIGN_CANONICAL).canonical));
}

/**
 * The endpoint URL by the AWS SDKs' rules; throws the rule's message on a bad configuration.
 * @param {{region?: string, useFipsEndpoint?: boolean, useDualstackEndpoint?: boolean, endpoint?: string}} config
 * @param {'personalize'|'personalize-events'} [service]
 * @returns {Promise<{url: string}>}
 */
export async function resolveEndpoint(config, service = 'personalize') {
  const core = await loadCore();
  const index = SERVICES.indexOf(service);
  if (index < 0) throw new EndpointError('service must be personalize or personalize-events');
  return { url: core.endpointUrl(config ?? {}, index) };
}

/**
 * Parses a service response; returns the output or throws the service's error.
 * @param {string} operation
 * @param {{status: number, headers?: any, body?: string|Uint8Array|ArrayBuffer}} response
 */
export async function parseResponse(operation, response) {
  const core = await loadCore();
  const examined = core.examine(0, String(operation), response.status, headerReader(response.headers), bodyBytes(response.body));
  const result = outcome(examined, response.status, 1, 0);
  if (result instanceof Error) throw result;
  return result;
}
