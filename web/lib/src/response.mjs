// A response as callers get it: the output C approved, parsed here once (timestamps as Dates,
// as from the AWS SDKs), or the service's error, each with $metadata.

import { DeserializationError, serviceError } from './errors.mjs';
import { withMetadata } from './retry.mjs';

// ---- generated from wasm/model.json by wasm/gen/gen_artifacts.mjs; do not edit ----
/** Output members that are timestamps (epoch seconds on the wire; Dates for callers). */
const OUTPUT_TIMESTAMPS = new Set(['creationDateTime', 'lastUpdatedDateTime']);
// ---- end generated ----

/** False only when no output timestamp member can be in json: none is named, and no key can hide
 * one in escapes. @param {string} json */
function mayHaveTimestamps(json) {
  if (json.includes('\\u')) return true;
  for (const name of OUTPUT_TIMESTAMPS) if (json.includes(`"${name}"`)) return true;
  return false;
}

/** @param {string} key @param {unknown} value */
function reviveTimestamps(key, value) {
  return typeof value === 'number' && OUTPUT_TIMESTAMPS.has(key) ? new Date(value * 1000) : value;
}

/**
 * The output object from the JSON text C approved ('' for an empty output).
 * @param {string} json
 */
export function parseOutput(json) {
  if (json === '') return {};
  try {
    // Only outputs that name a timestamp member get the reviver: it slows JSON.parse down.
    return JSON.parse(json, mayHaveTimestamps(json) ? reviveTimestamps : undefined);
  } catch {
    // Only a response body the C examiner accepted but JavaScript cannot read gets here.
    throw new DeserializationError('The response body is not valid JSON');
  }
}

/**
 * The output with $metadata, or the service error C found (with the same $metadata).
 * @param {{ output?: string, error?: { name: string, message: string, fault?: string }, requestId?: string }} examined
 * @param {number} httpStatusCode @param {number} attempts @param {number} totalRetryDelay
 */
export function outcome(examined, httpStatusCode, attempts, totalRetryDelay) {
  const $metadata = { httpStatusCode, requestId: examined.requestId, attempts, totalRetryDelay };
  if (!examined.error) return { ...parseOutput(examined.output ?? ''), $metadata };
  const { name, message, fault } = examined.error;
  // A body C could not read is the core's error, not the service's, whatever the status said.
  const err = name === 'DeserializationError' ? Object.assign(new DeserializationError(message), { $fault: fault })
    : serviceError(name, message, fault);
  return withMetadata(err, $metadata);
}
