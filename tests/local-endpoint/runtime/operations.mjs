// The operations: one handler per model operation, (input, ctx) -> output (null: an empty body).
// ctx is the caller's { accountId, region }; resources are visible only within their own account
// and region. Inputs are validated against the model (shapes.mjs) first; then the service's rules.

import crypto from 'node:crypto';
import { ApiError } from './errors.mjs';
import { validateInput } from './shapes.mjs';

const TAG_LIMIT = 50; // user tags per resource (the model's list limit, 200, is checked first)

export function partitionOf(region) {
  if (/^cn-/.test(region)) return 'aws-cn';
  if (/^us-gov-/.test(region)) return 'aws-us-gov';
  if (/^us-isob-/.test(region)) return 'aws-iso-b';
  if (/^us-isof-/.test(region)) return 'aws-iso-f';
  if (/^us-iso-/.test(region)) return 'aws-iso';
  if (/^eu-isoe-/.test(region)) return 'aws-iso-e';
  if (/^eusc-/.test(region)) return 'aws-eusc';
  return 'aws';
}

const arnOf = (ctx, resource) => `arn:${partitionOf(ctx.region)}:personalize:${ctx.region}:${ctx.accountId}:${resource}`;
const owned = (rec, ctx) => rec && rec.accountId === ctx.accountId && rec.region === ctx.region;
const notFound = (arn) => new ApiError('ResourceNotFoundException', `Could not find resource with ARN ${arn}`);
const given = (v) => v !== undefined && v !== null;

// ---- tags ----

const tooMany = (n) => new ApiError('TooManyTagsException', `The number of tags (${n}) exceeds the maximum of ${TAG_LIMIT} tags per resource.`);

/** The service's rules beyond the model: no aws: prefix (any case), each key once. Values are not quoted. */
function checkTags(tags) {
  if (!tags) return;
  const seen = new Set();
  tags.forEach((t, i) => {
    if (/^aws:/i.test(t.tagKey) || /^aws:/i.test(t.tagValue)) {
      throw new ApiError('InvalidInputException', "Tag keys and values may not start with 'aws:'; that prefix is reserved for AWS use.");
    }
    if (seen.has(t.tagKey)) {
      throw new ApiError('InvalidInputException', `The tag key at 'tags.${i + 1}.member.tagKey' was given before; tag keys must be unique.`);
    }
    seen.add(t.tagKey);
  });
}

/** tags with `added` put in: a key already there gets the new value, in its place. */
function mergeTags(tags, added) {
  const out = tags.map((t) => ({ ...t }));
  for (const t of added) {
    const old = out.find((o) => o.tagKey === t.tagKey);
    if (old) old.tagValue = t.tagValue;
    else out.push({ tagKey: t.tagKey, tagValue: t.tagValue });
  }
  return out;
}

// ---- pagination ----

function pageToken(op, after, filter) {
  return Buffer.from(JSON.stringify({ op, after, filter: filter ?? '' })).toString('base64url');
}
function readToken(op, token, filter) {
  if (!given(token)) return -1;
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (t && t.op === op && Number.isInteger(t.after) && t.filter === (filter ?? '') &&
        pageToken(op, t.after, filter) === token) return t.after;
  } catch { /* fall through */ }
  throw new ApiError('InvalidNextTokenException', 'The specified nextToken is not valid.');
}
/** One page of items in creation order: { page, nextToken } (a token only when there are more). */
function paginate(op, items, input, filter) {
  const after = readToken(op, input.nextToken, filter);
  const max = input.maxResults ?? 100;
  const rest = items.filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
  const page = rest.slice(0, max);
  return { page, nextToken: rest.length > max ? pageToken(op, page[page.length - 1].seq, filter) : undefined };
}

// Shared by the handler groups below: lookups within the caller's account and region.
function finders({ datasetGroups, trackers }) {
  const find = (map) => (arn, ctx) => {
    const rec = map.get(arn);
    if (!owned(rec, ctx)) throw notFound(arn);
    return rec;
  };
  const findTracker = find(trackers);
  return {
    findDatasetGroup: find(datasetGroups),
    findTracker,
    findTaggable: (arn, ctx) => (owned(datasetGroups.get(arn), ctx) ? datasetGroups.get(arn) : findTracker(arn, ctx)),
  };
}

