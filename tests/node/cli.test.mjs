// web/node/cli.mjs end to end: the CLI runs as a child process against the in-process local endpoint, with the
// demo credentials in its environment and a temporary HOME (the real ~/.aws is never read): the
// commands, output formats, pagination, --debug, profiles and --cli-input-json (cli-harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runToExit } from '../helpers/local-endpoint.mjs';
import { CLI, ROOT, TEMP, TRACKER_ARN, UUID, admin, cli, emu, home, isoUtc, library, stats, useCliEnvironment } from './cli-harness.mjs';

useCliEnvironment();

test('end to end: create-event-tracker, wait, put-events (file://), list, delete', async () => {
  const dg = emu.demoDatasetGroupArn;
  const created = await cli(['create-event-tracker', '--dataset-group-arn', dg, '--name', 'cli-clicks',
    '--tags', 'tagKey=team,tagValue=web', 'tagKey=cost-center,tagValue=42']);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stderr, '');
  const { eventTrackerArn, trackingId } = JSON.parse(created.stdout);
  assert.match(eventTrackerArn, TRACKER_ARN);
  assert.match(trackingId, UUID);
  // The AWS CLI's layout: 4-space indentation, the API's member names, a final newline.
  assert.equal(created.stdout, `{\n    "eventTrackerArn": "${eventTrackerArn}",\n    "trackingId": "${trackingId}"\n}\n`);
  const stored = (await admin('state')).eventTrackers.find((t) => t.eventTrackerArn === eventTrackerArn);
  assert.deepEqual(stored.tags, [{ tagKey: 'team', tagValue: 'web' }, { tagKey: 'cost-center', tagValue: '42' }]);

  const waited = await cli(['wait', 'event-tracker-active', '--event-tracker-arn', eventTrackerArn, '--delay', '0.02']);
  assert.deepEqual([waited.code, waited.stdout, waited.stderr], [0, '', '']);

  const events = [
    { eventType: 'click', sentAt: '2026-11-26T10:00:00.250Z', itemId: 'item-1', properties: '{"color":"red"}' },
    { eventType: 'view', sentAt: 1764151200, itemId: 'item-2', eventValue: 1.5, impression: ['item-2', 'item-3'] },
    { eventType: 'buy', sentAt: '2026-11-26T12:00:00+02:00', eventId: 'e-3' },
  ];
  writeFileSync(join(home, 'events.json'), JSON.stringify(events));
  // file://, shorthand and inline JSON.
  const [put, short, inline, badDelay] = await Promise.all([
    cli(['put-events', '--tracking-id', trackingId, '--session-id', 'session-1', '--user-id', 'user-1', '--event-list', 'file://events.json']),
    cli(['put-events', '--tracking-id', trackingId, '--session-id', 'session-2',
      '--event-list', 'eventType=like,sentAt=2026-11-26T13:00:00Z,eventValue=2,impression=[a,b]']),
    cli(['put-events', '--tracking-id', trackingId, '--session-id', 'session-3', '--event-list', '[{"eventType":"share","sentAt":1764151201.5}]']),
    cli(['wait', 'event-tracker-active', '--event-tracker-arn', eventTrackerArn, '--delay', '0']),
  ]);
  // The output is the eventIds used: the given one kept, the others derived from the events.
  assert.deepEqual([put.code, put.stderr], [0, '']);
  const { eventIds } = JSON.parse(put.stdout);
  assert.equal(eventIds.length, 3);
  assert.match(eventIds[0], UUID);
  assert.match(eventIds[1], UUID);
  assert.equal(eventIds[2], 'e-3');
  assert.equal(badDelay.code, 252);
  assert.match(badDelay.stderr, /argument --delay: must be a positive number of seconds/);
  assert.equal(short.code, 0, short.stderr);
  assert.equal(inline.code, 0, inline.stderr);

  const received = (await admin(`events?trackingId=${encodeURIComponent(trackingId)}`)).events;
  // (An eventId the client generated for events sent without one is left out of the comparison.)
  const withoutGeneratedId = ({ eventId, ...rest }) => (eventId === undefined || UUID.test(eventId) ? rest : { eventId, ...rest });
  const bySession = (s) => received.filter((e) => e.sessionId === s).map((e) => withoutGeneratedId(e.event));
  assert.deepEqual(bySession('session-1'), [
    { eventType: 'click', sentAt: Date.parse('2026-11-26T10:00:00.250Z') / 1000, itemId: 'item-1', properties: '{"color":"red"}' },
    { eventType: 'view', sentAt: 1764151200, itemId: 'item-2', eventValue: 1.5, impression: ['item-2', 'item-3'] },
    { eventType: 'buy', sentAt: Date.parse('2026-11-26T10:00:00Z') / 1000, eventId: 'e-3' },
  ]);
  assert.ok(received.filter((e) => e.sessionId === 'session-1').every((e) => e.userId === 'user-1'));
  assert.deepEqual(bySession('session-2'), [{ eventType: 'like', sentAt: Date.parse('2026-11-26T13:00:00Z') / 1000, eventValue: 2, impression: ['a', 'b'] }]);
  assert.deepEqual(bySession('session-3'), [{ eventType: 'share', sentAt: 1764151201.5 }]);

  const [listed, listedText, described] = await Promise.all([
    cli(['list-event-trackers', '--dataset-group-arn', dg]),
    cli(['list-event-trackers', '--dataset-group-arn', dg, '--output', 'text']),
    cli(['describe-event-tracker', '--event-tracker-arn', eventTrackerArn]),
  ]);
  assert.equal(listed.code, 0, listed.stderr);
  const list = JSON.parse(listed.stdout);
  assert.deepEqual(Object.keys(list), ['eventTrackers']);
  assert.deepEqual(list.eventTrackers.map((t) => [t.name, t.eventTrackerArn, t.status]), [['cli-clicks', eventTrackerArn, 'ACTIVE']]);
  const summary = list.eventTrackers[0];
  assert.deepEqual(Object.keys(summary), ['name', 'eventTrackerArn', 'status', 'creationDateTime', 'lastUpdatedDateTime']);
  assert.equal(listedText.stdout,
    `EVENTTRACKERS\t${summary.creationDateTime}\t${eventTrackerArn}\t${summary.lastUpdatedDateTime}\tcli-clicks\tACTIVE\n`);

  // describe: exactly the AWS CLI's JSON, timestamps as ISO 8601 with microseconds and the offset.
  const state = (await admin('state')).eventTrackers.find((t) => t.eventTrackerArn === eventTrackerArn);
  assert.equal(described.stdout, `{
    "eventTracker": {
        "name": "cli-clicks",
        "eventTrackerArn": "${eventTrackerArn}",
        "accountId": "123456789012",
        "trackingId": "${trackingId}",
        "datasetGroupArn": "${dg}",
        "status": "ACTIVE",
        "creationDateTime": "${isoUtc(state.creationDateTime)}",
        "lastUpdatedDateTime": "${isoUtc(state.lastUpdatedDateTime)}"
    }
}
`);

  const deleted = await cli(['delete-event-tracker', '--event-tracker-arn', eventTrackerArn]);
  assert.deepEqual([deleted.code, deleted.stdout, deleted.stderr], [0, '', '']);
  const gone = await cli(['wait', 'event-tracker-deleted', '--event-tracker-arn', eventTrackerArn, '--delay', '0.02']);
  assert.deepEqual([gone.code, gone.stdout, gone.stderr], [0, '', '']);

  // 254: a service error, with the AWS CLI's exact message on stderr.
  const missing = await cli(['describe-event-tracker', '--event-tracker-arn', eventTrackerArn]);
  assert.equal(missing.code, 254);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr, `\nAn error occurred (ResourceNotFoundException) when calling the DescribeEventTracker operation: Could not find resource with ARN ${eventTrackerArn}\n`);
});

