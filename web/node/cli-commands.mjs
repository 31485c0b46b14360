// The CLI's commands, waiters and global options: what the command line accepts, and the exit
// codes. The operations' parameters are generated from the model (./params.mjs); this adds how
// the CLI presents them.
import { COMMAND_PARAMS } from './params.mjs';

export const PROG = 'personalize-wasm';
export const EXIT = { OK: 0, USAGE: 252, CONFIG: 253, SERVICE: 254, OTHER: 255, INTERRUPTED: 130 };

// The commands and their parameters (flag -> member, type, required, list item shape, the model's
// constraints as help) are generated from the model: ./params.mjs. What the CLI adds is
// here: a summary per command, paginated list commands (resultKey, their paging members hidden as
// the AWS CLI hides them), and longer help where shorthand needs explaining.
const PRESENTATION = {
  'create-event-tracker': {
    summary: 'Creates an event tracker for a dataset group; prints its ARN and tracking ID.',
    help: {
      '--dataset-group-arn': 'the dataset group that receives the events',
      '--tags': 'tagKey=k,tagValue=v [tagKey=k2,tagValue=v2 ...] or JSON [{"tagKey":"k","tagValue":"v"}]',
    },
  },
  'describe-event-tracker': { summary: 'Describes an event tracker (status, tracking ID, timestamps).' },
  'list-event-trackers': {
    summary: 'Lists event trackers, optionally of one dataset group (all pages unless --no-paginate).',
    resultKey: 'eventTrackers', paginator: 'paginateListEventTrackers',
  },
  'delete-event-tracker': { summary: 'Deletes an event tracker (it goes DELETE PENDING, DELETE IN_PROGRESS, then away).' },
  'put-events': {
    summary: 'Records events for the tracking ID of an ACTIVE event tracker.',
    help: {
      '--event-list': 'file://events.json or JSON [{"eventType":"click","sentAt":1764151200,"itemId":"i1"}]; sentAt in epoch seconds or ISO 8601',
    },
  },
  'create-dataset-group': { summary: 'Creates a dataset group.', help: { '--tags': 'as for create-event-tracker' } },
  'describe-dataset-group': { summary: 'Describes a dataset group.' },
  'list-dataset-groups': {
    summary: 'Lists dataset groups (all pages unless --no-paginate).',
    resultKey: 'datasetGroups', paginator: 'paginateListDatasetGroups',
  },
  'delete-dataset-group': { summary: 'Deletes a dataset group that has no event tracker.' },
  'tag-resource': { summary: 'Adds tags to a resource (an event tracker, a dataset group, ...).', help: { '--tags': 'as for create-event-tracker' } },
  'untag-resource': { summary: "Removes a resource's tags by key.", help: { '--tag-keys': 'key [key2 ...] or JSON ["key","key2"]' } },
  'list-tags-for-resource': { summary: "Lists a resource's tags." },
};
const PAGING_MEMBERS = ['maxResults', 'nextToken'];

/** Parameters: flag -> { member (the API's name), type, required, shape (list items), help, hidden }. */
export const COMMANDS = Object.fromEntries(Object.entries(COMMAND_PARAMS).map(([name, generated]) => {
  const extra = PRESENTATION[name] ?? {};
  const params = Object.fromEntries(Object.entries(generated.params).map(([flag, p]) => {
    /** @type {{ [key: string]: any }} */
    const param = { ...p, help: extra.help?.[flag] ?? p.help };
    if (extra.resultKey && PAGING_MEMBERS.includes(p.member)) param.hidden = true;
    return [flag, param];
  }));
  return [name, {
    ...generated, summary: extra.summary ?? `Calls ${generated.operation}.`, resultKey: extra.resultKey,
    paginator: extra.paginator, events: generated.service === 'personalize-events', params,
  }];
}));

export const PAGINATION_PARAMS = {
  '--max-items': { type: 'integer', help: 'the most items to print; prints a NextToken when there are more' },
  '--page-size': { type: 'integer', help: 'items per service call (maxResults)' },
  '--starting-token': { help: 'the NextToken printed by an earlier --max-items call' },
};

export const WAITERS = {
  'event-tracker-active': {
    name: 'EventTrackerActive', method: 'waitUntilEventTrackerActive',
    summary: 'Waits until the event tracker is ACTIVE; fails if it ends in CREATE FAILED or is being deleted.',
  },
  'event-tracker-deleted': {
    name: 'EventTrackerDeleted', method: 'waitUntilEventTrackerDeleted',
    summary: 'Waits until the event tracker is gone.',
  },
};
export const WAITER_PARAMS = {
  '--event-tracker-arn': { member: 'eventTrackerArn', required: true },
  '--delay': { type: 'number', help: 'shortest delay between polls in seconds (default 2)' },
  '--max-delay': { type: 'number', help: 'longest delay between polls in seconds (default 30)' },
  '--max-wait-time': { type: 'number', help: 'give up after this many seconds (default 300)' },
};

export const GLOBAL_VALUE_FLAGS = new Set(['--region', '--profile', '--endpoint-url', '--output', '--query', '--color',
  '--cli-read-timeout', '--cli-connect-timeout', '--cli-input-json', '--cli-input-yaml']);
export const GLOBAL_SWITCHES = new Set(['--debug', '--no-paginate', '--help', '--version', '--no-cli-pager']);
/** Options whose value may be left out (argparse's nargs='?'): the value used then. */
export const OPTIONAL_VALUE = { '--generate-cli-skeleton': 'input' };
export const CHOICES = {
  '--output': ['json', 'text', 'table', 'yaml', 'yaml-stream'],
  '--color': ['on', 'off', 'auto'],
  '--generate-cli-skeleton': ['input', 'output', 'yaml-input'],
};
export const OUTPUTS = CHOICES['--output'];
/** The AWS CLI's service words: `personalize <command>`, `personalize-events put-events`. */
export const SERVICES = {
  personalize: () => [...Object.keys(COMMANDS).filter((c) => !COMMANDS[c].events), 'wait'],
  'personalize-events': () => Object.keys(COMMANDS).filter((c) => COMMANDS[c].events),
};

/** A command's spec with allParams (its parameters, and --max-items etc. for list commands), or undefined. */
export function commandSpec(name) {
  if (name === 'wait') return { wait: true, allParams: WAITER_PARAMS };
  const spec = COMMANDS[name];
  if (!spec) return undefined;
  return { ...spec, allParams: spec.resultKey ? { ...spec.params, ...PAGINATION_PARAMS } : spec.params };
}
