// The console's Content-Security-Policy connect-src and its region picker, generated from the AWS
// endpoint data (wasm/gen/gen_endpoints.mjs, botocore's endpoints.json from Debian's python3-botocore):
// web/index.html is current, lists exactly the Personalize and Personalize Events hosts the glue
// resolves for the picker's regions (no wildcard anyone could own a host under), and
// `./build.sh dist --connect-src` takes only plain origins. (dist.test.mjs checks the built site.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { checkOrigin, connectSrc, readEndpointData, renderPage, serviceRegions } from '../wasm/gen/gen_endpoints.mjs';
import { resolveEndpoint } from '../web/lib/personalize.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = join(ROOT, 'web', 'index.html');

/** The connect-src sources of a page's CSP meta tag. */
function connectSources(html) {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.ok(csp, 'the page has a CSP meta tag');
  const directive = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src '));
  assert.ok(directive, 'the CSP has a connect-src');
  return directive.split(/\s+/).slice(1);
}

/** The region picker's option values, by optgroup label. */
function pickerRegions(html) {
  const select = /<select id="region"[^>]*>([\s\S]*?)<\/select>/.exec(html)[1];
  return [...select.matchAll(/<optgroup label="([^"]*)">([\s\S]*?)<\/optgroup>/g)]
    .map(([, label, body]) => ({ label, regions: [...body.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]) }));
}

describe('the console page: connect-src and regions from the endpoint data', () => {
  const html = readFileSync(PAGE, 'utf8');
  const data = readEndpointData();

  it('web/index.html is what the generator makes of the endpoint data (./build.sh build regenerates it)', () => {
    assert.equal(html, renderPage(html, data), 'web/index.html is stale: run ./build.sh build (or node wasm/gen/gen_endpoints.mjs web/index.html)');
  });

  it('allows the page itself, named Personalize and Personalize Events hosts and loopback; no host wildcard', () => {
    const sources = connectSources(html);
    assert.equal(sources[0], "'self'");
    assert.deepEqual(sources.slice(-2), ['http://127.0.0.1:*', 'http://localhost:*']);
    for (const s of sources.slice(1, -2)) {
      assert.match(s, /^https:\/\/personalize(-events)?(-fips)?\.[a-z]+(-[a-z]+)+-\d+\.(amazonaws\.com|api\.aws|amazonaws\.com\.cn|api\.amazonwebservices\.com\.cn)$/, s);
    }
    assert.ok(!sources.some((s) => s.includes('*.')), 'no *.domain source');
    for (const origin of ['https://personalize.us-east-1.amazonaws.com', 'https://personalize-events.eu-west-1.amazonaws.com',
      'https://personalize-fips.us-east-1.amazonaws.com', 'https://personalize-events.us-west-2.api.aws',
      'https://personalize.cn-north-1.amazonaws.com.cn', 'https://personalize-events.cn-north-1.api.amazonwebservices.com.cn']) {
      assert.ok(sources.includes(origin), origin);
    }
    assert.ok(!sources.some((s) => /s3\.amazonaws\.com|execute-api/.test(s)), 'nothing of S3 or API Gateway');
    assert.equal(new Set(sources).size, sources.length, 'no duplicates');
  });

  it('the picker offers exactly the regions where the data knows Personalize, us-east-1 first selected', () => {
    const groups = pickerRegions(html);
    assert.deepEqual(groups, serviceRegions(data).map((g) => ({ label: g.label, regions: g.regions.map((r) => r.id) })));
    assert.deepEqual(groups.map((g) => g.label).slice(0, 2), ['Commercial', 'China']);
    assert.match(html, /<option value="us-east-1" selected>us-east-1 · US East \(N\. Virginia\)<\/option>/);
  });

  it('every picker region with every FIPS / dual-stack choice resolves (by the glue) to an allowed origin, and nothing else is allowed', async () => {
    const resolved = new Set();
    for (const { regions } of pickerRegions(html)) {
      for (const region of regions) {
        for (const service of ['personalize', 'personalize-events']) {
          for (const useFipsEndpoint of [false, true]) {
            for (const useDualstackEndpoint of [false, true]) {
              const { url } = await resolveEndpoint({ region, useFipsEndpoint, useDualstackEndpoint }, service);
              resolved.add(new URL(url).origin);
            }
          }
        }
      }
    }
    const allowed = connectSources(html).filter((s) => s.startsWith('https://'));
    assert.deepEqual([...resolved].sort(), [...allowed].sort());
  });
});

describe('extra origins for custom endpoints (./build.sh dist --connect-src)', () => {
  it('takes plain origins, normalized, and adds exactly them before loopback', () => {
    assert.equal(checkOrigin('https://personalize.example.com'), 'https://personalize.example.com');
    assert.equal(checkOrigin('https://Personalize.Example.com:8443/'), 'https://personalize.example.com:8443');
    assert.equal(checkOrigin('https://personalize.example.com:443'), 'https://personalize.example.com', 'the default port is left out');
    assert.equal(checkOrigin('http://10.0.0.5:4566'), 'http://10.0.0.5:4566');
    const data = readEndpointData();
    const sources = connectSrc(data, ['https://personalize.example.com:8443']).split(' ').slice(1);
    const without = connectSrc(data).split(' ').slice(1);
    assert.deepEqual(sources, [...without.slice(0, -2), 'https://personalize.example.com:8443', ...without.slice(-2)]);
  });

  it('refuses anything but one origin, naming the rule', () => {
    const cases = [
      ['https://*.example.com', /wildcards are not allowed/],
      ['*', /wildcards are not allowed/],
      ["https://a.example.com 'unsafe-inline'", /no spaces, quotes, semicolons/],
      ['https://a.example.com;script-src', /no spaces, quotes, semicolons/],
      ['https://a.example.com,https://b.example.com', /commas/],
      ['ftp://a.example.com', /must start with https:\/\//],
      ['a.example.com', /must start with https:\/\//],
      ['https://a.example.com/path', /without a path, query or fragment/],
      ['https://a.example.com/?q', /without a path, query or fragment/],
      ['https://user@a.example.com', /user name or password/],
      ['https://[::1]:4566', /IPv6/],
      ['https://a_b.example.com', /DNS name/],
      ['https://', /is not a URL/],
    ];
    for (const [origin, rule] of cases) {
      assert.throws(() => checkOrigin(origin), (err) => rule.test(err.message) && err.message.startsWith(`--connect-src ${JSON.stringify(origin)}: `), origin);
    }
  });

  it('./build.sh dist refuses a bad origin with that message before it builds or removes anything', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'pw-csp-'));
    try {
      const out = join(scratch, 'site');
      const run = spawnSync('bash', [join(ROOT, 'build.sh'), 'dist', out, '--connect-src', "https://x.example.com; script-src 'unsafe-inline'"], { encoding: 'utf8' });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /--connect-src "https:\/\/x\.example\.com; script-src 'unsafe-inline'": must be one origin/);
      assert.equal(existsSync(out), false, 'nothing built');
      const missing = spawnSync('bash', [join(ROOT, 'build.sh'), 'dist', out, '--connect-src'], { encoding: 'utf8' });
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /--connect-src needs an origin/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
