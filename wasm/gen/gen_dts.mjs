// The generated region of web/lib/personalize.d.ts: the shape types the operations reach (enums,
// structures, lists), each operation's Input and Output, OperationInputs / OperationOutputs, with
// the model's constraints as doc comments. gen_artifacts.mjs writes it between its markers.
import { reachedShapes } from '../model.mjs';
import { constraintWords, inputShapeNames, outputShapeNames, quoteTs, rulesOf, shapeOf } from './model_shapes.mjs';

// Type names the rest of personalize.d.ts (and its users) know, where they differ from the model's:
// `Status` is declared by hand just above the region (the model has no enum of the states).
const TYPE_NAMES = { Event: 'PersonalizeEvent', Status: 'ResourceStatus' };
const HAND_DECLARED = new Set(['Status']);

// Prose the model does not carry, by Shape.member (or Shape for the type itself).
const NOTES = {
  Tag: 'A key-value tag.',
  EventTracker: "DescribeEventTracker's `eventTracker`.",
  EventTrackerSummary: 'One item of ListEventTrackers.',
  DatasetGroup: "DescribeDatasetGroup's `datasetGroup`.",
  DatasetGroupSummary: 'One item of ListDatasetGroups.',
  Event: 'One interaction for PutEvents.',
  'EventTracker.trackingId': 'The ID to use with PutEvents once the tracker is ACTIVE.',
  'CreateEventTrackerRequest.datasetGroupArn': 'The dataset group that receives the events (it can have one tracker).',
  'ListEventTrackersRequest.datasetGroupArn': 'Only the trackers of this dataset group.',
  'ListEventTrackersRequest.nextToken': "From the previous page's output.",
  'ListDatasetGroupsRequest.nextToken': "From the previous page's output.",
  'PutEventsRequest.trackingId': 'The `trackingId` of an ACTIVE event tracker.',
  'Event.eventType': 'e.g. `click`, `watch`.',
  'Event.sentAt': 'When the event happened: a Date or epoch seconds.',
  'Event.properties': 'A JSON object, or a string holding one, e.g. `{ numberOfRatings: 12 }`.',
  'Event.impression': 'Item ids shown to the user.',
  'TagResourceRequest.resourceArn': 'The resource to tag (an event tracker, dataset group, ...).',
  'UntagResourceRequest.tagKeys': 'The keys of the tags to remove.',
};

// Members the client adds to an operation's output (the model has none for these operations).
const CLIENT_OUTPUT_MEMBERS = {
  PutEvents: [
    '  /**',
    "   * The eventId of every event, in order: the one given, or the one derived from the event's",
    '   * content (the same event sent again gets the same id, so Personalize records it once).',
    '   */',
    '  eventIds: string[];',
  ],
};

function jsdoc(lines, indent = '') {
  const text = lines.filter(Boolean);
  if (text.length === 0) return [];
  if (text.length === 1 && text[0].length < 100) return [`${indent}/** ${text[0]} */`];
  return [`${indent}/**`, ...text.map((l) => `${indent} * ${l}`), `${indent} */`];
}

