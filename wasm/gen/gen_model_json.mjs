// Refreshes wasm/model.json from botocore's service models, so the model is reproducible:
//   node wasm/gen/gen_model_json.mjs [--check] [BOTOCORE_DATA_DIR]   (default: Debian python3-botocore's)
// --check writes nothing and exits 1 when model.json is not what this would write.
// What is ours stays as model.json has it: which services (and their botocore model path and
// content type), which operations, and `additions`. Everything else (service metadata, each
// operation's http/input/output/errors/idempotent, and every shape those reach) is rewritten
// from botocore. Structure members are listed in the order the AWS SDK for JavaScript v3
// serializes them: its schemas list the required members first, then the others, each group in
// the model's order. Facts dropped on purpose: documentation, member `jsonvalue` (we carry that
// as the jsonObjectOrString client rule), `error` (HTTP codes; personalize-events' copy of
// InvalidInputException has one, personalize's has not). Any other botocore trait fails here.
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const CHECK = args[0] === '--check';
if (CHECK) args.shift();
const DATA = args[0] ?? '/usr/lib/python3/dist-packages/botocore/data';
const MODEL = new URL('../model.json', import.meta.url);
const model = JSON.parse(readFileSync(MODEL, 'utf8'));

const SHAPE_TRAITS = ['type', 'min', 'max', 'pattern', 'enum', 'sensitive', 'exception', 'timestampFormat', 'required'];
const DROPPED_SHAPE_TRAITS = new Set(['documentation', 'error', 'members', 'member']);
const DROPPED_MEMBER_TRAITS = new Set(['shape', 'documentation', 'jsonvalue']);
const PROTOCOLS = { json: 'awsJson1_1', 'rest-json': 'restJson1' };

function fail(message) {
  process.stderr.write(`gen_model_json: ${message}\n`);
  process.exit(1);
}

const botocore = {};
for (const [name, svc] of Object.entries(model.services)) {
  const file = `${DATA}/${svc.botocore}/service-2.json`;
  const b = JSON.parse(readFileSync(file, 'utf8'));
  botocore[name] = b;
  const m = b.metadata;
  if (!PROTOCOLS[m.protocol]) fail(`${file}: protocol ${m.protocol} is not one this client speaks`);
  if (m.protocol === 'json' && m.jsonVersion !== '1.1') fail(`${file}: jsonVersion ${m.jsonVersion}`);
  const out = { endpointPrefix: m.endpointPrefix, signingName: m.signingName, protocol: PROTOCOLS[m.protocol] };
  if (m.targetPrefix) out.targetPrefix = m.targetPrefix;
  out.contentType = m.protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
  out.botocore = svc.botocore;
  model.services[name] = out;
}

const shapes = {};
const shapeService = {};
function convert(b, name) {
  const s = b.shapes[name];
  if (!s) fail(`shape ${name} is not in the model`);
  const out = {};
  for (const key of Object.keys(s)) {
    if (!SHAPE_TRAITS.includes(key) && !DROPPED_SHAPE_TRAITS.has(key)) fail(`shape ${name}: trait ${key} is not handled`);
  }
  for (const key of SHAPE_TRAITS) {
    if (key === 'required' || !(key in s)) continue;
    out[key] = s[key];
  }
  if (s.type === 'list') out.member = s.member.shape;
  if (s.type === 'structure') {
    const names = Object.keys(s.members);
    const required = s.required ?? [];
    for (const r of required) if (!names.includes(r)) fail(`shape ${name}: required ${r} is no member`);
    for (const [m, spec] of Object.entries(s.members)) {
      for (const key of Object.keys(spec)) if (!DROPPED_MEMBER_TRAITS.has(key)) fail(`${name}.${m}: member trait ${key} is not handled`);
    }
    if (required.length) out.required = required;
    const order = [...names.filter((m) => required.includes(m)), ...names.filter((m) => !required.includes(m))];
    out.members = Object.fromEntries(order.map((m) => [m, s.members[m].shape]));
  } else if ('required' in s) fail(`shape ${name}: required on a ${s.type}`);
  if (!['string', 'integer', 'long', 'float', 'double', 'boolean', 'timestamp', 'list', 'structure'].includes(s.type)) {
    fail(`shape ${name}: type ${s.type} is not handled`);
  }
  return out;
}
function reach(service, name) {
  const converted = convert(botocore[service], name);
  if (shapes[name]) {
    if (JSON.stringify(shapes[name]) !== JSON.stringify(converted)) {
      fail(`shape ${name} differs between ${shapeService[name]} and ${service}; the model has one namespace`);
    }
    return;
  }
  shapes[name] = converted;
  shapeService[name] = service;
  if (converted.member) reach(service, converted.member);
  for (const m of Object.values(converted.members ?? {})) reach(service, m);
}

for (const [name, op] of Object.entries(model.operations)) {
  const b = botocore[op.service];
  if (!b) fail(`operation ${name}: no service ${op.service}`);
  const o = b.operations[name];
  if (!o) fail(`operation ${name} is not in ${op.service}'s model`);
  const out = { service: op.service, http: { method: o.http.method, path: o.http.requestUri },
    input: o.input?.shape ?? null, output: o.output?.shape ?? null, errors: (o.errors ?? []).map((e) => e.shape) };
  if (o.idempotent) out.idempotent = true;
  model.operations[name] = out;
  for (const s of [out.input, out.output, ...out.errors]) if (s) reach(op.service, s);
}
model.shapes = shapes;

// One line per service, operation, shape and addition: small, and diffs read well.
const line = (v) => {
  if (Array.isArray(v)) return `[${v.map(line).join(', ')}]`;
  if (v !== null && typeof v === 'object' && Object.keys(v).length === 0) return '{}';
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${line(x)}`).join(', ')} }`;
  return JSON.stringify(v);
};
const section = (obj) => Object.entries(obj).map(([k, v]) => `    ${JSON.stringify(k)}: ${line(v)}`).join(',\n');
const text = `{
  "services": {
${section(model.services)}
  },
  "operations": {
${section(model.operations)}
  },
  "shapes": {
${section(model.shapes)}
  },
  "additions": [
${model.additions.map((a) => `    ${line(a)}`).join(',\n')}
  ]
}
`;
JSON.parse(text);
if (CHECK) {
  if (readFileSync(MODEL, 'utf8') !== text) fail('wasm/model.json is not what botocore and its own lists make (run node wasm/gen/gen_model_json.mjs)');
} else {
  writeFileSync(MODEL, text);
}
