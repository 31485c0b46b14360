// Type declarations for personalize.mjs, the JavaScript glue around personalize.wasm.
//
// Validation, serialization, SigV4 signing and response parsing run in the WebAssembly module;
// these types describe the JavaScript surface: two clients (Amazon Personalize control plane and
// Personalize Events), their inputs and outputs, paginators, waiters, error shapes, and the
// standalone helpers (validate, signRequest, resolveEndpoint, parseResponse).
//
// Timestamps in outputs are Dates (the service sends epoch seconds); timestamps in inputs
// (`sentAt`) may be Dates or epoch seconds.

// ---- common --------------------------------------------------------------------------------------

/** AWS credentials. The secret access key never appears in `lastRequest`, errors or logs. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials (STS); sent as `X-Amz-Security-Token`. */
  sessionToken?: string;
}

/** Credentials, or a function that supplies them (called before every attempt, so it may refresh). */
export type CredentialsOption = AwsCredentials | (() => AwsCredentials | Promise<AwsCredentials>);

/** The fetch the clients call: the global `fetch` by default. */
export type FetchLike = (url: string, init: {
  method: string;
  headers: Array<[string, string]>;
  body?: string | Uint8Array;
  signal: AbortSignal;
}) => Promise<Response>;

/** Facts about a call, attached to every output and every error. */
export interface ResponseMetadata {
  /** HTTP status of the last attempt (absent when no response was received). */
  httpStatusCode?: number;
  /** `x-amzn-RequestId` of the last response. */
  requestId?: string;
  /** Attempts made, retries included (1 when the first attempt answered). */
  attempts: number;
  /** Milliseconds spent waiting between attempts. */
  totalRetryDelay: number;
  /**
   * CreateEventTracker only: true when the service said the name was taken (an earlier attempt's
   * answer was lost, or the browser resent the POST by itself) and the tracker of that name and
   * dataset group, created no earlier than this call began, was returned instead of an error.
   */
  recovered?: boolean;
}

/** Every output carries `$metadata`. */
export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

/** Options of a single call. */
export interface CallOptions {
  /** Aborts the call (and its retries); it then rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Milliseconds per attempt, headers and body, before it fails with a `TimeoutError` (overrides the client's). */
  requestTimeout?: number;
}

/** One problem found by the validator: the member path (e.g. `tags[0].tagKey`) and the rule broken. */
export interface ValidationIssue {
  field: string;
  message: string;
}

// ---- errors --------------------------------------------------------------------------------------

/**
 * Error names the services send: the models' (InvalidInputException, ResourceNotFoundException,
 * ResourceAlreadyExistsException, ResourceInUseException, LimitExceededException,
 * TooManyTagsException, InvalidNextTokenException), those every AWS JSON service may send
 * (ThrottlingException, AccessDeniedException, UnrecognizedClientException, InvalidSignatureException,
 * ExpiredTokenException, InternalFailure, ServiceUnavailable, ...). Typed as any `...Exception` plus
 * the known names without that suffix, so that `switch (err.name)` narrows a {@link PersonalizeError}.
 */
export type ServiceErrorName =
  | `${string}Exception`
  | 'InternalFailure'
  | 'ServiceUnavailable'
  | 'Throttling'
  | 'RequestLimitExceeded'
  | 'RequestThrottled'
  | 'SlowDown'
  | 'BandwidthLimitExceeded'
  | 'PriorRequestNotComplete'
  | 'RequestTimeout'
  | 'RequestExpired'
  | 'RequestTimeTooSkewed'
  | 'RequestInTheFuture'
  | 'SignatureDoesNotMatch'
  | 'AuthFailure';

/** The base class of every error this package throws itself; `name` is an own property. */
export class PersonalizeWasmError extends Error {
  constructor(message?: string, options?: ErrorOptions);
  /** The class's error name (what `name` is set to). */
  static readonly errorName: string;
}

