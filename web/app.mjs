// The web console's entry point: reads ./local-endpoint.json when the host provides one (the
// local endpoint, with its demo credentials), else starts in AWS mode; then wires the panels.

import { initConnection } from './app-conn.mjs';
import { initCreate, setGroups } from './app-create.mjs';
import { initTrackers, refresh, upsert } from './app-trackers.mjs';
import { initEvents, setTrackers, useTracker } from './app-events.mjs';

/** @returns {Promise<{endpoint: string, region: string, credentials: object, datasetGroupArn?: string}|null>} */
async function localEndpoint() {
  try {
    const response = await fetch('./local-endpoint.json', { cache: 'no-store' });
    const config = response.ok ? await response.json() : null;
    return typeof config?.endpoint === 'string' ? config : null;
  } catch {
    return null;
  }
}

const local = await localEndpoint();
initTrackers(setTrackers);
initEvents();
initCreate(local?.datasetGroupArn, {
  onCreated: upsert,
  onStatus: upsert,
  onActive: (tracker, trackingId) => {
    upsert(tracker);
    useTracker(tracker.eventTrackerArn, trackingId);
  },
});
const testConnection = initConnection(local, (groups) => {
  setGroups(groups);
  refresh();
});
if (local) testConnection();
