// The web console's entry point. `./build.sh serve` marks its pages with the response header
// `Server-Timing: local-endpoint`; only then is ./local-endpoint.json read (the local endpoint, with
// its demo credentials), so a plain static host gets no such request and starts in AWS mode.
// The URL fragment holds the view (mode, region or endpoint, selected tracker), never a credential.

import { $, blocked } from './app-util.mjs';
import { initConnection, view } from './app-conn.mjs';
import { initCreate, clearCreate, forget } from './app-create.mjs';
import { setGroups, noteTrackers } from './app-groups.mjs';
import { initTrackers, refresh, upsert, clear, failed, markSelected } from './app-trackers.mjs';
import { initDetails, details, closeDetails } from './app-details.mjs';
import { initDelete, remove } from './app-delete.mjs';
import { initEvents, setTrackers, useTracker, clearEvents, want, selected } from './app-events.mjs';
import { initSnippets } from './app-snippets.mjs';

$('boot').remove();
// The skip link moves focus without touching the fragment, which holds the view.
/** @type {HTMLElement} */ (document.querySelector('.skip')).onclick = (e) => {
  e.preventDefault();
  $('list-h').focus();
};
document.addEventListener('securitypolicyviolation', (e) => {
  if (/^connect-src/.test(e.violatedDirective)) try { blocked.add(new URL(e.blockedURI).origin); } catch { /* not a URL */ }
});

/** @returns {Promise<{endpoint: string, region: string, credentials: object, datasetGroupArn?: string}|null>} */
async function localEndpoint() {
  const hinted = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0])?.serverTiming?.some((t) => t.name === 'local-endpoint');
  if (!hinted) return null;
  try {
    const response = await fetch('./local-endpoint.json', { cache: 'no-store' });
    const config = response.ok ? await response.json() : null;
    return typeof config?.endpoint === 'string' ? config : null;
  } catch {
    return null;
  }
}

/** The view a link carries: mode, endpoint, region, fips, dualstack, tracker. */
function linkView() {
  const params = new URLSearchParams(location.hash.slice(1));
  const out = {};
  for (const key of ['mode', 'endpoint', 'region', 'fips', 'dualstack', 'tracker']) if (params.get(key)) out[key] = params.get(key);
  if (!['local', 'aws'].includes(out.mode)) delete out.mode;
  return out;
}

/** Writes the current view into the fragment (replacing the history entry). */
function saveView() {
  const tracker = selected();
  const params = new URLSearchParams({ ...view(), ...(tracker && { tracker }) });
  history.replaceState(null, '', `#${params}`);
}

const local = await localEndpoint();
const link = linkView();
if (link.tracker) want(link.tracker);
initTrackers({
  onChange: (trackers) => {
    setTrackers(trackers);
    noteTrackers(trackers);
  },
  selected,
  notFound: () => want(undefined),
  onDetails: (arn, from) => details(arn, from, $('list-msg')),
  onDelete: remove,
});
initDetails();
initDelete({ onDeleting: forget });
initSnippets();
initEvents(() => {
  markSelected();
  saveView();
});
initCreate(local?.datasetGroupArn, {
  onCreated: upsert,
  onStatus: (t) => t && upsert(t),
  onActive: (tracker, trackingId) => {
    upsert({ ...tracker, trackingId });
    useTracker(tracker.eventTrackerArn, trackingId);
    markSelected();
    saveView();
  },
});
initConnection(local, link, {
  onReset: () => {
    closeDetails();
    clear();
    clearCreate();
    clearEvents();
    saveView();
  },
  onTesting: () => clear('loading'),
  onConnected: (groups) => {
    setGroups(groups);
    saveView();
    refresh();
  },
  onFailed: failed,
});
// For the browser test and ./build.sh bench: milliseconds from navigation until the page is wired.
document.documentElement.dataset.ready = String(Math.round(performance.now()));
