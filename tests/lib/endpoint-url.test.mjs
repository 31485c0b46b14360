// The signed Host is the Host that is sent: custom endpoints are read the way
// WHATWG URL parsing reads them (Node's URL, what fetch sends), or refused with an EndpointError
// naming the rule; upper-case regions are lower-cased for the URL and the signing scope alike.
// Through the real glue and .wasm; the last tests call the local endpoint over 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { resolveEndpoint, PersonalizeClient } from '../../web/lib/personalize.mjs';
import { mulberry32 } from '../local-endpoint/runtime/prng.mjs';
import { DEMO, cleanEnv, localEndpointFor, runToExit } from '../helpers/local-endpoint.mjs';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const OK = '{"datasetGroups":[]}';

/** What fetch would make of the URL: its host, or null when URL parsing refuses it. */
function urlHost(input) {
  try {
    return new URL(input).host;
  } catch {
    return null;
  }
}

/** The request a client builds for the endpoint: the URL handed to fetch and the signed Host. */
async function sent(endpoint, region = 'us-east-1') {
  let url;
  const client = new PersonalizeClient({
    region, endpoint, credentials: CREDENTIALS, maxAttempts: 1,
    fetch: async (u) => { url = u; return new Response(OK, { status: 200 }); },
  });
  await client.listDatasetGroups({});
  const host = client.lastRequest.headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
  return { url, host, canonicalRequest: client.lastRequest.canonicalRequest, authorization: client.lastRequest.headers.find(([n]) => n === 'Authorization')[1] };
}

/**
 * The rule, for one endpoint: either resolveEndpoint refuses it with an EndpointError that names
 * the endpoint's rule, or URL parsing accepts it too and the resolved URL, the URL fetch is given
 * and the signed Host all have the host URL parsing gives. Returns 'rejected' or 'accepted'.
 */
async function checkEndpoint(input) {
  const what = JSON.stringify(input);
  let resolved;
  try {
    resolved = await resolveEndpoint({ region: 'us-east-1', endpoint: input });
  } catch (err) {
    assert.equal(err.name, 'EndpointError', `${what}: ${err.message}`);
    assert.match(err.message, /^Invalid Configuration: endpoint /, `${what}: the message names the endpoint`);
    return 'rejected';
  }
  const expected = urlHost(input);
  assert.notEqual(expected, null, `${what} was accepted (as ${resolved.url}), but URL parsing refuses it`);
  assert.equal(new URL(resolved.url).host, expected, `${what}: resolved to ${resolved.url}`);
  assert.equal(new URL(resolved.url).href.replace(/\/$/, ''), resolved.url.replace(/\/$/, ''), `${what}: ${resolved.url} is not in URL's canonical form`);
  const request = await sent(input);
  assert.equal(request.host, expected, `${what}: the signed Host`);
  assert.equal(new URL(request.url).host, expected, `${what}: the URL fetch is given (${request.url})`);
  assert.equal(new URL(request.url).href, request.url, `${what}: fetch would send another URL than ${request.url}`);
  assert.ok(request.canonicalRequest.includes(`\nhost:${expected}\n`), `${what}: the canonical request's host line`);
  // The path signed is the path sent: the endpoint's path (without trailing slashes), then '/'.
  assert.equal(new URL(request.url).pathname, `${new URL(input).pathname.replace(/\/+$/, '')}/`, `${what}: the path`);
  return 'accepted';
}

