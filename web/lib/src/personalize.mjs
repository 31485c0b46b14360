// personalize-wasm: the JavaScript glue around personalize.wasm.
//
// Validation, serialization, SigV4 signing and response parsing all run in the WebAssembly
// module (C sources in wasm/); the glue loads it (core.mjs), moves bytes in and out, and calls
// fetch (transport.mjs). Runs unchanged in browsers and in Node.js >= 20. Types: personalize.d.ts.
// This entry only gathers the modules' public names: importing it has no side effects. The modules
// of web/lib/src/ are bundled into one, web/lib/personalize.mjs (./build.sh builds it, like the
// .wasm): one module to load, in Node.js and in browsers, instead of a chain of thirteen.

export { validate, validateCreateEventTracker, signRequest, resolveEndpoint, parseResponse } from './helpers.mjs';
export { classifyError, retryDelay } from './retry.mjs';
export { DEFAULT_MAX_PAGES, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT } from './service-client.mjs';
export { PersonalizeClient, PersonalizeEventsClient } from './clients.mjs';
export {
  PersonalizeWasmError, ValidationError, ServiceError, InvalidInputException, InvalidNextTokenException,
  LimitExceededException, ResourceAlreadyExistsException, ResourceInUseException, ResourceNotFoundException,
  TooManyTagKeysException, TooManyTagsException, NetworkError, TimeoutError, AbortError, EndpointError,
  ConfigurationError, CredentialsProviderError, SigningError, DeserializationError, PaginationError, RedirectError,
  ResponseTooLargeError, OutOfMemoryError, WaiterFailureError, WaiterTimeoutError,
} from './errors.mjs';
