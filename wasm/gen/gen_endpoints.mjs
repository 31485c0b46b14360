#!/usr/bin/env node
// The console's endpoint-derived parts of web/index.html, generated at build time from the AWS
// endpoint data (botocore's endpoints.json, from Debian's python3-botocore): the region picker
// (the regions where the data knows Personalize, grouped by partition) and the Content-Security-
// Policy's connect-src (exactly the Personalize and Personalize Events hosts of those regions, plain,
// FIPS, dual-stack and both, plus loopback). Build-time only: not part of the static site.
//
//   node wasm/gen/gen_endpoints.mjs [--endpoints FILE] [--check] [--connect-src ORIGIN]... PAGE.html
//       rewrites PAGE.html's region picker and connect-src in place (the file is left untouched when
//       they are current); --check only reports, exit 1 when stale; --connect-src adds an origin
//   node wasm/gen/gen_endpoints.mjs --validate-origin ORIGIN...
//       exit 2 with a message naming the rule when an ORIGIN is not one plain origin
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ENDPOINTS_JSON = '/usr/lib/python3/dist-packages/botocore/data/endpoints.json';
/** The endpoint prefixes of the two services the console calls, with the same region. */
export const SERVICES = ['personalize', 'personalize-events'];
/** The endpoint variants the console's FIPS and dual-stack switches select. */
const VARIANTS = [[], ['fips'], ['dualstack'], ['dualstack', 'fips']];
const LOOPBACK = ['http://127.0.0.1:*', 'http://localhost:*'];
const DEFAULT_REGION = 'us-east-1';
const GROUP_LABELS = { aws: 'Commercial', 'aws-cn': 'China', 'aws-us-gov': 'GovCloud (US)' };

export function readEndpointData(file = ENDPOINTS_JSON) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the AWS endpoint data ${file} (Debian package python3-botocore): ${err.message}`);
  }
  return JSON.parse(text);
}

/**
 * The regions where the data lists either service (pseudo-regions such as "fips-us-east-1" are not
 * regions of the partition and are left out), by partition: [{partition, label, regions: [{id, description}]}].
 */
export function serviceRegions(data) {
  const groups = [];
  for (const p of data.partitions) {
    const ids = new Set();
    for (const service of SERVICES) for (const id of Object.keys(p.services?.[service]?.endpoints ?? {})) if (p.regions?.[id]) ids.add(id);
    if (ids.size === 0) continue;
    const regions = [...ids].sort().map((id) => ({ id, description: p.regions[id].description ?? id }));
    groups.push({ partition: p.partition, label: GROUP_LABELS[p.partition] ?? p.partitionName ?? p.partition, regions });
  }
  if (groups.length === 0) throw new Error('the endpoint data lists no region for personalize or personalize-events');
  return groups;
}

const tagKey = (tags) => [...tags].sort().join(',');

/** One host from the data's layers: the region's entry, the service's defaults, the partition's defaults. */
function variantHost(partition, service, region, tags) {
  const svc = partition.services?.[service] ?? {};
  const pick = (layer) => (tags.length === 0 ? layer : layer?.variants?.find((v) => tagKey(v.tags ?? []) === tagKey(tags)));
  const layers = [pick(svc.endpoints?.[region]), pick(svc.defaults), pick(partition.defaults)];
  const hostname = layers.find((l) => l?.hostname)?.hostname;
  if (!hostname) return undefined;
  const dnsSuffix = layers.find((l) => l?.dnsSuffix)?.dnsSuffix ?? partition.dnsSuffix;
  return hostname.replaceAll('{service}', service).replaceAll('{region}', region).replaceAll('{dnsSuffix}', dnsSuffix);
}

/** Every https origin the console may call for the picker's regions, in a stable order. */
export function endpointOrigins(data) {
  const origins = [];
  for (const group of serviceRegions(data)) {
    const partition = data.partitions.find((p) => p.partition === group.partition);
    for (const { id } of group.regions) {
      for (const service of SERVICES) {
        for (const tags of VARIANTS) {
          const host = variantHost(partition, service, id, tags);
          if (host) origins.push(`https://${host}`);
        }
      }
    }
  }
  return [...new Set(origins)];
}

/**
 * One extra connect-src origin, as given to ./build.sh dist --connect-src: http(s)://host[:port],
 * a host name or IPv4 address (CSP has no syntax for IPv6 literals), nothing else. Returns it
 * normalized (lower case, no default port); throws an Error naming the rule.
 */