// The known tricky spellings and the kinds fuzzing turns up; [input, 'accepted' | 'rejected'].
const TABLE = [
  // the issue: IPv4 shorthand, and the forms around it
  ['http://127.1:4566', 'accepted'],
  ['http://2130706433:4566', 'accepted'],
  ['http://0x7f.0.0.1:4566', 'accepted'],
  ['http://0177.0.0.1:4566', 'accepted'],
  ['http://0x7F000001/', 'accepted'],
  ['http://127.0.0.1.:4566', 'accepted'],
  ['http://1.256', 'accepted'],
  ['http://0x', 'accepted'],
  ['http://4294967295', 'accepted'],
  ['http://1.2.3.4x', 'accepted'],
  ['http://4294967296', 'rejected'],
  ['http://1.2.3.4.5', 'rejected'],
  ['http://1.2.3.09', 'rejected'],
  ['http://256.0.0.1', 'rejected'],
  ['http://a.09', 'rejected'],
  // letter case, default ports, odd ports
  ['HTTP://LOCALHOST:4566', 'accepted'],
  ['hTtPs://Example.COM:443/Base/', 'accepted'],
  ['http://example.com:80', 'accepted'],
  ['https://example.com:80', 'accepted'],
  ['http://example.com:443', 'accepted'],
  ['http://example.com:0080', 'accepted'],
  ['http://example.com:', 'accepted'],
  ['http://example.com:0', 'rejected'],
  ['http://example.com:65536', 'rejected'],
  ['http://example.com:+80', 'rejected'],
  // trailing dots and labels
  ['http://example.com.', 'accepted'],
  ['http://example.com.:8080/', 'accepted'],
  ['http://example.com..', 'rejected'],
  ['http://.example.com', 'rejected'],
  ['http://a_b-c.example', 'accepted'],
  // IPv6
  ['http://[::1]:4566', 'accepted'],
  ['http://[0:0:0:0:0:0:0:1]:4566', 'accepted'],
  ['http://[1:0:0:2:0:0:0:3]', 'accepted'],
  ['http://[2001:DB8::1]', 'accepted'],
  ['http://[::]', 'accepted'],
  ['http://[1:2:3:4:5:6:7::]', 'accepted'],
  ['http://[::ffff:127.0.0.1]', 'rejected'],
  ['http://[::1%25lo]', 'rejected'],
  ['http://[1::2::3]', 'rejected'],
  ['http://[::1', 'rejected'],
  // userinfo, queries, fragments, spaces, backslashes, slashes
  ['http://user:pass@example.com', 'rejected'],
  ['http://@example.com', 'rejected'],
  ['http://example.com?x=1', 'rejected'],
  ['http://example.com/#top', 'rejected'],
  ['http://example.com?', 'rejected'],
  [' http://example.com', 'rejected'],
  ['http://example.com /', 'rejected'],
  ['http://exa mple.com', 'rejected'],
  ['http://example.com/a b', 'rejected'],
  ['http://example.com\t', 'rejected'],
  ['http:\\\\example.com', 'rejected'],
  ['http://example.com\\base', 'rejected'],
  ['http:example.com', 'rejected'],
  ['http:/example.com', 'rejected'],
  ['http:///example.com', 'rejected'],
  ['ftp://example.com', 'rejected'],
  ['example.com', 'rejected'],
  // paths
  ['http://example.com/base', 'accepted'],
  ['http://example.com/a/b//', 'accepted'],
  ["http://example.com/a~b/c:d@e!$&'()*+,;=", 'accepted'],
  ['http://example.com/a/./b', 'rejected'],
  ['http://example.com/a/../b', 'rejected'],
  ['http://example.com/a/%2e%2e/b', 'rejected'],
  ['http://example.com/%7e', 'rejected'],
  ['http://example.com/{x}', 'rejected'],
  ['http://example.com/ü', 'rejected'],
  // percent-encoding and IDN in the host
  ['http://%31%32%37.1', 'rejected'],
  ['http://ex%41mple.com', 'rejected'],
  ['http://a%2fb', 'rejected'],
  ['http://bücher.example', 'rejected'],
  ['http://xn--bcher-kva.example', 'rejected'],
  ['http://ex*ample.com', 'rejected'],
  ['http://exa<mple.com', 'rejected'],
];

test('custom endpoints: each is refused, or resolved, sent and signed with the host URL parsing gives', async () => {
  for (const [input, outcome] of TABLE) assert.equal(await checkEndpoint(input), outcome, JSON.stringify(input));
});