/** An error the service returned (InvalidInputException, ResourceNotFoundException, ...): the
 * model's exceptions are subclasses (`instanceof ResourceNotFoundException`); any other name the
 * service sends (ThrottlingException, ...) is a ServiceError of that name. */
export class ServiceError extends PersonalizeWasmError {
  constructor(name: string, message: string, fault?: 'client' | 'server');
  /** The service's error name, e.g. `ResourceNotFoundException`, `ThrottlingException`. */
  name: ServiceErrorName;
  /** `client` for 4xx answers, `server` for 5xx. */
  $fault: 'client' | 'server';
  $metadata: ResponseMetadata;
  /** True when an earlier attempt may have reached the service without its answer being seen. */
  readonly uncertain?: boolean;
}
/** The former name of {@link ServiceError}'s type. */
export type PersonalizeServiceException = ServiceError;

export class InvalidInputException extends ServiceError { name: 'InvalidInputException'; }
export class InvalidNextTokenException extends ServiceError { name: 'InvalidNextTokenException'; }
export class LimitExceededException extends ServiceError { name: 'LimitExceededException'; }
export class ResourceAlreadyExistsException extends ServiceError { name: 'ResourceAlreadyExistsException'; }
export class ResourceInUseException extends ServiceError { name: 'ResourceInUseException'; }
export class ResourceNotFoundException extends ServiceError { name: 'ResourceNotFoundException'; }
export class TooManyTagKeysException extends ServiceError { name: 'TooManyTagKeysException'; }
export class TooManyTagsException extends ServiceError { name: 'TooManyTagsException'; }

/** The input broke the model's constraints; nothing was sent. Lists every problem at once. */
export class ValidationError extends PersonalizeWasmError {
  constructor(errors: ValidationIssue[]);
  name: 'ValidationError';
  errors: ValidationIssue[];
}

/** No response: the connection failed (DNS, refused, reset, CORS in browsers). */
export class NetworkError extends PersonalizeWasmError {
  name: 'NetworkError';
  cause?: unknown;
  $metadata: ResponseMetadata;
  readonly uncertain?: boolean;
}

/** An attempt got no complete response (headers and body) within `requestTimeout`. */
export class TimeoutError extends PersonalizeWasmError {
  name: 'TimeoutError';
  $metadata: ResponseMetadata;
  readonly uncertain?: boolean;
}

/** The call's `signal` aborted it; `cause` is the abort reason. */
export class AbortError extends PersonalizeWasmError {
  name: 'AbortError';
  cause?: unknown;
  $metadata?: Pick<ResponseMetadata, 'attempts' | 'totalRetryDelay'>;
}

/** Bad endpoint configuration, e.g. `Invalid Configuration: Missing Region`. */
export class EndpointError extends PersonalizeWasmError {
  name: 'EndpointError';
}

/** Bad client configuration, e.g. no region to sign with even though an endpoint is set. */
export class ConfigurationError extends PersonalizeWasmError {
  name: 'ConfigurationError';
}

/** No usable credentials, or (Node.js) a named profile that is not in the shared files. */
export class CredentialsProviderError extends PersonalizeWasmError {
  name: 'CredentialsProviderError';
}

/** signRequest: bad options or request (e.g. an invalid date). */
export class SigningError extends PersonalizeWasmError {
  name: 'SigningError';
}

/** A response body the parser accepted that JavaScript cannot read as JSON. */
export class DeserializationError extends PersonalizeWasmError {
  name: 'DeserializationError';
}

/** A paginator saw the service return the same nextToken twice, or stopped after `maxPages` pages. */
export class PaginationError extends PersonalizeWasmError {
  name: 'PaginationError';
}

/** The endpoint answered with a redirect (3xx). Redirects are never followed, nor retried. */
export class RedirectError extends PersonalizeWasmError {
  name: 'RedirectError';
  $metadata: ResponseMetadata;
}

/** A response body was longer than `maxResponseBytes`; it was cancelled, not read into memory. */
export class ResponseTooLargeError extends PersonalizeWasmError {
  name: 'ResponseTooLargeError';
  $metadata: ResponseMetadata;
}

