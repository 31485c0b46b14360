// The one reader of wasm/model.json: every generator and test that needs the model calls
// loadModel(), which applies `additions` on top of the botocore-derived shapes. Nothing else
// applies them.
//
// loadModel() returns { services, operations, shapes, additions } (a fresh copy on each call):
// - services[name]: endpointPrefix, signingName, protocol ('awsJson1_1' | 'restJson1'),
//   targetPrefix (awsJson1_1 only), contentType, botocore (the model's path under botocore/data).
// - operations[name]: service, http { method, path }, input (shape name), output (shape name or
//   null), errors (shape names), idempotent (true or absent).
// - shapes[name]: type ('string' | 'integer' | 'float' | 'timestamp' | 'list' | 'structure'),
//   min, max, pattern, enum, sensitive, exception; list: member (shape name); structure: members
//   (member name -> shape name, in the AWS SDK v3's serialization order), required (member names).
//   With the additions applied: any trait an addition names is set (sensitive, pattern, ...), and
//   clientRule ('noAwsPrefix' | 'jsonObjectOrString' | 'uniqueTagKeys') and clientRequired (output
//   members a success must carry) where an addition gives them. A shape gets at most one value per
//   trait: an addition that would overwrite another addition is an error.
// - additions: the list as model.json has it (for the check against botocore).
import { readFileSync } from 'node:fs';

export const MODEL_URL = new URL('./model.json', import.meta.url);

// The traits an addition may carry; a misspelt one is an error, not a silent no-op.
export const ADDITION_TRAITS = ['sensitive', 'pattern', 'min', 'max', 'enum', 'clientRule', 'clientRequired'];
export const CLIENT_RULES = ['noAwsPrefix', 'jsonObjectOrString', 'uniqueTagKeys'];

export function applyAdditions(raw) {
  const model = structuredClone(raw);
  const set = new Set();
  for (const a of model.additions) {
    const shape = model.shapes[a.shape];
    if (!shape) throw new Error(`model.json: addition for unknown shape ${a.shape}`);
    if (!ADDITION_TRAITS.includes(a.trait)) throw new Error(`model.json: addition trait ${a.trait} (${a.shape}) is not one of ${ADDITION_TRAITS.join(', ')}`);
    if (a.trait === 'clientRule' && !CLIENT_RULES.includes(a.value)) throw new Error(`model.json: client rule ${a.value} (${a.shape}) is unknown`);
    if (typeof a.why !== 'string' || a.why === '') throw new Error(`model.json: addition ${a.shape}.${a.trait} says no why`);
    const key = `${a.shape}\0${a.trait}`;
    if (set.has(key)) throw new Error(`model.json: two additions set ${a.trait} on ${a.shape}`);
    set.add(key);
    shape[a.trait] = structuredClone(a.value);
  }
  return model;
}

export function loadModel(url = MODEL_URL) {
  return applyAdditions(JSON.parse(readFileSync(url, 'utf8')));
}

/** Every shape the named ones reach (list items, structure members), each once, in depth-first
 * preorder; a name the model lacks is an error. (For generators: their tables, types and fields.) */
export function reachedShapes(model, roots) {
  const reached = new Set();
  const reach = (name) => {
    if (reached.has(name)) return;
    const s = model.shapes[name];
    if (!s) throw new Error(`model.json: no shape ${name}`);
    reached.add(name);
    if (s.member) reach(s.member);
    for (const m of Object.values(s.members ?? {})) reach(m);
  };
  for (const name of roots) if (name) reach(name);
  return [...reached];
}
