// Writes the seed corpora in tests/fuzz/corpus/<target>/ (run from anywhere: node
// tests/fuzz/make_seeds.mjs). Seeds are small meaningful inputs in each target's layout (see the
// comment at the top of each fuzz_*.c); files other fuzzing runs merged in are left alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../wasm/model.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/my-group';
const TRACKER_ARN = 'arn:aws:personalize:us-east-1:123456789012:event-tracker/tr-1';
const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeRole';
const KMS = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8')
  : Buffer.isBuffer(p) ? p : Buffer.from(p))));
const fields = (...f) => bytes(...f.flatMap((x, i) => (i > 0 ? [[0], x] : [x])));
const json = (v) => Buffer.from(JSON.stringify(v), 'utf8');

function write(target, name, data) {
  const dir = join(here, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  if (data.length > 4096) throw new Error(`${target}/${name} is over 4 KB`);
  const digest = createHash('sha1').update(data).digest('hex').slice(0, 8);
  writeFileSync(join(dir, `${name}-${digest}`), data);
}

// ---- fuzz_validate: JSON text, or byte 0 (layout | flags << 3) and NUL-separated fields ----------
const putEvents = {
  trackingId: 'tid-1', sessionId: 'session-1', userId: 'user-1',
  eventList: [{
    eventType: 'click', sentAt: 1700000000.123, eventId: 'e1', eventValue: 4.5, itemId: 'item-1',
    properties: { color: 'red', n: 1, nested: { list: [1, 'two', null, true] } },
    recommendationId: 'rec-1', impression: ['item-1', 'item-2'],
    metricAttribution: { eventAttributionSource: 'email campaign' },
  }, { eventType: 'watch', sentAt: 0, properties: '{"s":"a string holding an object"}' }],
};
const validate = {
  'create-event-tracker': json({ name: 'tracker-1', datasetGroupArn: ARN, tags: [{ tagKey: 'team', tagValue: 'recs' }] }),
  'create-dataset-group': json({ name: 'dg_1', roleArn: ROLE, kmsKeyArn: KMS, domain: 'ECOMMERCE', tags: [] }),
  'list-event-trackers': json({ datasetGroupArn: ARN, nextToken: 'abc==', maxResults: 50 }),
  'describe-tracker': json({ eventTrackerArn: TRACKER_ARN }),
  'put-events': json(putEvents),
  'bad-everything': json({ name: '-bad name', datasetGroupArn: 'arn:aws:s3:::bucket', tags: [{ tagKey: 'aws:x', tagValue: 'v\n' }, {}], extra: 1 }),
  'unicode-tags': json({ name: 'n', datasetGroupArn: ARN, tags: [{ tagKey: 'café ünï 数据 ٣', tagValue: 'AWS:value' }] }),
  'lone-surrogate-nul': bytes('{"name":"a\\ud800b","datasetGroupArn":"x\\u0000y","tags":[{"tagKey":"\\udc00","tagValue":"\\ud83d\\ude00"}]}'),
  'numbers': bytes('{"datasetGroupArn":null,"maxResults":1e2,"nextToken":"\\u00e9"}'),
  'wrong-types': json({ trackingId: 1, sessionId: [], eventList: { a: 1 }, userId: false }),
  'not-json': bytes('{"name": "tracker", '),
  'structured-cet': bytes([0], fields('tracker', ARN, 'team', 'recs', 'aws:key', '')),
  'structured-cdg': bytes([1], fields('dg', ROLE, KMS, 'VIDEO_ON_DEMAND', 'k', 'v')),
  'structured-let': bytes([2], fields(ARN, 'token', '100')),
  'structured-put-events': bytes([3], fields('tid', 'sid', 'uid', 'click', '1700000000', 'item', '1.5', '{"a":1}', 'rec', 'source')),
  'structured-invalid-utf8': bytes([0 | (4 << 3)], fields(bytes([0xC3, 0x28]), bytes('arn:aws:personalize:x:y:', [0xE2, 0x80, 0xA8]), bytes([0xED, 0xA0, 0x80]), bytes([0xF4, 0x90, 0x80, 0x80]))),
  'structured-raw-numbers': bytes([2 | (2 << 3)], fields(ARN, 'x', '1e400')),
  'structured-wrong': bytes([7 | (31 << 3)], fields('', 'sid', 'click', '-1', '', 'NaN', '{', '', '')),
};
for (const [name, data] of Object.entries(validate)) write('fuzz_validate', name, data);

// One seed per operation of the model with every input member present (each of its type, the
// shortest allowed length, the first enum value), so that new operations and members are fuzzed.
const model = loadModel();
function skeleton(shapeName) {
  const s = model.shapes[shapeName];
  switch (s.type) {
    case 'structure': return Object.fromEntries(Object.entries(s.members).map(([m, n]) => [m, skeleton(n)]));
    case 'list': return [skeleton(s.member)];
    case 'integer': return s.min ?? 1;
    case 'float': return 1.5;
    case 'timestamp': return 1700000000;
    default: return s.enum ? s.enum[0] : 'x'.repeat(Math.max(1, s.min ?? 1));
  }
}
for (const [op, o] of Object.entries(model.operations)) {
  write('fuzz_validate', `model-${op}`, json(skeleton(o.input)));
  write('fuzz_payload', `model-${op}`, json(skeleton(o.input)));
}

// ---- fuzz_response: status (2 bytes), flags, then errortype \0 request id \0 body --------------
const ET = 1, RID = 2, AMZRID = 4, ODD = 8, EXTRA = 16;
const resp = (status, flags, errorType, requestId, body) =>
  bytes([status >> 8, status & 255, flags], fields(errorType, requestId, body));
const response = {
  'ok-create-tracker': resp(200, RID, '', 'req-1', json({ eventTrackerArn: TRACKER_ARN, trackingId: 'tid' })),
  'ok-empty-delete': resp(200, RID | EXTRA, '', 'req-2', ''),
  'ok-list-numbers': resp(200, 0, '', '', bytes('{"eventTrackers":[{"creationDateTime":1.7e9,"n":-0,"big":12345678901234567890,"e":1E-7}],"nextToken":null}')),
  'ok-bom-unicode': resp(200, AMZRID, '', 'r', bytes([0xEF, 0xBB, 0xBF], '{"eventTrackerArn":"é\\ud83d\\ude00","trackingId":"\\u00e9"}')),
  'ok-truncated': resp(200, 0, '', '', '{"eventTrackerArn":"ar'),
  'ok-not-object': resp(200, 0, '', '', '[1,2,3]'),
  'ok-missing-member': resp(201, 0, '', '', '{"trackingId":"t"}'),
  'ok-trailing': resp(204, 0, '', '', '{}  \r\n'),
  'err-header': resp(400, ET | RID, 'ResourceNotFoundException:http://internal.amazon.com/', 'req-3', '{"message":"no such tracker"}'),
  'err-type-hash': resp(400, 0, '', '', '{"__type":"a#B:c","message":"m"}'),
  'err-type-ns': resp(400, RID | ODD, '', 'id', '{"__type":"com.amazonaws.personalize#LimitExceededException","Message":"too many"}'),
  'err-code': resp(429, 0, '', '', '{"code":"ThrottlingException, extra","message":""}'),
  'err-html': resp(502, 0, '', '', '<html><body>Bad gateway</body></html>'),
  'err-empty': resp(503, ET | ODD | EXTRA, '  #Weird#Name  ', '', ''),
  'err-control': resp(400, 0, '', '', bytes('{"message":"tab\there","__type":"X"}')),
  'err-odd-status': bytes([0xFF, 1, ET | RID], fields(bytes([0xC3, 0x28]), bytes([0xFF, 0xFE]), '{"message":"m"}')),
  'short-body': bytes('{}'),
};
for (const [name, data] of Object.entries(response)) write('fuzz_response', name, data);

// ---- fuzz_sigv4: flags, then method, path, query, region, service, secret, akid, token, date,
// body, header names and values -------------------------------------------------------------------
const NORM = 1, SIGN_BODY = 2, OMIT = 4, TOKEN = 8, DATE = 16, CLEAR = 64, EXPORT = 128;
const sig = (flags, { method = 'GET', path = '/', query = '', region = '', service = '', secret = '', akid = '',
  token = '', date = '', body = '', headers = [['Host', 'example.amazonaws.com']] } = {}) =>
  bytes([flags], fields(method, path, query, region, service, secret, akid, token, date, body, ...headers.flat()));
const sigv4 = {
  'get-vanilla': sig(NORM | EXPORT),
  'query-order': sig(NORM, { query: 'Param2=value2&Param1=value1&Param1=value0&a=&b' }),
  'query-encoding': sig(NORM | EXPORT, { query: 'k%2a=%41%zz&%E1%88%B4=ሴ&X-Amz-Signature=abc&=&&sp ace=a+b' }),
  'path-normalize': sig(NORM | EXPORT, { path: '/example/../..//./foo/./bar/%20x/ሴ/' }),
  'path-raw': sig(EXPORT, { path: '/a//b/../c/./d e' }),
  'headers-trim-dupes': sig(NORM | CLEAR | EXPORT, { headers: [['Host', 'example.amazonaws.com'], ['My-Header1', '  value1  a   b  '], ['my-header1', 'value2'], ['X-Amz-Date', 'x'], ['User-Agent', 'ua'], ['Authorization', 'old'], ['sec-fetch', 's'], ['ZZ', '\t\n']] }),
  'post-body-token': sig(NORM | SIGN_BODY | TOKEN | EXPORT, { method: 'POST', body: 'Param1=value1', token: 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==', headers: [['Host', 'example.amazonaws.com'], ['Content-Type', 'application/x-www-form-urlencoded'], ['X-Amz-Security-Token', 'stale']] }),
  'omit-token-unsigned-payload': sig(NORM | TOKEN | OMIT | EXPORT, { token: 'tok', headers: [['host', 'h'], ['x-amz-content-sha256', 'UNSIGNED-PAYLOAD']] }),
  'long-region-secret': sig(NORM | DATE | EXPORT, { region: 'r'.repeat(70), service: 's'.repeat(64), secret: 'S'.repeat(100), akid: 'AKID', date: '20261126T000000Z' }),
  'bad-date': sig(DATE | EXPORT, { date: '2015-08-30T12:36:00Z' }),
  'empty-everything': sig(32 | EXPORT, { method: '', path: '', headers: [] }),
  'binary': bytes([NORM | EXPORT], fields('G\xffT', bytes([0x2F, 0xC3, 0x28, 0x2F, 0x2E, 0x2E]), bytes([0x3D, 0x80, 0x26]), '', '', '', '', '', '', bytes([0, 1, 2]), bytes([0x48, 0xFF]), bytes([0x09, 0x7F]))),
};
for (const [name, data] of Object.entries(sigv4)) write('fuzz_sigv4', name, data);

// ---- fuzz_payload: JSON text ---------------------------------------------------------------------
const payload = {
  'put-events': json(putEvents),
  'put-events-min': json({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'e', sentAt: 1 }] }),
  'put-events-numbers': bytes('{"trackingId":"t","sessionId":"s","eventList":[{"eventType":"e","sentAt":1700000000.1234567,"eventValue":5e-324},{"eventType":"e","sentAt":253402300799,"eventValue":-0.0000001},{"eventType":"e","sentAt":1E3,"eventValue":123456789012345678901234567890}]}'),
  'put-events-props': bytes('{"trackingId":"t","sessionId":"s","userId":null,"eventList":[{"eventType":"e","sentAt":2,"properties":{"a\\"b":"c\\\\d\\u0001","ü":[1.5e300,-1e-300,true,false,null,{}],"emoji":"\\ud83d\\ude00"},"impression":["i"]}]}'),
  'put-events-invalid': json({ trackingId: '', sessionId: 's', eventList: [], extra: 1 }),
  'create-event-tracker': json({ name: 'tracker-1', datasetGroupArn: ARN, tags: [{ tagKey: 'k', tagValue: '' }] }),
  'create-dataset-group': json({ name: 'dg', roleArn: ROLE, kmsKeyArn: KMS, domain: 'VIDEO_ON_DEMAND' }),
  'list-dataset-groups': json({ maxResults: 100, nextToken: 'tok' }),
  'list-event-trackers-null': bytes('{"datasetGroupArn":null,"maxResults":1.0}'),
};
for (const [name, data] of Object.entries(payload)) write('fuzz_payload', name, data);

// ---- fuzz_endpoint: the endpoint URL -------------------------------------------------------------
const endpoints = {
  'localhost': 'http://localhost:4566', 'ipv4-short': 'http://127.1:4566', 'ipv4-number': 'http://2130706433',
  'ipv4-hex-octal': 'http://0x7f.0.0.0177.', 'name-case-port': 'HTTPS://Proxy.Example.COM:0443/base/path//',
  'ipv6': 'http://[0:0:0:0:0:0:0:1]:8080/p', 'ipv6-compress': 'https://[2001:DB8:0:0:1:0:0:1]',
  'trailing-dot': 'http://example.com.:80', 'userinfo': 'http://u:p@h', 'query': 'http://h/?q#f',
  'path-chars': "http://h/a~b/c:d@e!$&'()*+,;=/...", 'dots': 'http://h/a/../b', 'idn': 'http://xn--bcher-kva.example',
  'percent': 'http://%31%32%37.1/%2e', 'bad-ipv4': 'http://1.2.3.4.5', 'backslash': 'http:\\\\h',
};
for (const [name, url] of Object.entries(endpoints)) write('fuzz_endpoint', name, Buffer.from(url, 'utf8'));