/** The WebAssembly module could not allocate memory for a call; the module stays usable. */
export class OutOfMemoryError extends PersonalizeWasmError {
  name: 'OutOfMemoryError';
}

/** A waiter reached a state from which its goal cannot be reached (e.g. CREATE FAILED). */
export class WaiterFailureError extends PersonalizeWasmError {
  constructor(message: string, tracker: EventTracker);
  name: 'WaiterFailureError';
  /** The tracker as last described. */
  tracker: EventTracker;
}

/** A waiter's `maxWaitTime` ran out. */
export class WaiterTimeoutError extends PersonalizeWasmError {
  constructor(message: string, tracker: EventTracker);
  name: 'WaiterTimeoutError';
  tracker: EventTracker;
}

/** Any error the clients throw; narrow on `name`. */
export type PersonalizeError =
  | ServiceError
  | ValidationError
  | NetworkError
  | TimeoutError
  | AbortError
  | EndpointError
  | ConfigurationError
  | CredentialsProviderError
  | DeserializationError
  | PaginationError
  | RedirectError
  | ResponseTooLargeError
  | OutOfMemoryError
  | WaiterFailureError
  | WaiterTimeoutError;

// ---- shapes --------------------------------------------------------------------------------------

/** Event tracker and dataset group lifecycle states. */
export type ResourceStatus =
  | 'CREATE PENDING'
  | 'CREATE IN_PROGRESS'
  | 'ACTIVE'
  | 'CREATE FAILED'
  | 'DELETE PENDING'
  | 'DELETE IN_PROGRESS'
  | (string & {});

// The shapes of the operations' inputs and outputs, and the operations' Input and Output types.
// In inputs, timestamps are Dates or epoch seconds; in outputs, Dates. Members marked sensitive
// are never part of error messages, logs or lastRequest's inspection strings.
// ---- generated from wasm/model.json by wasm/gen/gen_artifacts.mjs; do not edit ----
export type Domain = 'ECOMMERCE' | 'VIDEO_ON_DEMAND';

/** A key-value tag. */
export interface Tag {
  /**
   * 1..128 characters, matching ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$, not starting with aws: (any case).
   * Sensitive: never part of error messages or logs.
   */
  tagKey: string;
  /**
   * 0..256 characters, matching ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$, not starting with aws: (any case).
   * Sensitive: never part of error messages or logs.
   */
  tagValue: string;
}

/** DescribeEventTracker's `eventTracker`. */
export interface EventTracker {
  name?: string;
  eventTrackerArn?: string;
  accountId?: string;
  /** The ID to use with PutEvents once the tracker is ACTIVE. */
  trackingId?: string;
  datasetGroupArn?: string;
  status?: ResourceStatus;
  creationDateTime?: Date;
  lastUpdatedDateTime?: Date;
}

/** One item of ListEventTrackers. */
export interface EventTrackerSummary {
  name?: string;
  eventTrackerArn?: string;
  status?: ResourceStatus;
  creationDateTime?: Date;
  lastUpdatedDateTime?: Date;
}

/** DescribeDatasetGroup's `datasetGroup`. */
export interface DatasetGroup {
  name?: string;
  datasetGroupArn?: string;
  status?: ResourceStatus;
  roleArn?: string;
  kmsKeyArn?: string;
  creationDateTime?: Date;
  lastUpdatedDateTime?: Date;
  failureReason?: string;
  domain?: Domain;
}

/** One item of ListDatasetGroups. */
export interface DatasetGroupSummary {
  name?: string;
  datasetGroupArn?: string;
  status?: ResourceStatus;
  creationDateTime?: Date;
  lastUpdatedDateTime?: Date;
  failureReason?: string;
  domain?: Domain;
}

/**
 * One interaction for PutEvents.
 * Sensitive: its members are never part of error messages or logs.
 */