test('output formats: exact json, text, and timestamps in the local time zone with its offset', async () => {
  const dg = emu.demoDatasetGroupArn;
  const [json, text, kolkata] = await Promise.all([
    cli(['describe-dataset-group', '--dataset-group-arn', dg]),
    cli(['describe-dataset-group', '--dataset-group-arn', dg, '--output', 'text']),
    cli(['describe-dataset-group', '--dataset-group-arn', dg], { env: { TZ: 'Asia/Kolkata' } }),
  ]);
  const state = (await admin('state')).datasetGroups.find((g) => g.datasetGroupArn === dg);
  const created = isoUtc(state.creationDateTime);
  const updated = isoUtc(state.lastUpdatedDateTime);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(json.stdout, `{
    "datasetGroup": {
        "name": "demo-dataset-group",
        "datasetGroupArn": "${dg}",
        "status": "ACTIVE",
        "creationDateTime": "${created}",
        "lastUpdatedDateTime": "${updated}"
    }
}
`);
  // Text: the section name upper-cased, then the scalars in key order, tab-separated.
  assert.equal(text.stdout, `DATASETGROUP\t${created}\t${dg}\t${updated}\tdemo-dataset-group\tACTIVE\n`);
  // The same instant in UTC+05:30.
  const local = JSON.parse(kolkata.stdout).datasetGroup.creationDateTime;
  assert.match(local, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+05:30$/);
  assert.equal(Date.parse(local), Date.parse(created));
});

