// A typed example of the personalize-wasm API, checked by `tsc --noEmit -p tests/types/tsconfig.json`
// (tests/lib/types.test.mjs). It is type-checked only, never run: the imports resolve to
// web/lib/personalize.d.ts through the tsconfig's `paths`, as a consumer's `import 'personalize-wasm'`.
import {
  PersonalizeClient,
  PersonalizeEventsClient,
  classifyError,
  parseResponse,
  resolveEndpoint,
  retryDelay,
  signRequest,
  validate,
  validateCreateEventTracker,
  type CreateEventTrackerInput,
  type EventTracker,
  type PersonalizeError,
  type PersonalizeEvent,
  type ResponseMetadata,
} from 'personalize-wasm';

/** Creates a tracker, waits until it is ACTIVE, sends two events, then deletes the tracker. */
export async function trackClicks(endpoint: string, datasetGroupArn: string): Promise<string> {
  const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
  const client = new PersonalizeClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 5 });
  const events = new PersonalizeEventsClient({ region: 'us-east-1', endpoint, credentials: async () => credentials });

  const input: CreateEventTrackerInput = { datasetGroupArn, name: 'clicks', tags: [{ tagKey: 'team', tagValue: 'web' }] };
  const problems = await validateCreateEventTracker(input);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.field} ${p.message}`).join('\n'));

  const created = await client.createEventTracker(input);
  const metadata: ResponseMetadata = created.$metadata;
  const attempts: number = metadata.attempts;
  const recovered: boolean | undefined = metadata.recovered;
  const arn = created.eventTrackerArn ?? '';

  const controller = new AbortController();
  const tracker: EventTracker = await client.waitUntilEventTrackerActive(
    { eventTrackerArn: arn },
    { maxWaitTime: 120, minDelay: 1, maxDelay: 10, signal: controller.signal, onStatus: (status) => console.log(status) },
  );
  const created_at: Date | undefined = tracker.creationDateTime;
  console.log(`${tracker.name} ACTIVE since ${created_at?.toISOString()} after ${attempts} attempt(s)${recovered ? ' (recovered)' : ''}`);

  const now = new Date();
  const eventList: PersonalizeEvent[] = [
    { eventType: 'click', sentAt: now, itemId: 'item-1', properties: JSON.stringify({ color: 'red' }) },
    { eventType: 'view', sentAt: now.getTime() / 1000, impression: ['item-1', 'item-2'], eventValue: 1.5 },
  ];
  const sent = await events.putEvents({ trackingId: tracker.trackingId ?? '', sessionId: 'session-1', userId: 'user-1', eventList });
  console.log(sent.$metadata.httpStatusCode, events.lastRequest?.stringToSign);

  for await (const page of client.paginateListEventTrackers({ datasetGroupArn, maxResults: 10 })) {
    for (const summary of page.eventTrackers ?? []) console.log(summary.name, summary.status, summary.lastUpdatedDateTime?.getTime());
  }

  await client.deleteEventTracker({ eventTrackerArn: arn });
  const gone = await client.waitUntilEventTrackerDeleted({ eventTrackerArn: arn }, { maxWaitTime: 60 });
  return gone.state;
}

/** Error handling: narrowing the union on `name`. */
export async function describeOrExplain(client: PersonalizeClient, eventTrackerArn: string): Promise<string> {
  try {
    const { eventTracker } = await client.describeEventTracker({ eventTrackerArn });
    return eventTracker?.status ?? 'unknown';
  } catch (caught) {
    const err = caught as PersonalizeError;
    switch (err.name) {
      case 'ValidationError':
        // errors[] only exists on ValidationError
        return `invalid input: ${err.errors.map((e) => e.field).join(', ')}`;
      case 'WaiterFailureError':
      case 'WaiterTimeoutError':
        return `waiter: ${err.tracker.status}`;
      case 'NetworkError':
      case 'TimeoutError':
        return `no answer after ${err.$metadata.attempts} attempt(s)`;
      case 'ResourceNotFoundException':
        return 'no such tracker';
      default:
        if ('$fault' in err) {
          const fault: 'client' | 'server' = err.$fault;
          return `${err.name} (${fault} fault, request ${err.$metadata.requestId}, ${err.$metadata.totalRetryDelay} ms of retry delay)`;
        }
        return err.message;
    }
  }
}

/** The standalone helpers. */
export async function helpers(): Promise<void> {
  const issues = await validate('PutEvents', { trackingId: 't', sessionId: 's', eventList: [] });
  console.log(issues.length);
  const { url } = await resolveEndpoint({ region: 'eu-west-1', useFipsEndpoint: true }, 'personalize-events');
  const signed = await signRequest(
    { method: 'POST', path: '/', headers: { host: new URL(url).host }, body: '{}' },
    { credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, region: 'eu-west-1', service: 'personalize', date: new Date(0) },
  );
  console.log(signed.authorization, signed.headers.length);
  const parsed = await parseResponse('CreateEventTracker', { status: 200, body: '{"eventTrackerArn":"a","trackingId":"t"}' });
  const trackingId: string = parsed.trackingId; // clientRequired: a success always has it

  // Generated from the model: properties may be an object; the tag operations through send().
  const withObject: PersonalizeEvent = { eventType: 'rate', sentAt: 1, properties: { numberOfRatings: 12 } };
  void withObject;
  const tagged = await new PersonalizeClient().send('ListTagsForResource', { resourceArn: 'arn:aws:personalize:us-east-1:1:dataset-group/g' });
  console.log(tagged.tags?.map((tag) => tag.tagKey), tagged.$metadata.attempts);
  console.log(trackingId, parsed.$metadata.requestId);

  // The retry policy as pure functions.
  const { retryable, throttled, cost } = classifyError(new Error('x'), false);
  const wait: number = retryable ? retryDelay(2, { throttled, random: 0.5 }) + cost : retryDelay(1);
  console.log(wait);

  // What the types reject (each line must stay an error):
  const client = new PersonalizeClient();
  // @ts-expect-error name must be a string
  void client.createEventTracker({ name: 1, datasetGroupArn: 'arn' });
  // @ts-expect-error datasetGroupArn is required
  void client.createEventTracker({ name: 'x' });
  // @ts-expect-error sentAt is a Date or epoch seconds, not a string
  const bad: PersonalizeEvent = { eventType: 'click', sentAt: '2026-01-01' };
  void bad;
  // @ts-expect-error no such operation on the control-plane client
  void client.putEvents;
  // @ts-expect-error domain is ECOMMERCE or VIDEO_ON_DEMAND
  void client.createDatasetGroup({ name: 'g', domain: 'RETAIL' });
}