export interface PersonalizeEvent {
  /**
   * e.g. `click`, `watch`.
   * 1..256 characters.
   */
  eventType: string;
  /** When the event happened: a Date or epoch seconds. */
  sentAt: Date | number;
  /** 1..256 characters. */
  eventId?: string;
  eventValue?: number;
  /**
   * 1..256 characters.
   * Sensitive: never part of error messages or logs.
   */
  itemId?: string;
  /**
   * A JSON object, or a string holding one, e.g. `{ numberOfRatings: 12 }`.
   * 1..1024 characters.
   * Sensitive: never part of error messages or logs.
   */
  properties?: string | { [key: string]: unknown };
  /** 1..40 characters. */
  recommendationId?: string;
  /**
   * Item ids shown to the user.
   * 1..25 items.
   * Each: 1..256 characters.
   * Sensitive: never part of error messages or logs.
   */
  impression?: string[];
  metricAttribution?: MetricAttribution;
}

export interface MetricAttribution {
  /** At most 1024 characters, matching ^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$. */
  eventAttributionSource: string;
}

// Operation inputs and outputs.

export interface CreateEventTrackerInput {
  /** 1..63 characters, matching ^[a-zA-Z0-9][a-zA-Z0-9\-_]*. */
  name: string;
  /**
   * The dataset group that receives the events (it can have one tracker).
   * At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+.
   */
  datasetGroupArn: string;
  /** 0..200 items, each key once. */
  tags?: Tag[];
}
export interface CreateEventTrackerOutput extends MetadataBearer {
  eventTrackerArn: string;
  trackingId: string;
}

export interface DescribeEventTrackerInput {
  /** At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+. */
  eventTrackerArn: string;
}
export interface DescribeEventTrackerOutput extends MetadataBearer {
  eventTracker?: EventTracker;
}

export interface ListEventTrackersInput {
  /**
   * Only the trackers of this dataset group.
   * At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+.
   */
  datasetGroupArn?: string;
  /**
   * From the previous page's output.
   * At most 1500 characters, matching \p{ASCII}{0,1500}.
   */
  nextToken?: string;
  /** 1..100. */
  maxResults?: number;
}
export interface ListEventTrackersOutput extends MetadataBearer {
  eventTrackers?: EventTrackerSummary[];
  nextToken?: string;
}

export interface DeleteEventTrackerInput {
  /** At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+. */
  eventTrackerArn: string;
}
export type DeleteEventTrackerOutput = MetadataBearer;

export interface CreateDatasetGroupInput {
  /** 1..63 characters, matching ^[a-zA-Z0-9][a-zA-Z0-9\-_]*. */
  name: string;
  /** At most 256 characters, matching arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+. */
  roleArn?: string;
  /** At most 2048 characters, matching arn:aws.*:kms:.*:[0-9]{12}:key/.*. */
  kmsKeyArn?: string;
  domain?: Domain;
  /** 0..200 items, each key once. */
  tags?: Tag[];
}
export interface CreateDatasetGroupOutput extends MetadataBearer {
  datasetGroupArn: string;
  domain?: Domain;
}

export interface DescribeDatasetGroupInput {
  /** At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+. */
  datasetGroupArn: string;
}
export interface DescribeDatasetGroupOutput extends MetadataBearer {
  datasetGroup?: DatasetGroup;
}

export interface ListDatasetGroupsInput {
  /**
   * From the previous page's output.
   * At most 1500 characters, matching \p{ASCII}{0,1500}.
   */
  nextToken?: string;
  /** 1..100. */
  maxResults?: number;
}
export interface ListDatasetGroupsOutput extends MetadataBearer {
  datasetGroups?: DatasetGroupSummary[];
  nextToken?: string;
}

export interface DeleteDatasetGroupInput {
  /** At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+. */
  datasetGroupArn: string;
}
export type DeleteDatasetGroupOutput = MetadataBearer;