test('pagination like the AWS CLI: all pages, --max-items with NextToken, --starting-token, --no-paginate', async () => {
  // Set up (and clean up) with the library itself; the CLI only lists.
  const names = ['page-a', 'page-b', 'page-c', 'page-d'];
  const made = await Promise.all(names.map((name) => library.createDatasetGroup({ name, domain: 'ECOMMERCE' })));

  const [all, first, noPaginate, text] = await Promise.all([
    cli(['list-dataset-groups', '--page-size', '2']),
    cli(['list-dataset-groups', '--max-items', '3', '--page-size', '2']),
    cli(['list-dataset-groups', '--no-paginate', '--page-size', '2']),
    cli(['list-dataset-groups', '--max-items', '1', '--output', 'text']),
  ]);
  const allNames = JSON.parse(all.stdout).datasetGroups.map((g) => g.name);
  assert.ok(allNames.length >= 5, all.stdout);
  assert.ok(names.every((n) => allNames.includes(n)));
  assert.equal(JSON.parse(all.stdout).NextToken, undefined);

  const page1 = JSON.parse(first.stdout);
  assert.deepEqual(Object.keys(page1), ['datasetGroups', 'NextToken']);
  assert.equal(page1.datasetGroups.length, 3);
  const rest = await cli(['list-dataset-groups', '--starting-token', page1.NextToken, '--page-size', '2']);
  assert.equal(rest.code, 0, rest.stderr);
  const page2 = JSON.parse(rest.stdout);
  assert.equal(page2.NextToken, undefined);
  assert.deepEqual([...page1.datasetGroups, ...page2.datasetGroups].map((g) => g.name), allNames);

  const raw = JSON.parse(noPaginate.stdout);
  assert.equal(raw.datasetGroups.length, 2);
  assert.equal(typeof raw.nextToken, 'string', 'one call: the service nextToken is printed as is');

  const lines = text.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2, text.stdout);
  assert.match(lines[0], /^DATASETGROUPS\t/);
  assert.match(lines[1], /^NEXTTOKEN\t\S+$/);

  // delete-dataset-group through the CLI for one of them: no output, exit 0.
  const deleted = await cli(['delete-dataset-group', '--dataset-group-arn', made[0].datasetGroupArn]);
  assert.deepEqual([deleted.code, deleted.stdout, deleted.stderr], [0, '', '']);
  await Promise.all(made.slice(1).map(({ datasetGroupArn }) => library.deleteDatasetGroup({ datasetGroupArn })));
});

