// The errors every entry point of the package throws: one copy of each class, so `instanceof`
// works whichever module threw it. Each keeps its `name` as an own property (as an Error made
// with `err.name = ...` had it): callers that switch on `err.name` and callers that test
// `instanceof` both work. The name is each class's static errorName, not its function name,
// which a minifier may shorten. Types: personalize.d.ts.

/** The base of every error this package throws itself (not of service errors' causes). */
export class PersonalizeWasmError extends Error {
  static errorName = 'PersonalizeWasmError';

  /** @param {string} message @param {ErrorOptions} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = /** @type {any} */ (new.target).errorName;
  }
}

/** The input broke the model's constraints; nothing was sent. Lists every problem at once. */
export class ValidationError extends PersonalizeWasmError {
  static errorName = 'ValidationError';

  /** @param {Array<{field: string, message: string}>} errors */
  constructor(errors) {
    const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    super(`${errors.length} validation error${errors.length > 1 ? 's' : ''}: ${summary}`);
    this.errors = errors;
  }
}

/** An error the service returned; `name` is the service's error name. */
export class ServiceError extends PersonalizeWasmError {
  static errorName = 'ServiceError';

  /** @param {string} name @param {string} message @param {'client'|'server'|undefined} fault */
  constructor(name, message, fault) {
    super(message);
    this.name = name;
    this.$fault = fault;
  }
}

/** The classes by their error names. @param {Array<any>} classes */
function byName(classes) {
  return Object.fromEntries(classes.map((c) => [/** @type {any} */ (c).errorName, c]));
}

// The model's exceptions (tests/lib/errors.test.mjs checks this list against wasm/model.json).
export class InvalidInputException extends ServiceError {
  static errorName = 'InvalidInputException';
}
export class InvalidNextTokenException extends ServiceError {
  static errorName = 'InvalidNextTokenException';
}
export class LimitExceededException extends ServiceError {
  static errorName = 'LimitExceededException';
}
export class ResourceAlreadyExistsException extends ServiceError {
  static errorName = 'ResourceAlreadyExistsException';
}
export class ResourceInUseException extends ServiceError {
  static errorName = 'ResourceInUseException';
}
export class ResourceNotFoundException extends ServiceError {
  static errorName = 'ResourceNotFoundException';
}
export class TooManyTagKeysException extends ServiceError {
  static errorName = 'TooManyTagKeysException';
}
export class TooManyTagsException extends ServiceError {
  static errorName = 'TooManyTagsException';
}

/** The modelled service errors by name; any other name is a plain ServiceError. */
export const MODELLED_ERRORS = byName([
  InvalidInputException, InvalidNextTokenException, LimitExceededException, ResourceAlreadyExistsException,
  ResourceInUseException, ResourceNotFoundException, TooManyTagKeysException, TooManyTagsException,
]);

/** The service error of that name: a modelled subclass, or a ServiceError. */
export function serviceError(name, message, fault) {
  return new (Object.hasOwn(MODELLED_ERRORS, name) ? MODELLED_ERRORS[name] : ServiceError)(name, message, fault);
}

/** No response: the connection failed (DNS, refused, reset, CORS in browsers). */
export class NetworkError extends PersonalizeWasmError {
  static errorName = 'NetworkError';
}
/** An attempt got no complete response within requestTimeout. */
export class TimeoutError extends PersonalizeWasmError {
  static errorName = 'TimeoutError';
}
/** The call's signal aborted it; `cause` is the abort reason. */
export class AbortError extends PersonalizeWasmError {
  static errorName = 'AbortError';
}
/** Bad endpoint configuration. */
export class EndpointError extends PersonalizeWasmError {
  static errorName = 'EndpointError';
}
/** Bad client configuration (an unknown operation, no region to sign with). */
export class ConfigurationError extends PersonalizeWasmError {
  static errorName = 'ConfigurationError';
}
/** No usable credentials, or (Node.js) a named profile that is not in the shared files. */
export class CredentialsProviderError extends PersonalizeWasmError {
  static errorName = 'CredentialsProviderError';
}
/** signRequest: bad options or request. */
export class SigningError extends PersonalizeWasmError {
  static errorName = 'SigningError';
}
/** A response body the parser accepted that JavaScript cannot read as JSON. */
export class DeserializationError extends PersonalizeWasmError {
  static errorName = 'DeserializationError';
}
/** A paginator saw a repeated nextToken, or stopped after maxPages pages. */
export class PaginationError extends PersonalizeWasmError {
  static errorName = 'PaginationError';
}
/** The endpoint answered with a redirect; redirects are never followed. */
export class RedirectError extends PersonalizeWasmError {
  static errorName = 'RedirectError';
}
/** A response body was longer than maxResponseBytes. */
export class ResponseTooLargeError extends PersonalizeWasmError {
  static errorName = 'ResponseTooLargeError';
}
/** The WebAssembly module could not allocate memory for a call; it stays usable. */
export class OutOfMemoryError extends PersonalizeWasmError {
  static errorName = 'OutOfMemoryError';
}
/** A waiter reached a state from which its goal cannot be reached. */
export class WaiterFailureError extends PersonalizeWasmError {
  static errorName = 'WaiterFailureError';

  /** @param {string} message @param {object} tracker */
  constructor(message, tracker) {
    super(message);
    this.tracker = tracker;
  }
}
/** A waiter's maxWaitTime ran out. */
export class WaiterTimeoutError extends PersonalizeWasmError {
  static errorName = 'WaiterTimeoutError';

  /** @param {string} message @param {object} tracker */
  constructor(message, tracker) {
    super(message);
    this.tracker = tracker;
  }
}

/** What the core's errors are named, as classes (an unknown name: a PersonalizeWasmError of that name). */
const CORE_ERRORS = byName([EndpointError, ConfigurationError, CredentialsProviderError, SigningError, DeserializationError, OutOfMemoryError]);

/** The error the core reported by name. */
export function coreError(name, message) {
  if (Object.hasOwn(CORE_ERRORS, name)) return new CORE_ERRORS[name](message);
  const err = new PersonalizeWasmError(message);
  err.name = name;
  return err;
}
