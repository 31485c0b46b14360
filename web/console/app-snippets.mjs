// "Code to send events": a dialog with three snippets that send the Send-a-test-event form's event
// to a tracker as they are copied — this project's JS API, its CLI and the AWS CLI. Where the
// credentials come from is in each: the local endpoint's public demo keys and its URL in local
// mode, a profile line on AWS (never a secret typed into the page).

import { resolveEndpoint } from '../lib/personalize.mjs';
import { $, el, copyText } from './app-util.mjs';
import { view, credentialSource } from './app-conn.mjs';
import { testEvent } from './app-events.mjs';

let opener;
let trackingId = '';

/** A shell word: as it is when safe, else in single quotes. */
const sh = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replaceAll("'", "'\\''")}'`);
/** A JavaScript string literal. */
const js = (s) => `'${String(s).replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'`;

/** The JS API snippet: the client's options, then one putEvents call with the form's event. */
function jsSnippet(ev, where, creds) {
  const options = [`  region: ${js(where.region)},`];
  if (where.endpoint) options.push(`  endpoint: ${js(where.endpoint)},`);
  if (where.fips) options.push('  useFipsEndpoint: true,');
  if (where.dualstack) options.push('  useDualstackEndpoint: true,');
  if (creds.kind !== 'aws') {
    if (creds.kind === 'demo') options.push('  // the local endpoint\'s public demo key pair (it works nowhere else)');
    options.push(`  credentials: { accessKeyId: ${js(creds.accessKeyId)}, secretAccessKey: ${js(creds.secretAccessKey)} },`);
  } else {
    options.push('  // credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else this profile of ~/.aws',
      '  profile: \'default\',');
  }
  const event = [`eventType: ${js(ev.eventType)}`, ev.itemId && `itemId: ${js(ev.itemId)}`,
    ev.properties && `properties: ${js(ev.properties)}`, 'sentAt: new Date()'].filter(Boolean).join(', ');
  return [`import { PersonalizeEventsClient } from 'personalize-wasm';`, '',
    'const events = new PersonalizeEventsClient({', ...options, '});', 'await events.putEvents({',
    `  trackingId: ${js(trackingId)},`, ...(ev.userId ? [`  userId: ${js(ev.userId)},`] : []),
    `  sessionId: ${js(ev.sessionId)},`, `  eventList: [{ ${event} }],`, '});'].join('\n');
}

/** A shell command (personalize-wasm or aws), one option group a line. */
function shellSnippet(program, ev, where, creds, eventsUrl) {
  const event = { eventType: ev.eventType, ...(ev.itemId && { itemId: ev.itemId }), ...(ev.properties && { properties: ev.properties }),
    sentAt: Math.floor(Date.now() / 1000) };
  const target = `--region ${sh(where.region)}${eventsUrl ? ` --endpoint-url ${sh(eventsUrl)}` : ''}`;
  const lines = [];
  if (creds.kind !== 'aws') lines.push(`AWS_ACCESS_KEY_ID=${sh(creds.accessKeyId)} AWS_SECRET_ACCESS_KEY=${sh(creds.secretAccessKey)} \\`);
  else lines.push('# --profile: a profile of ~/.aws/credentials (aws configure)');
  const profile = creds.kind === 'aws' ? ' --profile default' : '';
  lines.push(program === 'aws' ? `aws personalize-events put-events ${target}${profile} \\` : `personalize-wasm ${target}${profile} put-events \\`,
    `  --tracking-id ${sh(trackingId)}${ev.userId ? ` --user-id ${sh(ev.userId)}` : ''} --session-id ${sh(ev.sessionId)} \\`,
    `  --event-list ${sh(JSON.stringify([event]))}`);
  return lines.join('\n');
}

/** Fills the dialog from the connection and the form, as they are now. */
async function render() {
  const where = view();
  const creds = credentialSource();
  const ev = testEvent();
  const eventsUrl = where.endpoint ?? (where.fips || where.dualstack
    ? (await resolveEndpoint({ region: where.region, useFipsEndpoint: !!where.fips, useDualstackEndpoint: !!where.dualstack }, 'personalize-events').catch(() => null))?.url
    : undefined);
  const list = [
    ['JavaScript (personalize-wasm, Node.js)', jsSnippet(ev, where, creds)],
    ['This project\'s CLI', shellSnippet('personalize-wasm', ev, where, creds, eventsUrl)],
    ['AWS CLI', shellSnippet('aws', ev, where, creds, eventsUrl)],
  ];
  $('code-where').textContent = `Each sends the event of "Send a test event" ${creds.kind === 'aws'
    ? `to ${where.region} with your AWS profile (or AWS_ACCESS_KEY_ID…): keys typed here are never put in code`
    : `to the local endpoint ${where.endpoint}${creds.kind === 'demo' ? ' with its public demo keys' : ': put your keys where it says YOUR_…'}`}.`;
  $('snippet-list').replaceChildren(...list.map(([title, code], i) => {
    const copy = el('button', { type: 'button', textContent: 'Copy snippet', onclick: () => copyText(code, `${title} snippet`, $('code-msg'), copy) });
    copy.setAttribute('aria-describedby', `snippet-${i}`);
    return el('div', { className: 'snippet' }, el('h3', { id: `snippet-${i}`, textContent: title }),
      el('pre', { tabIndex: 0, textContent: code }), el('div', { className: 'copy' }, copy));
  }));
}

/** The tracker the snippets send to (its tracking ID), once it is ACTIVE. */
export function setSnippetTracker(id) {
  trackingId = id;
}

/** Opens the dialog; focus returns to the button after. */
async function openCode(e) {
  opener = e.currentTarget;
  $('code-msg').replaceChildren();
  await render();
  $('code-dlg').showModal();
}

export function initSnippets() {
  $('show-code').onclick = openCode;
  $('code-close').onclick = () => $('code-dlg').close();
  $('code-dlg').onclose = () => { if (opener?.isConnected) opener.focus(); };
}