test('--debug: canonical request, string to sign and headers on stderr; never the secret or the token', async () => {
  const env = { AWS_ACCESS_KEY_ID: TEMP.accessKeyId, AWS_SECRET_ACCESS_KEY: TEMP.secretAccessKey, AWS_SESSION_TOKEN: TEMP.sessionToken };
  const [debug, failing] = await Promise.all([
    cli(['--debug', 'list-dataset-groups', '--max-items', '1'], { env }),
    // A rejected signature also logs, and still never shows the secret.
    cli(['--debug', 'describe-dataset-group', '--dataset-group-arn', emu.demoDatasetGroupArn], { env: { ...env, AWS_SECRET_ACCESS_KEY: `${TEMP.secretAccessKey}x` } }),
  ]);
  assert.equal(debug.code, 0, debug.stderr);
  assert.equal(JSON.parse(debug.stdout).datasetGroups.length, 1);
  const err = debug.stderr;
  const canonical = /CanonicalRequest:\n([\s\S]*?)\n\S+ \S+ - personalize-wasm - DEBUG - StringToSign:\n(AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/personalize\/aws4_request\n([0-9a-f]{64}))\n/.exec(err);
  assert.ok(canonical, err);
  assert.match(canonical[1], /^POST\n\/\n\n/);
  assert.match(canonical[1], /\nx-amz-target:AmazonPersonalize\.ListDatasetGroups\n/);
  assert.match(canonical[1], /\nx-amz-security-token:<redacted>\n/);
  assert.match(err, /\nAuthorization: AWS4-HMAC-SHA256 Credential=ASIAQEXAMPLETEMPKEY1\/\d{8}\/us-east-1\/personalize\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}\n/);
  assert.match(err, /\nX-Amz-Security-Token: <redacted>\n/);
  assert.match(err, /Response: HTTP 200/);
  // The string to sign really is over the canonical request shown (token redacted back in).
  const real = canonical[1].replace('x-amz-security-token:<redacted>', `x-amz-security-token:${TEMP.sessionToken}`);
  assert.equal(createHash('sha256').update(real).digest('hex'), canonical[3]);

  assert.equal(failing.code, 254);
  assert.match(failing.stderr, /CanonicalRequest:/);
  assert.match(failing.stderr, /An error occurred \(InvalidSignatureException\) when calling the DescribeDatasetGroup operation/);
  for (const run of [debug, failing]) {
    const all = run.stdout + run.stderr;
    assert.ok(!all.includes(TEMP.secretAccessKey), 'the secret access key is never printed');
    assert.ok(!all.includes(TEMP.secretAccessKey.slice(0, 20)), 'not even part of it');
    assert.ok(!all.includes(TEMP.sessionToken), 'the session token is redacted');
  }
});

test('--profile and AWS_PROFILE read the shared files in HOME; an explicit --profile beats env credentials', async () => {
  const noEnv = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: undefined };
  const [viaFlag, viaEnv, overEnv, json] = await Promise.all([
    cli(['--profile', 'cli-test', 'describe-dataset-group', '--dataset-group-arn', emu.demoDatasetGroupArn], { env: noEnv }),
    cli(['describe-dataset-group', '--dataset-group-arn', emu.demoDatasetGroupArn], { env: { ...noEnv, AWS_PROFILE: 'cli-test' } }),
    cli(['--profile', 'cli-test', 'describe-dataset-group', '--dataset-group-arn', emu.demoDatasetGroupArn],
      { env: { AWS_ACCESS_KEY_ID: 'AKIDNOTVALIDEXAMPLE1', AWS_SECRET_ACCESS_KEY: 'not-the-secret', AWS_REGION: undefined } }),
    cli(['--profile', 'cli-test', '--output', 'json', 'describe-dataset-group', '--dataset-group-arn', emu.demoDatasetGroupArn], { env: noEnv }),
  ]);
  for (const r of [viaFlag, viaEnv, overEnv, json]) assert.equal(r.code, 0, r.stderr);
  // The profile says `output = text`; --output overrides it.
  assert.match(viaFlag.stdout, /^DATASETGROUP\t\S+\tarn:aws:personalize:us-east-1:123456789012:dataset-group\/demo-dataset-group\t/);
  assert.equal(viaEnv.stdout, viaFlag.stdout);
  assert.equal(overEnv.stdout, viaFlag.stdout);
  assert.equal(JSON.parse(json.stdout).datasetGroup.name, 'demo-dataset-group');
  const requests = (await admin('requests')).requests.filter((r) => r.operation === 'DescribeDatasetGroup');
  assert.ok(requests.every((r) => r.accessKeyId !== 'AKIDNOTVALIDEXAMPLE1'));
});

