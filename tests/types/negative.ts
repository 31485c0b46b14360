// Deliberate type errors: `tsc -p tests/types/tsconfig.negative.json` must fail, with exactly these.
import { PersonalizeClient, PersonalizeEventsClient } from 'personalize-wasm';

const client = new PersonalizeClient({ region: 'us-east-1' });
const events = new PersonalizeEventsClient({ region: 'us-east-1' });

export async function wrong(): Promise<void> {
  await client.createEventTracker({ name: 1, datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop' }); // NEG-1: name is a string
  await events.putEvents({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'click', sentAt: '2026-01-01' }] }); // NEG-2: sentAt is a Date or number
  const { eventTracker } = await client.describeEventTracker({ eventTrackerArn: 'arn' });
  const when: string = eventTracker!.creationDateTime!; // NEG-3: timestamps are Dates
  void when;
}