export interface TagResourceInput {
  /**
   * The resource to tag (an event tracker, dataset group, ...).
   * At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+.
   */
  resourceArn: string;
  /** 0..200 items, each key once. */
  tags: Tag[];
}
export type TagResourceOutput = MetadataBearer;

export interface UntagResourceInput {
  /** At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+. */
  resourceArn: string;
  /**
   * The keys of the tags to remove.
   * 0..200 items, each key once.
   * Each: 1..128 characters, matching ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$, not starting with aws: (any case).
   * Sensitive: never part of error messages or logs.
   */
  tagKeys: string[];
}
export type UntagResourceOutput = MetadataBearer;

export interface ListTagsForResourceInput {
  /** At most 256 characters, matching arn:([a-z\d-]+):personalize:.*:.*:.+. */
  resourceArn: string;
}
export interface ListTagsForResourceOutput extends MetadataBearer {
  tags?: Tag[];
}

export interface PutEventsInput {
  /**
   * The `trackingId` of an ACTIVE event tracker.
   * 1..256 characters.
   */
  trackingId: string;
  /** 1..256 characters. */
  sessionId: string;
  /** 1..10 items. */
  eventList: PersonalizeEvent[];
  /**
   * 1..256 characters.
   * Sensitive: never part of error messages or logs.
   */
  userId?: string;
}
export interface PutEventsOutput extends MetadataBearer {
  /**
   * The eventId of every event, in order: the one given, or the one derived from the event's
   * content (the same event sent again gets the same id, so Personalize records it once).
   */
  eventIds: string[];
}

/** Input type by operation name, for `send` and `validate`. */
export interface OperationInputs {
  CreateEventTracker: CreateEventTrackerInput;
  DescribeEventTracker: DescribeEventTrackerInput;
  ListEventTrackers: ListEventTrackersInput;
  DeleteEventTracker: DeleteEventTrackerInput;
  CreateDatasetGroup: CreateDatasetGroupInput;
  DescribeDatasetGroup: DescribeDatasetGroupInput;
  ListDatasetGroups: ListDatasetGroupsInput;
  DeleteDatasetGroup: DeleteDatasetGroupInput;
  TagResource: TagResourceInput;
  UntagResource: UntagResourceInput;
  ListTagsForResource: ListTagsForResourceInput;
  PutEvents: PutEventsInput;
}

/** Output type by operation name. */
export interface OperationOutputs {
  CreateEventTracker: CreateEventTrackerOutput;
  DescribeEventTracker: DescribeEventTrackerOutput;
  ListEventTrackers: ListEventTrackersOutput;
  DeleteEventTracker: DeleteEventTrackerOutput;
  CreateDatasetGroup: CreateDatasetGroupOutput;
  DescribeDatasetGroup: DescribeDatasetGroupOutput;
  ListDatasetGroups: ListDatasetGroupsOutput;
  DeleteDatasetGroup: DeleteDatasetGroupOutput;
  TagResource: TagResourceOutput;
  UntagResource: UntagResourceOutput;
  ListTagsForResource: ListTagsForResourceOutput;
  PutEvents: PutEventsOutput;
}

export type OperationName = keyof OperationInputs;
// ---- end generated ----

// ---- clients -------------------------------------------------------------------------------------

/** Client options. In Node.js, what is left out comes from the environment and shared files. */
export interface ClientConfig {
  /** e.g. `us-east-1`; else AWS_REGION, AWS_DEFAULT_REGION, the profile's region (Node.js). */
  region?: string;
  /** Else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, then the profile (Node.js). */
  credentials?: CredentialsOption;
  /** A custom endpoint URL (e.g. a local endpoint); else AWS_ENDPOINT_URL_PERSONALIZE[_EVENTS] / AWS_ENDPOINT_URL. */
  endpoint?: string;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  /** Node.js: the shared-files profile to read (else AWS_PROFILE, else `default`). */
  profile?: string;
  /** Node.js: false to ignore the environment and the shared files. Default true. */
  loadFromEnvironment?: boolean;
  /** Attempts per call, retries included (standard retry mode). Default 3. */
  maxAttempts?: number;
  /** Milliseconds per attempt, headers and body together. Default {@link DEFAULT_REQUEST_TIMEOUT} (30 s). */
  requestTimeout?: number;
  /** Largest response body accepted, in bytes. Default {@link DEFAULT_MAX_RESPONSE_BYTES} (1 MiB). */
  maxResponseBytes?: number;
  /** Pages a paginator fetches before it stops with a PaginationError. Default {@link DEFAULT_MAX_PAGES} (1000). */
  maxPages?: number;
  /** Milliseconds added to the local clock when signing. */
  systemClockOffset?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: FetchLike;
}