function deletable(kind, rec, v) {
  if (v.status !== 'ACTIVE' && v.status !== 'CREATE FAILED') {
    throw new ApiError('ResourceInUseException', `${kind} ${rec.arn} is in status ${v.status}; it can be deleted only when ACTIVE or CREATE FAILED.`);
  }
}

const summary = (rec, v) => ({
  name: rec.name, [rec.trackingId ? 'eventTrackerArn' : 'datasetGroupArn']: rec.arn, status: v.status,
  creationDateTime: v.created, lastUpdatedDateTime: v.updated,
});

function datasetGroupOperations({ store }) {
  const { datasetGroups, trackers } = store;
  const { findDatasetGroup } = finders(store);
  return {
    CreateDatasetGroup(input, ctx) {
      validateInput('CreateDatasetGroup', input);
      checkTags(input.tags);
      if ((input.tags ?? []).length > TAG_LIMIT) throw tooMany(input.tags.length);
      const arn = arnOf(ctx, `dataset-group/${input.name}`);
      if (datasetGroups.has(arn)) throw new ApiError('ResourceAlreadyExistsException', `Dataset group with name ${input.name} already exists.`);
      const rec = { arn, name: input.name, accountId: ctx.accountId, region: ctx.region, ...store.stamp(), tags: input.tags ?? [] };
      for (const k of ['roleArn', 'kmsKeyArn', 'domain']) if (given(input[k])) rec[k] = input[k];
      datasetGroups.set(arn, rec);
      store.save();
      return rec.domain ? { datasetGroupArn: arn, domain: rec.domain } : { datasetGroupArn: arn };
    },
    DescribeDatasetGroup(input, ctx) {
      validateInput('DescribeDatasetGroup', input);
      const dg = findDatasetGroup(input.datasetGroupArn, ctx);
      const v = store.dgView(dg);
      const out = { name: dg.name, datasetGroupArn: dg.arn, status: v.status };
      if (dg.roleArn) out.roleArn = dg.roleArn;
      if (dg.kmsKeyArn) out.kmsKeyArn = dg.kmsKeyArn;
      out.creationDateTime = v.created;
      out.lastUpdatedDateTime = v.updated;
      if (dg.domain) out.domain = dg.domain;
      return { datasetGroup: out };
    },
    ListDatasetGroups(input, ctx) {
      validateInput('ListDatasetGroups', input);
      const { page, nextToken } = paginate('ListDatasetGroups', [...datasetGroups.values()].filter((r) => owned(r, ctx)), input);
      const out = {
        datasetGroups: page.map((dg) => {
          const s = summary(dg, store.dgView(dg));
          return dg.domain ? { ...s, domain: dg.domain } : s;
        }),
      };
      if (nextToken) out.nextToken = nextToken;
      return out;
    },
    DeleteDatasetGroup(input, ctx) {
      validateInput('DeleteDatasetGroup', input);
      const dg = findDatasetGroup(input.datasetGroupArn, ctx);
      deletable('Dataset group', dg, store.dgView(dg));
      const tr = [...trackers.values()].find((t) => t.datasetGroupArn === dg.arn);
      if (tr) throw new ApiError('ResourceInUseException', `Dataset group ${dg.arn} still has an event tracker (${tr.arn}); delete it first.`);
      store.markDeleted(dg);
      return {};
    },
  };
}

