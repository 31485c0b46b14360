// What the build-time generators read of the model (wasm/model.json through wasm/model.mjs): the
// shapes, the client's rules, the operations' names as methods and CLI commands, each input's
// fields by kind, and the constraints in words. Shared by gen_artifacts.mjs and gen_dts.mjs.
import { reachedShapes } from '../model.mjs';

export const shapeOf = (model, name) => {
  const s = model.shapes[name];
  if (!s) throw new Error(`model.json: no shape ${name}`);
  return s;
};
export const rulesOf = (shape) => [].concat(shape.clientRule ?? []);
export const inputShapeNames = (model) => Object.values(model.operations).map((o) => o.input);
export const outputShapeNames = (model) => Object.values(model.operations).map((o) => o.output).filter(Boolean);

/** The operation's name as the client method: CreateEventTracker -> createEventTracker. */
export const methodName = (operation) => operation[0].toLowerCase() + operation.slice(1);
/** The AWS CLI's spelling: CreateEventTracker -> create-event-tracker, datasetGroupArn -> dataset-group-arn. */
export const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();

/**
 * Every member path an operation's input reaches, depth first in the model's member order:
 * [{ path: 'tags[0].tagKey', shape: 'TagKey', kind, required }] with kind one of string, integer,
 * list, struct, timestamp, double, json (a string the client also takes as an object). List items
 * are path[0]; `required` is the parent structure's.
 */
export function inputFields(model, operation) {
  const fields = [];
  const walk = (path, name, required, depth) => {
    if (depth > 16) throw new Error(`model.json: ${operation}'s input nests too deep at ${path}`);
    const s = shapeOf(model, name);
    fields.push({ path, shape: name, kind: fieldKind(s), required });
    if (s.type === 'list') walk(`${path}[0]`, s.member, false, depth + 1);
    if (s.type === 'structure') {
      for (const [m, shape] of Object.entries(s.members)) walk(`${path}.${m}`, shape, (s.required ?? []).includes(m), depth + 1);
    }
  };
  const input = shapeOf(model, model.operations[operation].input);
  for (const [m, shape] of Object.entries(input.members)) walk(m, shape, (input.required ?? []).includes(m), 0);
  return fields;
}

export function fieldKind(s) {
  if (rulesOf(s).includes('jsonObjectOrString')) return 'json';
  switch (s.type) {
    case 'string': return 'string';
    case 'integer': case 'long': return 'integer';
    case 'float': case 'double': return 'double';
    case 'timestamp': return 'timestamp';
    case 'list': return 'list';
    case 'structure': return 'struct';
    default: throw new Error(`model.json: shape type ${s.type} has no field kind`);
  }
}

/** The constraints of a shape in plain words, e.g. "1..63 characters matching ^[a-z]+", "1..100". */
export function constraintWords(s) {
  const parts = [];
  const range = s.min !== undefined && s.max !== undefined ? `${s.min}..${s.max}` : s.max !== undefined ? `at most ${s.max}` : s.min !== undefined ? `at least ${s.min}` : '';
  if (s.enum) parts.push(s.enum.join(' | '));
  else if (s.type === 'string' && range) parts.push(`${range} characters`);
  else if (s.type === 'list' && range) parts.push(`${range} items`);
  else if (range) parts.push(range);
  if (s.pattern) parts.push(`matching ${s.pattern}`);
  if (rulesOf(s).includes('noAwsPrefix')) parts.push('not starting with aws: (any case)');
  if (rulesOf(s).includes('uniqueTagKeys')) parts.push('each key once');
  return parts.join(', ');
}

/** A string as a single-quoted JavaScript / TypeScript literal. */
export const quoteTs = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