/** The last request a client built and signed; the secret key is never part of it. */
export interface LastRequest {
  method: string;
  url: string;
  /** The headers sent, Authorization (and X-Amz-Security-Token when there is one) included. */
  headers: Array<[string, string]>;
  body: string;
  /** SigV4 canonical request. */
  canonicalRequest: string;
  /** SigV4 string to sign. */
  stringToSign: string;
  /** Hex signature. */
  signature: string;
}

/** The last response a client received. */
export interface LastResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  attempts: number;
  totalRetryDelay: number;
}

/** What both clients share: configuration, sending with retries, inspection. */
declare abstract class ServiceClient {
  constructor(config?: ClientConfig);
  /** The options, filled in (Node.js) from the environment after the first call. */
  config: ClientConfig;
  /** Milliseconds added to the local clock when signing (learnt from clock-skew errors). */
  systemClockOffset: number;
  /** The last request built, for inspection (e.g. `--debug`); undefined before the first call. */
  lastRequest: LastRequest | undefined;
  /** The last response seen. */
  lastResponse: LastResponse | undefined;
  /** The standard retry mode's token bucket (500 when full). */
  retryTokens: number;
  /** Node.js: fills what the options leave out from the environment and shared files (once). */
  resolveConfig(): Promise<void>;
  /** The credentials to sign the next attempt with. */
  credentials(): Promise<Partial<AwsCredentials>>;
  /**
   * Validates, builds and signs (in WASM), sends with retries, parses (in WASM).
   * Rejects with a {@link PersonalizeError}.
   */
  send<Op extends OperationName>(operation: Op, input: OperationInputs[Op], options?: CallOptions): Promise<OperationOutputs[Op]>;
  /** @internal One HTTP exchange: headers and body within `timeout` ms and `maxBytes`, no redirects. */
  fetchOnce(request: { url: string; method: string; headers: Array<[string, string]>; body?: string }, signal?: AbortSignal, timeout?: number, maxBytes?: number): Promise<{ status: number; headers: Headers; arrayBuffer(): Promise<Uint8Array> }>;
  /** @internal Keeps the offset to a plausible server clock when it is more than 5 minutes off; true if changed. */
  correctClock(dateHeader: string | null | undefined): boolean;
  /** @internal Now by the server's clock as far as it is known; an offset that would make signing impossible is dropped. */
  signingDate(): Date;
}

/** Waiter timing; times in seconds. Delays grow from minDelay to maxDelay with jitter. */
export interface WaiterOptions {
  /** Give up (WaiterTimeoutError) after this long. Default 300. */
  maxWaitTime?: number;
  /** Default 2. */
  minDelay?: number;
  /** Default 30. */
  maxDelay?: number;
  /** Stops waiting (AbortError). */
  signal?: AbortSignal;
  /** Called whenever the status changes (`DELETED` with no tracker when it is gone). */
  onStatus?: (status: ResourceStatus | 'DELETED', tracker: EventTracker | undefined) => void;
}

/** waitUntilEventTrackerDeleted's result. */
export interface WaiterDeletedResult {
  state: 'SUCCESS';
  eventTrackerArn: string;
}

/** Amazon Personalize (control plane): event trackers and dataset groups. */
export class PersonalizeClient extends ServiceClient {
  static readonly serviceId: 'personalize';

