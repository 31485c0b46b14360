// Errors on the wire: an ApiError becomes `{"__type": type, "message": message}` with
// x-amzn-ErrorType and its HTTP status (http.mjs). Messages are the real service's texts.

export class ApiError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export const MSG = Object.freeze({
  missingAuth: 'Missing Authentication Token',
  badToken: 'The security token included in the request is invalid.',
  badSignature: 'The request signature we calculated does not match the signature you provided. ' +
    'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  internal: 'The request processing has failed because of an unknown error, exception or failure.',
  unavailable: 'Service is unavailable. Please try again later.',
});

export const internalFailure = () => new ApiError('InternalFailure', MSG.internal, 500);
export const serviceUnavailable = () => new ApiError('ServiceUnavailable', MSG.unavailable, 503);
