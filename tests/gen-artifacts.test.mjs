// What wasm/gen/gen_artifacts.mjs generates from the model (wasm/model.json) is current and follows it:
// web/lib/personalize.d.ts's generated region, web/node/params.mjs and web/lib/response.mjs's region
// (the output timestamps) are what the generator makes of the model now (./build.sh build
// regenerates them), and a change to the model shows up in each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../wasm/model.mjs';
import {
  CLI_FILE, DTS_FILE, GENERATED_BEGIN, GENERATED_END, GLUE_FILE, cliCommands, dtsRegion, fuzzDictionary, generatedFiles, glueRegion,
  inputFields, kebab, outputTimestamps,
} from '../wasm/gen/gen_artifacts.mjs';
import { COMMAND_PARAMS } from '../web/node/params.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const model = loadModel();

test('every generated file is current with wasm/model.json (./build.sh build regenerates them)', () => {
  const files = generatedFiles(model);
  assert.deepEqual(files.map(([file]) => file), [DTS_FILE, CLI_FILE, GLUE_FILE]);
  for (const [file, current, generated] of files) {
    assert.ok(current === generated, `${file} is stale: run ./build.sh build (or node wasm/gen/gen_artifacts.mjs)`);
    assert.equal(current.split(GENERATED_BEGIN).length, 2, `${file} has one "do not edit" region`);
    assert.equal(current.split(GENERATED_END).length, 2, `${file} has one end marker`);
  }
  const check = spawnSync(process.execPath, ['wasm/gen/gen_artifacts.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
});

test('the .d.ts declares an Input and an Output type for every operation, with the model\'s members and required ones', () => {
  const region = dtsRegion(model);
  for (const [op, o] of Object.entries(model.operations)) {
    const input = model.shapes[o.input];
    const body = new RegExp(`export interface ${op}Input \\{([\\s\\S]*?)\\n\\}`).exec(region)?.[1];
    assert.ok(body, `${op}Input`);
    for (const member of Object.keys(input.members)) {
      const optional = !(input.required ?? []).includes(member);
      assert.match(body, new RegExp(`\\n  ${member}${optional ? '\\?' : ''}: `), `${op}Input.${member}${optional ? '?' : ''}`);
    }
    assert.match(region, new RegExp(`export (interface|type) ${op}Output\\b`), `${op}Output`);
    assert.match(region, new RegExp(`\\n  ${op}: ${op}Input;`), `OperationInputs.${op}`);
  }
  // Client rules and sensitive members show in the types and their docs.
  assert.match(region, /properties\?: string \| \{ \[key: string\]: unknown \};/, 'properties: an object or a string holding one');
  assert.match(region, /Sensitive: never part of error messages or logs\.\s*\*\/\n  tagValue: string;/, 'tagValue is documented sensitive');
  assert.match(region, /sentAt: Date \| number;/, 'input timestamps: Date or epoch seconds');
  assert.match(region, /creationDateTime\?: Date;/, 'output timestamps: Date');
  assert.match(region, /export interface CreateEventTrackerOutput extends MetadataBearer \{[^}]*\n  eventTrackerArn: string;/, 'clientRequired output members are not optional');
});

test('the CLI has a command per operation, a flag per top-level member, required as the model says', () => {
  assert.deepEqual(Object.keys(COMMAND_PARAMS), Object.keys(model.operations).map(kebab));
  assert.deepEqual(COMMAND_PARAMS, cliCommands(model));
  for (const { operation, params } of Object.values(COMMAND_PARAMS)) {
    const input = model.shapes[model.operations[operation].input];
    assert.deepEqual(Object.values(params).map((p) => p.member), Object.keys(input.members), operation);
    for (const p of Object.values(params)) assert.equal(!!p.required, (input.required ?? []).includes(p.member), `${operation}.${p.member}`);
  }
  // The AWS CLI's option names for the tag operations.
  assert.deepEqual(Object.keys(COMMAND_PARAMS['tag-resource'].params), ['--resource-arn', '--tags']);
  assert.deepEqual(Object.keys(COMMAND_PARAMS['untag-resource'].params), ['--resource-arn', '--tag-keys']);
  assert.deepEqual(Object.keys(COMMAND_PARAMS['list-tags-for-resource'].params), ['--resource-arn']);
  assert.equal(COMMAND_PARAMS['create-dataset-group'].params['--kms-key-arn'].help, 'at most 2048 characters, matching arn:aws.*:kms:.*:[0-9]{12}:key/.*');
  assert.equal(COMMAND_PARAMS['put-events'].params['--user-id'].sensitive, true, 'sensitive parameters are marked (the CLI redacts them in --debug)');
});

test('a change to the model changes every generated artifact (nothing is copied by hand)', () => {
  const changed = structuredClone(model);
  changed.shapes.ListDatasetGroupsRequest.members.pageHint = 'Name';
  changed.shapes.ListDatasetGroupsRequest.required = ['pageHint'];
  changed.shapes.Name.max = 99;
  assert.match(dtsRegion(changed), /export interface ListDatasetGroupsInput \{[\s\S]*?\n  pageHint: string;/);
  assert.match(dtsRegion(changed), /1\.\.99 characters/);
  assert.deepEqual(cliCommands(changed)['list-dataset-groups'].params['--page-hint'], { member: 'pageHint', required: true, help: '1..99 characters, matching ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' });
  assert.ok(inputFields(changed, 'ListDatasetGroups').some((f) => f.path === 'pageHint' && f.required && f.kind === 'string'));
  assert.ok(fuzzDictionary(changed, 'fuzz_validate').includes('"\\"pageHint\\":"'));
});

test('the glue\'s output timestamps are exactly the model\'s timestamp members of output shapes', () => {
  assert.deepEqual(outputTimestamps(model), ['creationDateTime', 'lastUpdatedDateTime']);
  assert.ok(readFileSync(`${ROOT}${GLUE_FILE}`, 'utf8').includes(glueRegion(model)), 'web/lib/response.mjs carries the region');
  assert.ok(!outputTimestamps(model).includes('sentAt'), 'an input-only timestamp is not revived');
  // A timestamp added to an output shows up; a number named like one does not.
  const changed = structuredClone(model);
  changed.shapes.EventTracker.members.archivedAt = 'Date';
  changed.shapes.DatasetGroup.members.fooDateTime = 'MaxResults';
  assert.deepEqual(outputTimestamps(changed), ['archivedAt', 'creationDateTime', 'lastUpdatedDateTime']);
  assert.match(glueRegion(changed), /new Set\(\['archivedAt', 'creationDateTime', 'lastUpdatedDateTime'\]\)/);
  // A name that is a timestamp in one output shape and not in another cannot be revived by name.
  changed.shapes.DatasetGroupSummary.members.archivedAt = 'Name';
  assert.throws(() => outputTimestamps(changed), /archivedAt is a timestamp in one shape and not in another/);
});

test('the fuzzers\' dictionaries carry every input member, enum value and pattern literal of the model', () => {
  const dict = fuzzDictionary(model, 'fuzz_validate');
  for (const op of Object.keys(model.operations)) {
    for (const { path } of inputFields(model, op)) {
      const member = path.split(/[.[]/).filter((k) => k && !k.endsWith(']')).at(-1);
      assert.ok(dict.includes(`"\\"${member}\\":"`), `${op}: ${member}`);
    }
  }
  for (const entry of ['"ECOMMERCE"', '"VIDEO_ON_DEMAND"', '":personalize:"', '":role/"', '"aws:"', '"1501"']) assert.ok(dict.includes(entry), entry);
  assert.ok(fuzzDictionary(model, 'fuzz_response').includes('"TooManyTagKeysException"'));
  assert.deepEqual(fuzzDictionary(model, 'fuzz_sigv4'), []);
});