  /**
   * Creates an event tracker (CREATE PENDING, CREATE IN_PROGRESS, then ACTIVE). If an attempt's
   * answer was lost and the retry finds the name taken, the tracker that attempt created is
   * returned with `$metadata.recovered = true`.
   */
  createEventTracker(input: CreateEventTrackerInput, options?: CallOptions): Promise<CreateEventTrackerOutput>;
  /** @internal The tracker of that dataset group with that name, described; used by create recovery. */
  findTracker(datasetGroupArn: string, name: string, options?: CallOptions): Promise<EventTracker | undefined>;
  describeEventTracker(input: DescribeEventTrackerInput, options?: CallOptions): Promise<DescribeEventTrackerOutput>;
  /** One page; see {@link paginateListEventTrackers} for all of them. */
  listEventTrackers(input?: ListEventTrackersInput, options?: CallOptions): Promise<ListEventTrackersOutput>;
  /** Every page of ListEventTrackers, from `input.nextToken` on: `for await (const page of ...)`. */
  paginateListEventTrackers(input?: ListEventTrackersInput, options?: CallOptions): AsyncGenerator<ListEventTrackersOutput, void, undefined>;
  deleteEventTracker(input: DeleteEventTrackerInput, options?: CallOptions): Promise<DeleteEventTrackerOutput>;
  createDatasetGroup(input: CreateDatasetGroupInput, options?: CallOptions): Promise<CreateDatasetGroupOutput>;
  describeDatasetGroup(input: DescribeDatasetGroupInput, options?: CallOptions): Promise<DescribeDatasetGroupOutput>;
  listDatasetGroups(input?: ListDatasetGroupsInput, options?: CallOptions): Promise<ListDatasetGroupsOutput>;
  /** Every page of ListDatasetGroups. */
  paginateListDatasetGroups(input?: ListDatasetGroupsInput, options?: CallOptions): AsyncGenerator<ListDatasetGroupsOutput, void, undefined>;
  deleteDatasetGroup(input: DeleteDatasetGroupInput, options?: CallOptions): Promise<DeleteDatasetGroupOutput>;
  /** Adds or overwrites tags on an event tracker or dataset group. */
  tagResource(input: TagResourceInput, options?: CallOptions): Promise<TagResourceOutput>;
  /** Removes the tags with these keys. */
  untagResource(input: UntagResourceInput, options?: CallOptions): Promise<UntagResourceOutput>;
  /** The tags of an event tracker or dataset group. */
  listTagsForResource(input: ListTagsForResourceInput, options?: CallOptions): Promise<ListTagsForResourceOutput>;
  /**
   * Polls DescribeEventTracker until ACTIVE and resolves to the tracker. Rejects with
   * WaiterFailureError (CREATE FAILED, or being deleted), WaiterTimeoutError, AbortError, or the
   * describe call's error.
   */
  waitUntilEventTrackerActive(input: DescribeEventTrackerInput, options?: WaiterOptions): Promise<EventTracker>;
  /** Polls DescribeEventTracker until the tracker is gone (ResourceNotFoundException). */
  waitUntilEventTrackerDeleted(input: DescribeEventTrackerInput, options?: WaiterOptions): Promise<WaiterDeletedResult>;
}

/** Amazon Personalize Events (data plane). */
export class PersonalizeEventsClient extends ServiceClient {
  static readonly serviceId: 'personalize-events';
  /**
   * Records events for an ACTIVE tracker's trackingId. Events without an `eventId` get a random
   * one before the first attempt, so that a retry never records an event twice.
   */
  putEvents(input: PutEventsInput, options?: CallOptions): Promise<PutEventsOutput>;
}

// ---- standalone helpers ----------------------------------------------------------------------------