function eventTrackerOperations({ store, faults }) {
  const { trackers } = store;
  const { findDatasetGroup, findTracker } = finders(store);
  return {
    CreateEventTracker(input, ctx) {
      validateInput('CreateEventTracker', input);
      checkTags(input.tags);
      if ((input.tags ?? []).length > TAG_LIMIT) throw tooMany(input.tags.length);
      const dg = findDatasetGroup(input.datasetGroupArn, ctx);
      const dv = store.dgView(dg);
      if (dv.status !== 'ACTIVE') {
        throw new ApiError('ResourceInUseException',
          `Dataset group ${dg.arn} is in status ${dv.status}; it must be ACTIVE to create an event tracker.`);
      }
      const all = [...trackers.values()];
      if (all.some((t) => t.name === input.name && owned(t, ctx))) {
        throw new ApiError('ResourceAlreadyExistsException', `Event tracker with name ${input.name} already exists.`);
      }
      const existing = all.find((t) => t.datasetGroupArn === dg.arn);
      if (existing) {
        throw new ApiError('ResourceAlreadyExistsException',
          `Dataset group ${dg.arn} already has an event tracker (${existing.arn}); only one event tracker is allowed per dataset group.`);
      }
      let arn;
      do arn = arnOf(ctx, `event-tracker/${crypto.randomBytes(4).toString('hex')}`); while (trackers.has(arn));
      const rec = {
        arn, name: input.name, accountId: ctx.accountId, region: ctx.region, ...store.stamp(),
        trackingId: crypto.randomUUID(), datasetGroupArn: dg.arn, tags: input.tags ?? [], failed: faults.takeTrackerFailure(),
      };
      trackers.set(arn, rec);
      store.save();
      return { eventTrackerArn: arn, trackingId: rec.trackingId };
    },
    DescribeEventTracker(input, ctx) {
      validateInput('DescribeEventTracker', input);
      const tr = findTracker(input.eventTrackerArn, ctx);
      const v = store.trView(tr);
      return {
        eventTracker: {
          name: tr.name, eventTrackerArn: tr.arn, accountId: tr.accountId, trackingId: tr.trackingId,
          datasetGroupArn: tr.datasetGroupArn, status: v.status, creationDateTime: v.created, lastUpdatedDateTime: v.updated,
        },
      };
    },
    ListEventTrackers(input, ctx) {
      validateInput('ListEventTrackers', input);
      const filter = input.datasetGroupArn ?? undefined;
      const mine = [...trackers.values()].filter((r) => owned(r, ctx) && (!filter || r.datasetGroupArn === filter));
      const { page, nextToken } = paginate('ListEventTrackers', mine, input, filter);
      const out = { eventTrackers: page.map((tr) => summary(tr, store.trView(tr))) };
      if (nextToken) out.nextToken = nextToken;
      return out;
    },
    DeleteEventTracker(input, ctx) {
      validateInput('DeleteEventTracker', input);
      const tr = findTracker(input.eventTrackerArn, ctx);
      deletable('Event tracker', tr, store.trView(tr));
      store.markDeleted(tr);
      return {};
    },
  };
}

function tagOperations({ store }) {
  const { findTaggable } = finders(store);
  return {
    TagResource(input, ctx) {
      validateInput('TagResource', input);
      checkTags(input.tags);
      const rec = findTaggable(input.resourceArn, ctx);
      const tags = mergeTags(rec.tags ?? [], input.tags);
      if (tags.length > TAG_LIMIT) throw tooMany(tags.length);
      rec.tags = tags;
      store.save();
      return {};
    },
    UntagResource(input, ctx) {
      validateInput('UntagResource', input);
      const rec = findTaggable(input.resourceArn, ctx);
      const gone = new Set(input.tagKeys);
      rec.tags = (rec.tags ?? []).filter((t) => !gone.has(t.tagKey));
      store.save();
      return {};
    },
    ListTagsForResource(input, ctx) {
      validateInput('ListTagsForResource', input);
      const rec = findTaggable(input.resourceArn, ctx);
      return { tags: (rec.tags ?? []).map((t) => ({ tagKey: t.tagKey, tagValue: t.tagValue })) };
    },
  };
}

function eventOperations({ store, serverNow, countDuplicates }) {
  const { trackers } = store;
  return {
    PutEvents(input, ctx) {
      validateInput('PutEvents', input);
      const tr = [...trackers.values()].find((t) => t.trackingId === input.trackingId && owned(t, ctx));
      if (!tr) throw new ApiError('ResourceNotFoundException', `Could not find an event tracker with tracking ID ${input.trackingId}.`, 404);
      const v = store.trView(tr);
      if (v.status !== 'ACTIVE') {
        throw new ApiError('ResourceNotFoundException',
          `The event tracker with tracking ID ${input.trackingId} is not ACTIVE (status ${v.status}).`, 404);
      }
      const receivedAt = serverNow() / 1000;
      const records = input.eventList.map((event) => {
        const rec = { trackingId: input.trackingId };
        if (given(input.userId)) rec.userId = input.userId;
        return Object.assign(rec, { sessionId: input.sessionId, event, receivedAt });
      });
      countDuplicates(store.events.add(records));
      return null; // empty body
    },
  };
}

/**
 * The handlers. deps: { store (store.mjs), faults (faults.mjs), serverNow() (the skewed clock, ms),
 * countDuplicates(n) (told how many events of a PutEvents were repeats, by eventId) }.
 */
export function createOperations(deps) {
  return { ...datasetGroupOperations(deps), ...eventTrackerOperations(deps), ...tagOperations(deps), ...eventOperations(deps) };
}