export function checkOrigin(text) {
  const fail = (rule) => {
    throw new Error(`--connect-src ${JSON.stringify(text)}: ${rule}`);
  };
  if (/\*/.test(text)) fail('wildcards are not allowed; list each origin');
  if (/[\s;,'"\\]/.test(text)) fail('must be one origin: no spaces, quotes, semicolons, commas or backslashes');
  if (!/^https?:\/\//i.test(text)) fail('must start with https:// (or http://)');
  let url;
  try {
    url = new URL(text);
  } catch {
    fail('is not a URL');
  }
  if (url.username || url.password) fail('must not contain a user name or password');
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(text)) fail('must be an origin (scheme://host[:port]) without a path, query or fragment');
  if (url.hostname.startsWith('[')) fail('IPv6 addresses cannot be written in a Content-Security-Policy; use a host name');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(url.hostname)) {
    fail('the host must be a DNS name (letters, digits, hyphens and dots) or an IPv4 address');
  }
  return url.origin;
}

/** The connect-src directive: the page itself, the service origins, the extra origins, loopback. */
export function connectSrc(data, extraOrigins = []) {
  const extra = extraOrigins.map(checkOrigin);
  return ['connect-src', "'self'", ...new Set([...endpointOrigins(data), ...extra]), ...LOOPBACK].join(' ');
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The region picker's options, as they sit inside <select id="region"> (same indentation). */
export function regionOptions(data) {
  const lines = [];
  for (const group of serviceRegions(data)) {
    lines.push(`        <optgroup label="${escapeHtml(group.label)}">`);
    for (const { id, description } of group.regions) {
      lines.push(`          <option value="${escapeHtml(id)}"${id === DEFAULT_REGION ? ' selected' : ''}>${escapeHtml(`${id} · ${description}`)}</option>`);
    }
    lines.push('        </optgroup>');
  }
  return `\n${lines.join('\n')}\n      `;
}

const CSP_META = /(<meta http-equiv="Content-Security-Policy" content="[^"]*?)connect-src [^;"]*/;
const REGION_SELECT = /(<select id="region"[^>]*>)[\s\S]*?(<\/select>)/;

/** The page with its picker and connect-src generated from the data. */
export function renderPage(html, data, extraOrigins = []) {
  if (!CSP_META.test(html)) throw new Error('the page has no Content-Security-Policy meta tag with a connect-src directive');
  if (!REGION_SELECT.test(html)) throw new Error('the page has no <select id="region">');
  const csp = escapeHtml(connectSrc(data, extraOrigins));
  return html.replace(CSP_META, (_, head) => `${head}${csp}`)
    .replace(REGION_SELECT, (_, open, close) => `${open}${regionOptions(data)}${close}`);
}

function main(argv) {
  let endpoints = ENDPOINTS_JSON;
  let check = false;
  const extra = [];
  const files = [];
  if (argv[0] === '--validate-origin') {
    try {
      for (const origin of argv.slice(1)) checkOrigin(origin);
    } catch (err) {
      process.stderr.write(`build.sh: ${err.message}\n`);
      return 2;
    }
    return 0;
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') check = true;
    else if (a === '--endpoints') endpoints = argv[++i];
    else if (a === '--connect-src') extra.push(argv[++i] ?? '');
    else if (a.startsWith('--')) {
      process.stderr.write(`gen_endpoints.mjs: unknown option ${a}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 1) {
    process.stderr.write('usage: node wasm/gen/gen_endpoints.mjs [--endpoints FILE] [--check] [--connect-src ORIGIN]... PAGE.html\n');
    return 2;
  }
  const [file] = files;
  const html = readFileSync(file, 'utf8');
  const page = renderPage(html, readEndpointData(endpoints), extra);
  if (page === html) return 0;
  if (check) {
    process.stderr.write(`${file}: its region picker or connect-src is not what ${endpoints} gives; run ./build.sh build\n`);
    return 1;
  }
  writeFileSync(`${file}.tmp`, page);
  renameSync(`${file}.tmp`, file);
  const also = extra.length ? `, connect-src also allowing ${extra.map(checkOrigin).join(' ')}` : '';
  process.stderr.write(`${file}: region picker and connect-src generated from ${endpoints}${also}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`gen_endpoints.mjs: ${err.message}\n`);
    process.exitCode = 1;
  }
}