/** Default `maxResponseBytes`: 1 MiB, far above any Personalize answer (a page of 100 trackers is some tens of KB). */
export const DEFAULT_MAX_RESPONSE_BYTES: number;
/** Default `requestTimeout`: 30,000 ms per attempt. */
export const DEFAULT_REQUEST_TIMEOUT: number;
/** Default `maxPages`: 1000. */
export const DEFAULT_MAX_PAGES: number;

/** What the retry policy (the AWS SDKs' standard mode) makes of a failed attempt. */
export interface ErrorClass {
  /** Another attempt may help: throttling, a transient error (timeout, network), HTTP 500/502/503/504, or a corrected clock. */
  retryable: boolean;
  /** The service throttled (a throttling error name or HTTP 429): retries back off from 500 ms instead of 100 ms. */
  throttled: boolean;
  /** Retry tokens another attempt costs (of 500 per client): 10 after the client's own timeout, else 5. */
  cost: number;
}

/**
 * The retry policy for a failed attempt's error, as clients apply it. `skewCorrected`: the error
 * was a clock-skew error and the client has corrected its clock from the answer's Date header.
 */
export function classifyError(error: unknown, skewCorrected?: boolean): ErrorClass;

/**
 * Milliseconds to wait after failed attempt `attempt` (1 = the first): full jitter,
 * `floor(random * min(20000, base * 2 ** (attempt - 1)))` with base 100 ms, or 500 ms when throttled.
 * `random` (in [0, 1)) defaults to `Math.random()`.
 */
export function retryDelay(attempt: number, options?: { throttled?: boolean; random?: number }): number;

/** Checks CreateEventTracker input against the model; an empty array when it is valid. */
export function validateCreateEventTracker(input: unknown): Promise<ValidationIssue[]>;

/** Checks any supported operation's input against the model; an empty array when it is valid. */
export function validate(operation: OperationName | (string & {}), input: unknown): Promise<ValidationIssue[]>;

/** An HTTP request to sign. */
export interface SignableRequest {
  method?: string;
  path?: string;
  /** The raw query string, without `?`. */
  query?: string;
  headers?: Array<[string, string]> | Record<string, string> | Headers;
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView | null;
}

export interface SigningOptions {
  credentials: AwsCredentials;
  region: string;
  /** The signing name, e.g. `personalize` (also for Personalize Events). */
  service: string;
  /** Signing time; default now. */
  date?: Date;
  /** Adds `X-Amz-Content-Sha256`. */
  signBody?: boolean;
  /** Leaves `X-Amz-Security-Token` out of the signature (it is still returned as a header). */
  omitSessionToken?: boolean;
  /** Normalizes the path (`.`/`..`/`//`); default true. */
  normalizePath?: boolean;
}

/** signRequest's result. */
export interface SignedRequest {
  /** The headers to send: the given ones plus X-Amz-Date, Authorization, and the token when present. */
  headers: Array<[string, string]>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** The `Authorization` header value. */
  authorization: string;
}

/** SigV4-signs an HTTP request (AWS4-HMAC-SHA256, Authorization header). Rejects with SigningError. */
export function signRequest(request: SignableRequest, options: SigningOptions): Promise<SignedRequest>;

export interface EndpointConfig {
  region?: string;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  endpoint?: string;
}

/** The endpoint URL by the AWS SDKs' rules; rejects with EndpointError on a bad configuration. */
export function resolveEndpoint(config: EndpointConfig, service?: 'personalize' | 'personalize-events'): Promise<{ url: string }>;

/** A response to parse. */
export interface RawResponse {
  status: number;
  headers?: Array<[string, string]> | Record<string, string> | Headers;
  body?: string | Uint8Array | ArrayBuffer;
}

/** Parses a service response: the output with `$metadata`, or rejects with the service's error. */
export function parseResponse<Op extends OperationName>(operation: Op, response: RawResponse): Promise<OperationOutputs[Op]>;
export function parseResponse(operation: string, response: RawResponse): Promise<MetadataBearer & Record<string, unknown>>;

// Only what is exported above is part of the module (ServiceClient is not exported at runtime).
export {};
