// --generate-cli-skeleton: an operation's input or output shape, as botocore's ArgumentGenerator
// fills it in, in JSON or YAML; from wasm/model.json, read only when asked for.
import { readFileSync } from 'node:fs';
import { paramError } from './cli-errors.mjs';
import { formatJson, formatYaml } from './output.mjs';

let model;
/** wasm/model.json, the one description of the operations' shapes (read only for skeletons). */
function loadModel() {
  try {
    model ??= JSON.parse(readFileSync(new URL('../../wasm/model.json', import.meta.url), 'utf8'));
  } catch {
    throw paramError('--generate-cli-skeleton needs wasm/model.json, which this installation does not have');
  }
  return model;
}

const FLOAT_ZERO = '\u0000float 0.0';

/** A shape's skeleton value as botocore's ArgumentGenerator makes it: '' or the member's name, 0, 0.0, a 1970 timestamp. */
function skeletonValue(shapes, name, memberName, forOutput, depth = 0) {
  const shape = shapes[name];
  if (depth > 8) return {};
  switch (shape?.type) {
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members).map(([m, s]) => [m, skeletonValue(shapes, s, m, forOutput, depth + 1)]));
    case 'list': return [skeletonValue(shapes, shape.member, memberName, forOutput, depth + 1)];
    case 'integer': return 0;
    case 'float': return FLOAT_ZERO;
    case 'timestamp': return '1970-01-01T00:00:00';
    default: return forOutput ? memberName : '';
  }
}

/** --generate-cli-skeleton input | yaml-input | output for a command. */
export function skeleton(spec, kind) {
  if (spec.wait) throw paramError('--generate-cli-skeleton is for operations, not waiters');
  const { shapes, operations } = loadModel();
  const operation = operations[spec.operation];
  const shapeName = kind === 'output' ? operation.output : operation.input;
  if (!shapeName) return '';
  const value = skeletonValue(shapes, shapeName, undefined, kind === 'output');
  if (kind === 'yaml-input') {
    const required = new Set(shapes[shapeName].required ?? []);
    const yaml = formatYaml(value, { sortKeys: false }).replaceAll(`'${FLOAT_ZERO}'`, '0.0').replaceAll(`"${FLOAT_ZERO.replace('\u0000', '\\0')}"`, '0.0');
    // The top-level members that must be given, marked as the AWS CLI marks them.
    return yaml.split('\n').map((line) => (/^[A-Za-z]\w*:/.test(line) && required.has(line.slice(0, line.indexOf(':'))) ? `${line} # [REQUIRED]` : line)).join('\n');
  }
  return formatJson(value).replaceAll(`"\\u0000float 0.0"`, '0.0');
}