test('the refusals name the rule broken and never quote the endpoint (it may hold a password)', async () => {
  const cases = [
    ['http://user:secret-pw@example.com', /user name or password/],
    ['http://4294967296', /ends in a number but is not an IPv4 address/],
    ['http://[::1%25lo]', /IPv6/],
    ['http://xn--bcher-kva.example', /internationalized/],
    ['http://example.com:65536', /port must be 1 to 65535/],
    ['http://example.com/a/../b', /\. or \.\. segments/],
    ['http://example.com?secret-pw', /query \(\?\) or fragment \(#\)/],
  ];
  for (const [input, rule] of cases) {
    await assert.rejects(resolveEndpoint({ endpoint: input }), (err) => {
      assert.equal(err.name, 'EndpointError');
      assert.match(err.message, rule);
      assert.ok(!err.message.includes('secret-pw') && !err.message.includes('example.com'), err.message);
      return true;
    });
    // A client refuses it before sending anything.
    let calls = 0;
    const client = new PersonalizeClient({ region: 'us-east-1', endpoint: input, credentials: CREDENTIALS, fetch: async () => { calls++; return new Response(OK); } });
    await assert.rejects(client.listDatasetGroups({}), { name: 'EndpointError' });
    assert.equal(calls, 0);
  }
});

test('5,000 generated endpoints: each is refused, or has the host URL parsing gives', async (t) => {
  const rand = mulberry32(10);
  // Mostly pieces an endpoint may have, some that it may not: both sides of the rule are reached.
  const pick = ([usual, odd], pOdd = 0.12) => { const list = rand() < pOdd ? odd : usual; return list[Math.floor(rand() * list.length)]; };
  const schemes = [['http://', 'https://', 'HTTP://', 'hTtPs://'], ['http:/', 'http:', 'http:///', 'http:\\\\', 'ftp://', ' http://']];
  const userinfo = [[''], ['u@', 'u:p@', '@']];
  const labels = [['a', 'Example', 'COM', 'a-b', '_x', '127', '1', '0', '00', '0x7f', '0X7F', '0177', '0x', '255', '4294967295', '2130706433', '9', '0xg', '1x'],
    ['xn--bcher-kva', 'ü', '08', '256', '4294967296', '%41', '%2e', '', 'a*b', 'a b', 'a%', 'a:b']];
  const groups = [['0', '1', 'ffff', 'FFFF', '0000', 'db8', 'a'], ['12345', '', 'g', '1.2.3.4', '%25x']];
  const ports = [['', '', ':', ':80', ':443', ':0080', ':8080', ':65535', ':4566', ':1'], [':0', ':65536', ':x', ':+1']];
  const paths = [['', '', '/', '/base', '/base/', '/a//b', '/~x', '/a:b@c', "/!$&'()*+,;=", '/...'],
    ['/a/./b', '/a/../b', '/.', '/..', '/%2e', '/%7e', '/a b', '/ü', '/{}', '?q', '#f', '\\x']];
  const host = () => {
    if (rand() < 0.2) {
      const n = 1 + Math.floor(rand() * 8);
      const g = Array.from({ length: n }, () => pick(groups, 0.05));
      if (n < 8 || rand() < 0.3) g.splice(Math.floor(rand() * (n + 1)), 0, '');
      return `[${g.join(':').replace(/^:(?!:)/, '::').replace(/(?<!:):$/, '::')}]`;
    }
    const parts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(labels, 0.05));
    return parts.join('.') + (rand() < 0.15 ? '.' : '');
  };
  const seen = { accepted: 0, rejected: 0 };
  for (let i = 0; i < 5000; i++) {
    const input = `${pick(schemes)}${pick(userinfo)}${host()}${pick(ports)}${pick(paths)}`;
    let resolved;
    try {
      resolved = await resolveEndpoint({ endpoint: input });
    } catch (err) {
      assert.equal(err.name, 'EndpointError', `${JSON.stringify(input)}: ${err.message}`);
      seen.rejected++;
      continue;
    }
    const expected = urlHost(input);
    assert.notEqual(expected, null, `${JSON.stringify(input)} was accepted (as ${resolved.url}), but URL parsing refuses it`);
    assert.equal(new URL(resolved.url).host, expected, `${JSON.stringify(input)} resolved to ${resolved.url}`);
    seen.accepted++;
  }
  t.diagnostic(`generated: ${JSON.stringify(seen)}`);
  // The generator reaches both sides of the rule.
  assert.ok(seen.accepted > 1000 && seen.rejected > 1000, JSON.stringify(seen));
  // And the whole path, signing included, for a sample.
  for (let i = 0; i < 200; i++) await checkEndpoint(`${['http://', 'HTTPS://'][i % 2]}${host()}${pick(ports, 0)}${pick(paths, 0)}`);
});

test('an upper-case region is lower-cased for the URL, the signed Host and the credential scope', async () => {
  assert.deepEqual(await resolveEndpoint({ region: 'US-East-1' }), { url: 'https://personalize.us-east-1.amazonaws.com' });
  assert.deepEqual(await resolveEndpoint({ region: 'CN-North-1' }, 'personalize-events'), { url: 'https://personalize-events.cn-north-1.amazonaws.com.cn' });
  const request = await sent(undefined, 'US-East-1');
  assert.equal(request.url, 'https://personalize.us-east-1.amazonaws.com/');
  assert.equal(request.host, new URL(request.url).host);
  assert.match(request.authorization, /Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/personalize\/aws4_request,/);
  const custom = await sent('http://127.1:4566', 'EU-West-1');
  assert.equal(custom.host, '127.0.0.1:4566');
  assert.match(custom.authorization, /\/eu-west-1\/personalize\/aws4_request,/);
});

test('against the local endpoint: 127.1, 2130706433 and 0x7f.0.0.1 with region US-East-1 sign correctly', async (t) => {
  const e = await localEndpointFor(t);
  const port = new URL(e.url).port;
  for (const host of ['127.1', '2130706433', '0x7f.0.0.1', '0177.0.0.1', '127.0.0.1.']) {
    const client = new PersonalizeClient({ region: 'US-East-1', endpoint: `http://${host}:${port}`, credentials: DEMO, maxAttempts: 1 });
    const out = await client.listDatasetGroups({});
    assert.equal(out.$metadata.httpStatusCode, 200, host);
    assert.ok(out.datasetGroups.some((g) => g.datasetGroupArn === e.demoDatasetGroupArn), `${host}: the demo dataset group is listed`);
    const described = await client.describeDatasetGroup({ datasetGroupArn: e.demoDatasetGroupArn });
    assert.equal(described.datasetGroup.datasetGroupArn, e.demoDatasetGroupArn);
  }
});

/** In a child whose environment is `env`: the URL each client (options in `cases`) sends its first request to. */
const URLS_CHILD = `
  const { PersonalizeClient, PersonalizeEventsClient } = await import(process.argv[1]);
  const urls = [];
  for (const [events, options] of JSON.parse(process.env.PW_CASES)) {
    const fetch = async (url) => { urls.push(url); return new Response('{}', { status: 200 }); };
    const client = new (events ? PersonalizeEventsClient : PersonalizeClient)({ ...options, fetch, maxAttempts: 1 });
    await (events ? client.putEvents({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] }) : client.listDatasetGroups({}));
  }
  process.stdout.write(JSON.stringify(urls));
`;

test('AWS_ENDPOINT_URL_PERSONALIZE[_EVENTS], then AWS_ENDPOINT_URL, name the endpoint, with or without region and credentials options', async () => {
  const cases = [
    [false, { region: 'us-east-1', credentials: CREDENTIALS }],
    [true, { region: 'us-east-1', credentials: CREDENTIALS }],
    [false, { credentials: CREDENTIALS }], // the region from AWS_REGION: the shared-files path
    [true, { region: 'us-east-1' }], // the credentials from the environment's keys: the shared-files path
    [false, { region: 'us-east-1', credentials: CREDENTIALS, endpoint: 'http://127.0.0.1:3' }], // the option wins
    [true, { region: 'us-east-1', credentials: CREDENTIALS, loadFromEnvironment: false }],
  ];
  const env = cleanEnv('/nonexistent/pw-endpoint-env', {
    AWS_CONFIG_FILE: '/nonexistent/pw-endpoint-env/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/pw-endpoint-env/credentials',
    AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_PERSONALIZE_EVENTS: 'http://127.0.0.1:2', PW_CASES: JSON.stringify(cases),
  });
  const glue = new URL('../../web/lib/personalize.mjs', import.meta.url).href;
  const { code, stdout, stderr } = await runToExit([process.execPath, '--input-type=module', '-e', URLS_CHILD, glue], { env });
  assert.equal(code, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), [
    'http://127.0.0.1:1/', 'http://127.0.0.1:2/events', 'http://127.0.0.1:1/', 'http://127.0.0.1:2/events', 'http://127.0.0.1:3/',
    'https://personalize-events.us-east-1.amazonaws.com/events',
  ]);
});
