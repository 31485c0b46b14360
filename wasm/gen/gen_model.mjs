// Generates the C shape and operation tables from the model (wasm/model.json, read through
// wasm/model.mjs): every input shape the operations reach, their members in the model's order,
// the services, and the operations.
// Usage: node wasm/gen/gen_model.mjs [MODEL_JSON] > build/gen/model_tables.h   (included by wasm/operations.c
// only; MODEL_JSON defaults to wasm/model.json)
//
// The pattern checkers are hand-written C, listed in wasm/shape.h's PW_PATTERNS with the pattern
// each implements; a pattern the model has and that list has not fails here, naming it, as does
// any trait or client rule the C tables cannot express.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadModel } from '../model.mjs';

const model = process.argv[2] ? loadModel(pathToFileURL(process.argv[2])) : loadModel();
const problems = [];
const fail = (message) => problems.push(message);

// ---- what the C side knows ------------------------------------------------------------------------
const shapeH = readFileSync(new URL('../shape.h', import.meta.url), 'utf8');
const checkers = new Map();
for (const m of shapeH.matchAll(/X\((PW_P_\w+), ("(?:[^"\\]|\\.)*")\)/g)) checkers.set(JSON.parse(m[2]), m[1]);
if (checkers.size === 0) fail('wasm/shape.h: no PW_PATTERNS entries found');
const operationsH = readFileSync(new URL('../operations.h', import.meta.url), 'utf8');
const signingName = operationsH.match(/#define PW_SIGNING_NAME "([^"]*)"/)?.[1];

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const cName = (s) => {
  if (!/^[\x20-\x7e]*$/.test(s)) fail(`${JSON.stringify(s)}: only printable ASCII names are supported`);
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
};
const serviceEnum = (name) => `PW_SVC_${name.toUpperCase().replace(/-/g, '_')}`;

const TYPES = { string: 'PW_T_STRING', integer: 'PW_T_INTEGER', long: 'PW_T_INTEGER', float: 'PW_T_DOUBLE',
  double: 'PW_T_DOUBLE', timestamp: 'PW_T_TIMESTAMP', list: 'PW_T_LIST', structure: 'PW_T_STRUCT' };
const KNOWN_TRAITS = new Set(['type', 'min', 'max', 'pattern', 'enum', 'sensitive', 'required', 'members', 'member',
  'clientRule', 'timestampFormat']);

// ---- input shapes, each once, in the order the operations reach them ------------------------------
// Strings and numbers the C side cannot tell apart (ItemId and UserId: both sensitive strings of 1
// to 256) share one row. (Structures keep theirs: messages name them.)
const index = new Map();
const order = [];
const leafKey = (s) => (s.type === 'structure' || s.type === 'list' ? null
  : JSON.stringify([s.type, s.min, s.max, s.pattern, s.enum, s.sensitive, s.clientRule]));
const leafRows = new Map();
function reach(name, where) {
  if (index.has(name)) return;
  const s = model.shapes[name];
  if (!s) { fail(`${where}: shape ${name} is not in the model`); return; }
  for (const t of Object.keys(s)) if (!KNOWN_TRAITS.has(t)) fail(`shape ${name}: trait ${t} is not handled by the C tables`);
  const key = leafKey(s);
  if (key !== null && leafRows.has(key)) {
    index.set(name, index.get(leafRows.get(key)));
    return;
  }
  if (key !== null) leafRows.set(key, name);
  index.set(name, order.length);
  order.push(name);
  if (s.type === 'list') reach(s.member, name);
  for (const m of Object.values(s.members ?? {})) reach(m, name);
}
for (const [name, op] of Object.entries(model.operations)) reach(op.input, name);
const sharing = (name) => [...index].filter(([n, i]) => i === index.get(name) && n !== name).map(([n]) => n);

// Structures with the same members (DescribeEventTrackerRequest, DeleteEventTrackerRequest) share
// one run of the member table.
const members = [];
const memberStart = new Map();
const runs = new Map();
for (const name of order) {
  const s = model.shapes[name];
  if (s.type !== 'structure') continue;
  const run = Object.entries(s.members).map(([m, shape]) => ({ owner: name, name: m, shape, required: (s.required ?? []).includes(m) }));
  const key = JSON.stringify(run.map(({ name: m, shape, required }) => [m, shape, required]));
  if (!runs.has(key)) {
    runs.set(key, members.length);
    members.push(...run);
  }
  memberStart.set(name, runs.get(key));
}

function shapeRow(name) {
  const s = model.shapes[name];
  const f = { type: TYPES[s.type] };
  let flags = [];
  if (!f.type) fail(`shape ${name}: type ${s.type} is not handled by the C tables`);
  if (s.timestampFormat && s.timestampFormat !== 'unixTimestamp') fail(`shape ${name}: timestampFormat ${s.timestampFormat}`);
  if (s.pattern !== undefined) {
    if (s.type !== 'string') fail(`shape ${name}: a pattern on a ${s.type}`);
    else if (!checkers.has(s.pattern)) fail(`shape ${name}: pattern ${s.pattern} has no checker (add one to wasm/validate.c and PW_PATTERNS in wasm/shape.h)`);
    else f.pattern = checkers.get(s.pattern);
  }
  if (s.enum !== undefined) {
    if (s.type !== 'string' || !Array.isArray(s.enum) || s.enum.length === 0 || s.enum.length > 255) fail(`shape ${name}: enum`);
    else {
      f.n_values = s.enum.length;
      f.values = s.enum.map((v) => cName(v).slice(1, -1)).map((v) => `${v}\\000`).join('').replace(/^/, '"').replace(/\\000$/, '"');
    }
  }
  if (s.sensitive) flags.push('PW_F_SENSITIVE');
  switch (s.clientRule) {
    case undefined: break;
    case 'noAwsPrefix':
      if (s.type !== 'string') fail(`shape ${name}: noAwsPrefix on a ${s.type}`);
      flags.push('PW_F_NO_AWS_PREFIX');
      break;
    case 'jsonObjectOrString':
      if (s.type !== 'string') fail(`shape ${name}: jsonObjectOrString on a ${s.type}`);
      f.type = 'PW_T_JSON_OBJECT';
      break;
    case 'uniqueTagKeys': {
      const item = model.shapes[s.member];
      const first = item?.members ? Object.keys(item.members)[0] : undefined;
      if (s.type !== 'list') fail(`shape ${name}: uniqueTagKeys on a ${s.type}`);
      else if (item.type === 'structure' && !(first && model.shapes[item.members[first]].type === 'string' && item.required?.includes(first))) {
        fail(`shape ${name}: uniqueTagKeys needs items whose first member is a required string (the key)`);
      } else if (item.type !== 'structure' && item.type !== 'string') fail(`shape ${name}: uniqueTagKeys on a list of ${item.type}`);
      flags.push('PW_F_UNIQUE_KEYS');
      break;
    }
    default: fail(`shape ${name}: client rule ${s.clientRule} is not handled by the C tables`);
  }
  if (flags.length) f.flags = flags.join(' | ');
  if (['string', 'list', 'integer', 'long'].includes(s.type)) {
    const lo = s.type === 'integer' || s.type === 'long' ? INT32_MIN : 0;
    const min = s.min ?? lo, max = s.max ?? INT32_MAX;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < lo || max > INT32_MAX || min > max) fail(`shape ${name}: min ${s.min}, max ${s.max}`);
    // validate.c's length messages: "min to max", or "at most max".
    if (s.type !== 'integer' && s.type !== 'long' && min > 0 && s.max === undefined && !s.enum) {
      fail(`shape ${name}: a lower bound without an upper one has no message template in wasm/validate.c`);
    }
    f.min = min === INT32_MIN ? '-2147483647 - 1' : String(min);
    f.max = String(max);
  } else if (s.min !== undefined || s.max !== undefined) fail(`shape ${name}: min/max on a ${s.type}`);
  if (s.type === 'list') f.item = `&model_shapes[${index.get(s.member)}]`;
  if (s.type === 'structure') {
    const n = Object.keys(s.members).length;
    if (n > 255) fail(`shape ${name}: ${n} members`);
    f.n_members = String(n);
    f.members = n ? `&model_members[${memberStart.get(name)}]` : 'NULL';
    f.name = cName(name);
  }
  return `\t[${index.get(name)}] = { ${Object.entries(f).map(([k, v]) => `.${k} = ${v}`).join(', ')} },${
    f.name ? '' : ` /* ${[name, ...sharing(name)].join(', ')} */`}`;
}

// ---- services and operations --------------------------------------------------------------------
const serviceNames = Object.keys(model.services);
const serviceRows = serviceNames.map((name) => {
  const s = model.services[name];
  if (s.signingName !== signingName) fail(`service ${name}: signing name ${s.signingName}, but operations.h's PW_SIGNING_NAME is ${signingName}`);
  if (s.protocol === 'awsJson1_1' && !s.targetPrefix) fail(`service ${name}: awsJson1_1 without a targetPrefix`);
  if (!['awsJson1_1', 'restJson1'].includes(s.protocol)) fail(`service ${name}: protocol ${s.protocol}`);
  return `\t[${serviceEnum(name)}] = { .endpoint_prefix = ${cName(s.endpointPrefix)}, .signing_name = ${cName(s.signingName)}, ` +
    `.target_prefix = ${s.protocol === 'awsJson1_1' ? cName(s.targetPrefix) : 'NULL'}, .content_type = ${cName(s.contentType)} },`;
});

const requiredOutput = ['NULL'];
const operationRows = Object.entries(model.operations).map(([name, op]) => {
  if (!serviceNames.includes(op.service)) fail(`operation ${name}: service ${op.service}`);
  if (model.shapes[op.input]?.type !== 'structure') fail(`operation ${name}: input ${op.input} is no structure`);
  const out = op.output === null ? null : model.shapes[op.output];
  if (op.output !== null && out?.type !== 'structure') fail(`operation ${name}: output ${op.output} is no structure`);
  let required = 0;
  if (out?.clientRequired) {
    required = requiredOutput.length;
    for (const m of out.clientRequired) {
      const ms = model.shapes[out.members[m]];
      if (!ms || ms.type !== 'string') fail(`operation ${name}: clientRequired ${m} is no string member of ${op.output}`);
      requiredOutput.push(cName(m));
    }
    requiredOutput.push('NULL');
  }
  const empty = out === null || Object.keys(out.members).length === 0 ? 1 : 0;
  if (op.http.method !== 'POST') fail(`operation ${name}: ${op.http.method}; the request builder sends POST only`);
  return `\t{ .name = ${cName(name)}, .service = ${serviceEnum(op.service)}, ` +
    `.http_path = ${cName(op.http.path)}, .input = &model_shapes[${index.get(op.input)}], ` +
    `.required_output = &model_required_output[${required}], .empty_output = ${empty} },`;
});

const shapeRows = order.map(shapeRow);
if (problems.length) {
  for (const p of problems) process.stderr.write(`gen_model: ${p}\n`);
  process.exit(1);
}

process.stdout.write(`/* Generated by wasm/gen/gen_model.mjs from wasm/model.json; do not edit. */
/* ${operationRows.length} operations, ${order.length} input shapes, ${members.length} members. */
#define PW_MODEL_OPERATIONS ${operationRows.length}
static const struct pw_shape model_shapes[${order.length}];

static const struct pw_member model_members[${members.length}] = {
${members.map((m, i) => `\t{ ${cName(m.name)}, &model_shapes[${index.get(m.shape)}], ${m.required ? 1 : 0} },${
    i === memberStart.get(m.owner) ? ` /* ${[...memberStart].filter(([, at]) => at === i).map(([o]) => o).join(', ')} */` : ''}`).join('\n')}
};

static const struct pw_shape model_shapes[${order.length}] = {
${shapeRows.join('\n')}
};

static const struct pw_service_info model_services[${serviceRows.length}] = {
${serviceRows.join('\n')}
};

/* Each operation's list starts at its index and ends at a NULL; index 0 is the empty list. */
static const char *const model_required_output[${requiredOutput.length}] = { ${requiredOutput.join(', ')} };

static const struct pw_operation model_operations[PW_MODEL_OPERATIONS] = {
${operationRows.join('\n')}
};
`);
