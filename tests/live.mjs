#!/usr/bin/env node
// Opt-in live check against the real Amazon Personalize (run by `./build.sh test --live`; not a
// node --test file). With AWS credentials (environment or profile, found as the glue finds them),
// a region and PERSONALIZE_DATASET_GROUP_ARN, it runs the whole lifecycle against the service:
//   create-event-tracker -> wait ACTIVE -> put-events -> delete-event-tracker -> wait deleted
// printing each step. The tracker is deleted even when a step fails or the run is interrupted.
// Without that configuration it says so and exits 0.
//
// Note: a dataset group can have only one event tracker; use one without a tracker.
// Exit codes: 0 passed (or skipped), 1 failed, 130 interrupted.
import { PersonalizeClient, PersonalizeEventsClient } from '../web/lib/personalize.mjs';
import { nodeDefaults } from '../web/node/config.mjs';

const SKIP = 'live check skipped: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), AWS_REGION and PERSONALIZE_DATASET_GROUP_ARN to run it';
const WAIT = { maxWaitTime: 900, minDelay: 5, maxDelay: 30 };

const log = (message) => process.stdout.write(`${message}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const describe = (err) => `${err?.name ?? 'Error'}: ${err?.message ?? err}`;

/** Region and credentials as the clients would find them; undefined members when missing. */
async function configuration() {
  try {
    return await nodeDefaults({});
  } catch (err) {
    log(`could not read the AWS configuration (${describe(err)})`);
    return {};
  }
}

async function main() {
  const datasetGroupArn = process.env.PERSONALIZE_DATASET_GROUP_ARN;
  const { region, credentials } = await configuration();
  if (!datasetGroupArn || !region || !credentials?.accessKeyId || !credentials?.secretAccessKey) {
    log(SKIP);
    return 0;
  }

  const controller = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: give up on the clean-up
    interrupted = true;
    log('\ninterrupted: cleaning up (Ctrl-C again to quit now)');
    controller.abort(new Error('interrupted'));
  });
  const { signal } = controller;

  const client = new PersonalizeClient();
  const events = new PersonalizeEventsClient();
  const started = Date.now();
  const name = `personalize-wasm-live-${Date.now().toString(36)}`;
  log(`live check against Amazon Personalize in ${region} (access key ${credentials.accessKeyId.slice(0, 4)}…, dataset group ${datasetGroupArn})`);

  let eventTrackerArn;
  let deleted = false;
  let failed = false;
  try {
    let t = Date.now();
    const created = await client.createEventTracker({ datasetGroupArn, name, tags: [{ tagKey: 'purpose', tagValue: 'personalize-wasm live check' }] }, { signal });
    eventTrackerArn = created.eventTrackerArn;
    log(`1/5 create-event-tracker ${name}: ${eventTrackerArn} (trackingId ${created.trackingId}; ${created.$metadata.attempts} attempt(s), ${seconds(t)})`);

    t = Date.now();
    const statuses = [];
    const tracker = await client.waitUntilEventTrackerActive({ eventTrackerArn }, { ...WAIT, signal, onStatus: (s) => statuses.push(s) });
    log(`2/5 wait event-tracker-active: ${statuses.join(' -> ')} (${seconds(t)})`);

    t = Date.now();
    const now = new Date();
    const sent = await events.putEvents({
      trackingId: tracker.trackingId,
      sessionId: `live-session-${now.getTime()}`,
      userId: 'personalize-wasm-live-user',
      eventList: [
        { eventType: 'click', sentAt: now, itemId: 'live-item-1', properties: JSON.stringify({ source: 'personalize-wasm' }) },
        { eventType: 'view', sentAt: new Date(now.getTime() - 1000), itemId: 'live-item-2' },
      ],
    }, { signal });
    log(`3/5 put-events: 2 events recorded (HTTP ${sent.$metadata.httpStatusCode}, request ${sent.$metadata.requestId}, ${seconds(t)})`);

    t = Date.now();
    await client.deleteEventTracker({ eventTrackerArn }, { signal });
    deleted = true;
    log(`4/5 delete-event-tracker (${seconds(t)})`);

    t = Date.now();
    await client.waitUntilEventTrackerDeleted({ eventTrackerArn }, { ...WAIT, signal });
    log(`5/5 wait event-tracker-deleted: gone (${seconds(t)})`);
    log(`live check passed in ${seconds(started)}`);
  } catch (err) {
    failed = true;
    if (err?.name === 'ResourceAlreadyExistsException' && !eventTrackerArn) {
      log(`live check failed: ${describe(err)} (a dataset group can have only one event tracker; use one without a tracker)`);
    } else {
      log(`live check failed: ${describe(err)}`);
    }
  } finally {
    if (eventTrackerArn && !deleted) await cleanUp(client, eventTrackerArn);
  }
  if (interrupted) return 130;
  return failed ? 1 : 0;
}

/** Deletes the tracker after a failure; one still being created is waited for first. */
async function cleanUp(client, eventTrackerArn) {
  log(`cleaning up: deleting ${eventTrackerArn}`);
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await client.deleteEventTracker({ eventTrackerArn });
      log('cleaned up: the event tracker is being deleted');
      return;
    } catch (err) {
      if (err?.name === 'ResourceNotFoundException') {
        log('cleaned up: the event tracker is already gone');
        return;
      }
      if (err?.name !== 'ResourceInUseException' || attempt === 2) {
        log(`CLEAN-UP FAILED: ${describe(err)}; delete it yourself: aws personalize delete-event-tracker --event-tracker-arn ${eventTrackerArn}`);
        process.exitCode = 1;
        return;
      }
      // Still CREATE PENDING / IN_PROGRESS: wait until it settles (ACTIVE or CREATE FAILED), then retry.
      await client.waitUntilEventTrackerActive({ eventTrackerArn }, WAIT).catch(() => {});
    }
  }
}

main().then(
  (code) => process.exit(code || process.exitCode || 0),
  (err) => {
    log(`live check failed: ${describe(err)}`);
    process.exit(1);
  },
);
