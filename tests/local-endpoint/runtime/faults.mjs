// Injected faults (README "Faults"): counters that fire on the next N service requests, settings
// (clock skew, probabilistic rates with an optional seed), all optionally limited to some operations.

import { mulberry32 } from './prng.mjs';
import { ApiError, internalFailure, serviceUnavailable } from './errors.mjs';

export function emptyFaults() {
  return {
    throttle: 0, throttleName: 'ThrottlingException',
    serverError: 0, serverErrorStatus: 500,
    delayMs: 0, delayCount: 0,
    dropAfterProcessing: 0,
    clockSkewMs: 0,
    failNextTrackerCreation: 0,
    operations: /** @type {string[] | null} */ (null),
    throttleRate: 0, serverErrorRate: 0, dropRate: 0, seed: /** @type {number | null} */ (null),
  };
}

const bad = (message) => new ApiError('InvalidInputException', message);

function parseCounters(input, next) {
  for (const k of ['throttle', 'serverError', 'delayMs', 'delayCount', 'dropAfterProcessing']) {
    if (input[k] === undefined) continue;
    if (!Number.isInteger(input[k]) || input[k] < 0) throw bad(`${k} must be an integer >= 0`);
    next[k] = input[k];
  }
  if (input.delayMs !== undefined && input.delayCount === undefined && input.delayMs > 0) next.delayCount = 1;
  const v = input.failNextTrackerCreation;
  if (v === undefined) return;
  if (v === true) next.failNextTrackerCreation = 1;
  else if (v === false) next.failNextTrackerCreation = 0;
  else if (Number.isInteger(v) && v >= 0) next.failNextTrackerCreation = v;
  else throw bad('failNextTrackerCreation must be true, false or an integer >= 0');
}

function parseSettings(input, next) {
  if (input.throttleName !== undefined) {
    if (typeof input.throttleName !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(input.throttleName)) {
      throw bad('throttleName must be an error name such as ThrottlingException');
    }
    next.throttleName = input.throttleName;
  }
  if (input.serverErrorStatus !== undefined) {
    if (input.serverErrorStatus !== 500 && input.serverErrorStatus !== 503) throw bad('serverErrorStatus must be 500 or 503');
    next.serverErrorStatus = input.serverErrorStatus;
  }
  if (input.clockSkewMs !== undefined) {
    if (!Number.isFinite(input.clockSkewMs)) throw bad('clockSkewMs must be a number');
    next.clockSkewMs = input.clockSkewMs;
  }
  const ops = input.operations;
  if (ops !== undefined) {
    if (ops !== null && !(Array.isArray(ops) && ops.every((s) => typeof s === 'string'))) {
      throw bad('operations must be null or a list of operation names');
    }
    next.operations = ops && ops.length ? [...ops] : null;
  }
}

function parseRates(input, next) {
  for (const k of ['throttleRate', 'serverErrorRate', 'dropRate']) {
    if (input[k] === undefined) continue;
    if (typeof input[k] !== 'number' || !(input[k] >= 0 && input[k] <= 1)) throw bad(`${k} must be a number from 0 to 1`);
    next[k] = input[k];
  }
  if (next.throttleRate + next.serverErrorRate + next.dropRate > 1) {
    throw bad('throttleRate + serverErrorRate + dropRate must be at most 1');
  }
  const seed = input.seed;
  if (seed !== undefined) {
    if (seed !== null && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
      throw bad('seed must be null or an integer from 0 to 4294967295');
    }
    next.seed = seed;
  }
}

/** The fault settings and counters of one endpoint. */
export function createFaults() {
  let current = emptyFaults();
  let random = Math.random; // the source of probabilistic faults; seeded by `seed`
  return {
    get current() { return current; },
    get skewMs() { return current.clockSkewMs; },
    /** Applies a POST /__local-endpoint/faults body (any subset); a seed given restarts the draws. */
    apply(input = {}) {
      const next = { ...current };
      parseCounters(input ?? {}, next);
      parseSettings(input ?? {}, next);
      parseRates(input ?? {}, next);
      current = next;
      if (input && input.seed !== undefined) random = next.seed === null ? Math.random : mulberry32(next.seed);
      return next;
    },
    reset() {
      current = emptyFaults();
      random = Math.random;
    },
    /** True (and one fewer to go) when the next tracker created is to fail. */
    takeTrackerFailure() {
      if (current.failNextTrackerCreation <= 0) return false;
      current.failNextTrackerCreation--;
      return true;
    },
    /** How long to hold the next service request for `operation` before the other faults (ms). */
    takeDelay(operation) {
      const f = current;
      if ((f.operations && !f.operations.includes(operation)) || !(f.delayCount > 0 && f.delayMs > 0)) return 0;
      f.delayCount--;
      return f.delayMs;
    },
    /**
     * What happens to a service request for `operation` (after its delay), in the order throttle,
     * server error, drop, then the rates (only when no counter fired):
     * { error (an ApiError to answer unprocessed), drop (process, then hang up) }.
     */
    next(operation) {
      const f = current;
      /** @type {{ error: ApiError | null, drop: boolean }} */
      const out = { error: null, drop: false };
      if (f.operations && !f.operations.includes(operation)) return out;
      if (f.throttle > 0) { f.throttle--; out.error = new ApiError(f.throttleName, 'Rate exceeded'); return out; }
      if (f.serverError > 0) {
        f.serverError--;
        out.error = f.serverErrorStatus === 503 ? serviceUnavailable() : internalFailure();
        return out;
      }
      if (f.dropAfterProcessing > 0) { f.dropAfterProcessing--; out.drop = true; return out; }
      if (f.throttleRate > 0 || f.serverErrorRate > 0 || f.dropRate > 0) {
        const r = random(); // one draw per request, so the three rates are disjoint
        if (r < f.throttleRate) out.error = new ApiError(f.throttleName, 'Rate exceeded');
        else if (r < f.throttleRate + f.serverErrorRate) out.error = serviceUnavailable();
        else if (r < f.throttleRate + f.serverErrorRate + f.dropRate) out.drop = true;
      }
      return out;
    },
  };
}
