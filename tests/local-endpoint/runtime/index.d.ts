// Types of the local endpoint's harness API (index.mjs; published as 'personalize-wasm/local-endpoint').
// Hand-written: README.md next to this file describes each option and answer.

/** A key pair the endpoint accepts besides the demo pair. */
export interface LocalEndpointKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  /** When given, requests signed with this key must send exactly this X-Amz-Security-Token. */
  sessionToken?: string;
  /** 12 digits; default DEMO_CREDENTIALS.accountId. */
  accountId?: string;
}

export interface LocalEndpointOptions {
  /** Port on 127.0.0.1 (it never listens elsewhere); 0, the default, picks a free one. */
  port?: number;
  /** Time per lifecycle step in ms; default FIXTURE_STEP_MS (10). */
  stepMs?: number;
  /** An ACTIVE dataset group `demo-dataset-group` in us-east-1 (default true). */
  demo?: boolean;
  /** The /__local-endpoint/* routes, for requests with `adminToken` (default false). */
  admin?: boolean;
  /** Keeps the state in this file (loaded at start, written after each change, locked); default none. */
  stateFile?: string | null;
  /** Extra key pairs accepted besides the demo pair. */
  credentials?: LocalEndpointKeyPair[];
  /** The endpoint's clock in ms (default Date.now): a test can move it forward by hand. */
  now?: () => number;
  /** How many PutEvents events are kept, oldest dropped first (default 10 000). */
  maxStoredEvents?: number;
  /** Where the endpoint's own messages go (default stderr, prefixed "[local-endpoint]"). */
  log?: (message: string) => void;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

/** One stored PutEvents event: `event` is the event as sent on the wire (sentAt in epoch seconds). */
export interface StoredEvent {
  trackingId: string;
  userId?: string;
  sessionId: string;
  event: {
    eventType: string;
    sentAt: number;
    eventId?: string;
    eventValue?: number;
    itemId?: string;
    properties?: string;
    recommendationId?: string;
    impression?: string[];
    metricAttribution?: { eventAttributionSource: string };
    [member: string]: unknown;
  };
  /** Epoch seconds, from the endpoint's clock. */
  receivedAt: number;
}

export interface LocalEndpointStats {
  /** Every non-admin request received, rejected ones included. */
  total: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  byError: Record<string, number>;
  /** Answers dropped on purpose (dropAfterProcessing, dropRate). */
  dropped: number;
  /** Operations performed, including those whose answer was then dropped. */
  succeeded: Record<string, number>;
  /** PutEvents events not stored again because their eventId was already seen. */
  duplicateEvents: number;
}

/** A request as the endpoint logged it; signatures and tokens are redacted. */
export interface LoggedRequest {
  requestId: string;
  receivedAt: number;
  method: string;
  path: string;
  operation: string;
  headers: Record<string, string | string[]>;
  bodyBytes?: number;
  accessKeyId?: string;
  status?: number | string;
  errorType?: string;
  signatureDebug?: unknown;
}

/** Injected faults: any subset; a member given replaces the current value. */
export interface LocalEndpointFaults {
  throttle?: number;
  throttleName?: string;
  serverError?: number;
  serverErrorStatus?: 500 | 503;
  delayMs?: number;
  delayCount?: number;
  dropAfterProcessing?: number;
  clockSkewMs?: number;
  failNextTrackerCreation?: boolean | number;
  /** Limits the faults to these operation names (PutEvents included); null: every operation. */
  operations?: string[] | null;
  throttleRate?: number;
  serverErrorRate?: number;
  dropRate?: number;
  /** Restarts the probabilistic draws from this seed (0 to 2^32-1); null: Math.random. */
  seed?: number | null;
}

export interface LocalEndpointState {
  datasetGroups: Array<{
    name: string; datasetGroupArn: string; accountId: string; region: string; status: string;
    creationDateTime: number; lastUpdatedDateTime: number; domain?: string; tags: Array<{ tagKey: string; tagValue: string }>;
  }>;
  eventTrackers: Array<{
    name: string; eventTrackerArn: string; accountId: string; region: string; trackingId: string; datasetGroupArn: string;
    status: string; creationDateTime: number; lastUpdatedDateTime: number; tags: Array<{ tagKey: string; tagValue: string }>;
  }>;
}

/** A running endpoint; DatasetGroupArn is string with the demo dataset group (the default), null with demo: false. */
export interface LocalEndpoint<DatasetGroupArn extends string | null = string | null> {
  /** http://127.0.0.1:PORT: a client's `endpoint` (or the AWS CLI's --endpoint-url). */
  readonly url: string;
  readonly port: number;
  /** us-east-1, the demo dataset group's region (any region is accepted). */
  readonly region: string;
  /** The demo key pair, always accepted. */
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** The ACTIVE demo dataset group (null with demo: false). */
  readonly datasetGroupArn: DatasetGroupArn;
  readonly demoDatasetGroupArn: DatasetGroupArn;
  /** With admin: the X-Local-Endpoint-Admin-Token value (else null). */
  readonly adminToken: string | null;
  readonly stepMs: number;
  /** The stored events, of one tracker or of all. */
  events(trackingId?: string): StoredEvent[];
  stats(): LocalEndpointStats;
  /** The last 200 non-admin requests. */
  requests(): LoggedRequest[];
  state(): LocalEndpointState;
  /** The current fault settings. */
  faults(): Required<LocalEndpointFaults>;
  /** Sets the faults given; returns the resulting settings. Throws on a bad value. */
  setFaults(faults: LocalEndpointFaults): Required<LocalEndpointFaults>;
  /** Resets these parts (default all); with demo the demo dataset group is created again. */
  reset(what?: Array<'state' | 'events' | 'faults' | 'stats'>): void;
  /** Closes connections, clears timers, writes the state and releases its lock. */
  close(): Promise<void>;
  // Also [Symbol.asyncDispose] (= close), for `await using endpoint = await startLocalEndpoint()`;
  // not declared here, so these types need no esnext.disposable lib.
}

/** Starts the local endpoint on 127.0.0.1 (with the demo dataset group unless demo: false). */
export function startLocalEndpoint(options?: LocalEndpointOptions & { demo?: true }): Promise<LocalEndpoint<string>>;
export function startLocalEndpoint(options: LocalEndpointOptions & { demo: false }): Promise<LocalEndpoint<null>>;
export function startLocalEndpoint(options?: LocalEndpointOptions): Promise<LocalEndpoint>;

export const DEMO_CREDENTIALS: Readonly<{ accessKeyId: string; secretAccessKey: string; accountId: string }>;
export const DEMO_REGION: string;
export const DEMO_DATASET_GROUP: string;
/** The in-process default of stepMs (10 ms). */
export const FIXTURE_STEP_MS: number;
/** The header admin requests send the admin token in. */
export const ADMIN_TOKEN_HEADER: string;
/** The admin routes' path prefix (/__local-endpoint). */
export const ADMIN_PREFIX: string;