const docPattern = (p) => p.replace(/\*\//g, '*\\/');

/** Which structures are reached from inputs and which from outputs (their timestamps differ). */
function directions(model) {
  const reached = { in: new Set(reachedShapes(model, inputShapeNames(model))), out: new Set(reachedShapes(model, outputShapeNames(model))) };
  return (name) => ['in', 'out'].filter((d) => reached[d].has(name));
}

const hasTimestamp = (model, name) => reachedShapes(model, [name]).some((n) => shapeOf(model, n).type === 'timestamp');

/** The type names of the shapes: an operation's input and output by the operation, else TYPE_NAMES or the shape's name. */
function dtsTypeNames(model) {
  const opOfShape = new Map();
  for (const [op, o] of Object.entries(model.operations)) {
    opOfShape.set(o.input, `${op}Input`);
    if (o.output) opOfShape.set(o.output, `${op}Output`);
  }
  return { opOfShape, typeName: (name) => opOfShape.get(name) ?? TYPE_NAMES[name] ?? name };
}

/** A member's TypeScript type; timestamps are `Date | number` going in (dir 'in'), `Date` coming out. */
function tsType(model, typeName, name, dir) {
  const s = shapeOf(model, name);
  if (HAND_DECLARED.has(name)) return typeName(name);
  if (rulesOf(s).includes('jsonObjectOrString')) return 'string | { [key: string]: unknown }';
  switch (s.type) {
    case 'string': return s.enum ? typeName(name) : 'string';
    case 'integer': case 'long': case 'float': case 'double': return 'number';
    case 'boolean': return 'boolean';
    case 'timestamp': return dir === 'in' ? 'Date | number' : 'Date';
    case 'list': {
      const item = tsType(model, typeName, s.member, dir);
      return /[ |]/.test(item) ? `Array<${item}>` : `${item}[]`;
    }
    case 'structure': return typeName(name);
    default: throw new Error(`model.json: shape type ${s.type} has no TypeScript type`);
  }
}

/** A member's doc comment lines: its note, the constraints of an input, whether it is sensitive. */
function memberDoc(model, parent, member, shapeName, dir) {
  const s = shapeOf(model, shapeName);
  const lines = [NOTES[`${parent}.${member}`]];
  const words = s.type === 'list' ? constraintWords(s) : HAND_DECLARED.has(shapeName) || s.enum ? '' : constraintWords(s);
  if (dir === 'in' && words) lines.push(s.type === 'list' ? `${words}.` : `${words[0].toUpperCase()}${words.slice(1)}.`);
  if (s.type === 'list' && dir === 'in') {
    const item = shapeOf(model, s.member);
    const itemWords = item.type === 'string' && !item.enum ? constraintWords(item) : '';
    if (itemWords) lines.push(`Each: ${itemWords}.`);
  }
  const sensitive = s.sensitive || (s.type === 'list' && shapeOf(model, s.member).sensitive && shapeOf(model, s.member).type !== 'structure');
  if (sensitive) lines.push('Sensitive: never part of error messages or logs.');
  return lines.map((l) => (l ? docPattern(l) : l));
}

/** A structure's declaration: an interface (an operation's output extends MetadataBearer) or, when empty, a type. */
function structureLines(model, names, name, dir) {
  const { opOfShape, typeName } = names;
  const s = shapeOf(model, name);
  const tname = typeName(name);
  const isOutput = tname.endsWith('Output') && opOfShape.get(name) === tname;
  const opName = isOutput ? tname.slice(0, -'Output'.length) : undefined;
  // Inputs: the model's required members. Outputs: those the client refuses a success without.
  const required = new Set(dir === 'in' ? s.required ?? [] : s.clientRequired ?? []);
  const members = Object.entries(s.members ?? {});
  const extra = isOutput ? CLIENT_OUTPUT_MEMBERS[opName] ?? [] : [];
  const out = jsdoc([NOTES[name], s.sensitive ? 'Sensitive: its members are never part of error messages or logs.' : '']);
  if (members.length === 0 && extra.length === 0) {
    return [...out, `export type ${tname} = ${isOutput ? 'MetadataBearer' : 'Record<string, never>'};`];
  }
  out.push(`export interface ${tname}${isOutput ? ' extends MetadataBearer' : ''} {`);
  for (const [member, shapeName] of members) {
    out.push(...jsdoc(memberDoc(model, name, member, shapeName, dir), '  '));
    out.push(`  ${member}${required.has(member) ? '' : '?'}: ${tsType(model, typeName, shapeName, dir)};`);
  }
  return [...out, ...extra, '}'];
}

/** The enums and the structures the operations reach, other than the operations' inputs and outputs. */
function sharedTypeLines(model, names) {
  const out = [];
  const dirs = directions(model);
  const reached = reachedShapes(model, Object.values(model.operations).flatMap((o) => [o.input, o.output]));
  for (const name of reached) {
    const s = shapeOf(model, name);
    if (s.type !== 'string' || !s.enum || HAND_DECLARED.has(name)) continue;
    out.push('', `export type ${names.typeName(name)} = ${s.enum.map(quoteTs).join(' | ')};`);
  }
  for (const name of reached) {
    const s = shapeOf(model, name);
    if (s.type !== 'structure' || names.opOfShape.has(name) || s.exception) continue;
    const d = dirs(name);
    if (d.length === 2 && hasTimestamp(model, name)) {
      throw new Error(`model.json: ${name} is both input and output and has timestamps; give it two type names`);
    }
    out.push('', ...structureLines(model, names, name, d[0]));
  }
  return out;
}

/** Each operation's Input and Output, then OperationInputs / OperationOutputs / OperationName. */
function operationTypeLines(model, names) {
  const out = ['', '// Operation inputs and outputs.'];
  for (const [op, o] of Object.entries(model.operations)) {
    out.push('', ...structureLines(model, names, o.input, 'in'));
    if (o.output) {
      out.push(...structureLines(model, names, o.output, 'out'));
    } else if (CLIENT_OUTPUT_MEMBERS[op]) {
      out.push(`export interface ${op}Output extends MetadataBearer {`, ...CLIENT_OUTPUT_MEMBERS[op], '}');
    } else {
      out.push(`export type ${op}Output = MetadataBearer;`);
    }
  }
  const ops = Object.keys(model.operations);
  out.push('', '/** Input type by operation name, for `send` and `validate`. */', 'export interface OperationInputs {',
    ...ops.map((op) => `  ${op}: ${op}Input;`), '}');
  out.push('', '/** Output type by operation name. */', 'export interface OperationOutputs {',
    ...ops.map((op) => `  ${op}: ${op}Output;`), '}');
  out.push('', 'export type OperationName = keyof OperationInputs;');
  return out;
}

/** The d.ts text between the markers (without them): enums first, then the structures, then the operations. */
export function dtsRegion(model) {
  const names = dtsTypeNames(model);
  const out = [...sharedTypeLines(model, names), ...operationTypeLines(model, names)];
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}