test('--cli-input-json (inline and file://), explicit parameters win', async () => {
  writeFileSync(join(home, 'input.json'), JSON.stringify({ name: 'from-file', domain: 'VIDEO_ON_DEMAND' }));
  const [fromFile, overridden, bad, unknownMember] = await Promise.all([
    cli(['create-dataset-group', '--cli-input-json', 'file://input.json']),
    cli(['create-dataset-group', '--cli-input-json', '{"name": "from-json", "domain": "VIDEO_ON_DEMAND"}', '--name', 'from-flag']),
    cli(['describe-dataset-group', '--cli-input-json', '{"datasetGroupArn": ']),
    cli(['describe-dataset-group', '--cli-input-json', `{"datasetGroupArn": "${emu.demoDatasetGroupArn}", "extra": 1}`]),
  ]);
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.deepEqual(JSON.parse(fromFile.stdout), { datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/from-file', domain: 'VIDEO_ON_DEMAND' });
  assert.equal(overridden.code, 0, overridden.stderr);
  assert.equal(JSON.parse(overridden.stdout).datasetGroupArn, 'arn:aws:personalize:us-east-1:123456789012:dataset-group/from-flag');
  assert.equal(bad.code, 252);
  assert.match(bad.stderr, /Error parsing parameter 'cli-input-json': Invalid JSON received/);
  assert.equal(unknownMember.code, 252);
  assert.match(unknownMember.stderr, /Parameter validation failed:\nInvalid value for parameter extra, is not a member of DescribeDatasetGroupRequest/);
  const input = await cli(['describe-dataset-group', '--cli-input-json', `{"datasetGroupArn": "${emu.demoDatasetGroupArn}"}`, '--output', 'text']);
  assert.equal(input.code, 0, input.stderr);
  assert.match(input.stdout, /^DATASETGROUP\t/);
});

test('tests/live.mjs skips plainly (exit 0) without credentials, region and PERSONALIZE_DATASET_GROUP_ARN', async () => {
  const live = (env) => runToExit([process.execPath, join(ROOT, 'tests', 'live.mjs')], { env: { PATH: process.env.PATH, HOME: home, ...env } });
  const skip = 'live check skipped: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), AWS_REGION and PERSONALIZE_DATASET_GROUP_ARN to run it\n';
  const before_ = await stats();
  const results = await Promise.all([
    live({}),
    // Credentials and region (a profile) but no dataset group: still skipped, nothing sent.
    live({ AWS_PROFILE: 'cli-test', AWS_ENDPOINT_URL: emu.url }),
    // A dataset group but no credentials.
    live({ AWS_REGION: 'us-east-1', PERSONALIZE_DATASET_GROUP_ARN: emu.demoDatasetGroupArn, AWS_ENDPOINT_URL: emu.url }),
  ]);
  for (const r of results) assert.deepEqual(r, { code: 0, stdout: skip, stderr: '' });
  assert.equal(await stats(), before_);
});
