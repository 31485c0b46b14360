// The two clients: Amazon Personalize (event trackers, dataset groups, tags, paginators and
// waiters) and Personalize Events (PutEvents).

import { PaginationError, ValidationError, WaiterFailureError, WaiterTimeoutError } from './errors.mjs';
import { sleep } from './retry.mjs';
import { DEFAULT_MAX_PAGES, ServiceClient, limit } from './service-client.mjs';

/** @typedef {{signal?: AbortSignal, requestTimeout?: number}} CallOptions */

/** Amazon Personalize (control plane): event trackers and dataset groups. */
export class PersonalizeClient extends ServiceClient {
  static serviceId = 'personalize';

  /**
   * Creates an event tracker. When the service says the name is taken (on any attempt: an
   * earlier attempt's answer may have been lost, or the browser may have resent the POST by
   * itself), the tracker is looked up, and returned with $metadata.recovered = true only if it
   * has this name and dataset group and was created no earlier than this call began (by the
   * server's clock). Any other tracker of that name keeps the ResourceAlreadyExistsException.
   * @param {{datasetGroupArn: string, name: string, tags?: Array<{tagKey: string, tagValue: string}>}} input
   */
  async createEventTracker(input, options) {
    try {
      return await this.send('CreateEventTracker', input, options);
    } catch (err) {
      if (err.name !== 'ResourceAlreadyExistsException' || err.serverTimeAtStart === undefined) throw err;
      let found;
      try {
        found = await this.findTracker(input.datasetGroupArn, input.name, options);
      } catch (lookupError) {
        // After a lost answer the tracker may well be ours: say that the lookup is what failed.
        if (err.uncertain) {
          err.message += ` (an earlier attempt's answer was lost, and looking the tracker up failed: ${lookupError.name}: ${lookupError.message})`;
          err.cause = lookupError;
        }
        throw err;
      }
      // Strictly later: a tracker created in the very millisecond the call began is not evidence.
      const created = found?.creationDateTime instanceof Date ? found.creationDateTime.getTime() : NaN;
      if (!(created > err.serverTimeAtStart)) throw err;
      return {
        eventTrackerArn: found.eventTrackerArn,
        trackingId: found.trackingId,
        $metadata: { ...err.$metadata, httpStatusCode: 200, recovered: true },
      };
    }
  }

  async findTracker(datasetGroupArn, name, options) {
    for await (const page of this.paginateListEventTrackers({ datasetGroupArn }, options)) {
      const match = page.eventTrackers?.find((t) => t.name === name);
      if (!match) continue;
      const { eventTracker } = await this.describeEventTracker({ eventTrackerArn: match.eventTrackerArn }, options);
      return eventTracker.datasetGroupArn === datasetGroupArn ? eventTracker : undefined;
    }
    return undefined;
  }

  /** @param {{eventTrackerArn: string}} input */
  describeEventTracker(input, options) {
    return this.send('DescribeEventTracker', input, options);
  }

  /** @param {{datasetGroupArn?: string, maxResults?: number, nextToken?: string}} [input] @param {CallOptions} [options] */
  listEventTrackers(input = {}, options = undefined) {
    return this.send('ListEventTrackers', input, options);
  }

  /** Every page of ListEventTrackers. */
  paginateListEventTrackers(input = {}, options) {
    return paginate((i) => this.listEventTrackers(i, options), input, this.config.maxPages);
  }

  /** @param {{eventTrackerArn: string}} input */
  deleteEventTracker(input, options) {
    return this.send('DeleteEventTracker', input, options);
  }

  /** @param {{name: string, roleArn?: string, kmsKeyArn?: string, domain?: string, tags?: Array<{tagKey: string, tagValue: string}>}} input */
  createDatasetGroup(input, options) {
    return this.send('CreateDatasetGroup', input, options);
  }

  /** @param {{datasetGroupArn: string}} input */
  describeDatasetGroup(input, options) {
    return this.send('DescribeDatasetGroup', input, options);
  }

  /** @param {{maxResults?: number, nextToken?: string}} [input] @param {CallOptions} [options] */
  listDatasetGroups(input = {}, options = undefined) {
    return this.send('ListDatasetGroups', input, options);
  }

  paginateListDatasetGroups(input = {}, options) {
    return paginate((i) => this.listDatasetGroups(i, options), input, this.config.maxPages);
  }

  /** @param {{datasetGroupArn: string}} input */
  deleteDatasetGroup(input, options) {
    return this.send('DeleteDatasetGroup', input, options);
  }

  /** Adds or overwrites tags on an event tracker or dataset group.
   * @param {{resourceArn: string, tags: Array<{tagKey: string, tagValue: string}>}} input */
  tagResource(input, options) {
    return this.send('TagResource', input, options);
  }

  /** @param {{resourceArn: string, tagKeys: string[]}} input */
  untagResource(input, options) {
    return this.send('UntagResource', input, options);
  }

  /** @param {{resourceArn: string}} input */
  listTagsForResource(input, options) {
    return this.send('ListTagsForResource', input, options);
  }

  /**
   * Polls DescribeEventTracker until ACTIVE; rejects on CREATE FAILED, timeout or abort.
   * @param {{eventTrackerArn: string}} input
   * @param {{maxWaitTime?: number, minDelay?: number, maxDelay?: number, signal?: AbortSignal, onStatus?: (status: string, tracker: object) => void}} [options] times in seconds
   */
  waitUntilEventTrackerActive(input, options = {}) {
    return wait(this, input, options, {
      done: (t) => t.status === 'ACTIVE',
      failed: (t) => (t.status === 'CREATE FAILED' || t.status.startsWith('DELETE') ? `entered ${t.status}` : undefined),
      goal: 'ACTIVE',
    });
  }

  /** Polls DescribeEventTracker until the tracker is gone (ResourceNotFoundException). */
  waitUntilEventTrackerDeleted(input, options = {}) {
    return wait(this, input, options, {
      done: () => false,
      failed: (t) => (t.status === 'ACTIVE' || t.status.startsWith('CREATE') ? `is ${t.status}, not being deleted` : undefined),
      gone: true,
      goal: 'deleted',
    });
  }
}

/** Pages until there is no nextToken; stops with a PaginationError on a repeated token, or
 * after maxPages pages (a service that hands out fresh tokens forever would never end). */
async function* paginate(list, input, maxPages) {
  const pageLimit = limit(maxPages, DEFAULT_MAX_PAGES);
  let nextToken = input.nextToken;
  const seen = new Set();
  for (let pages = 1; ; pages++) {
    const page = await list({ ...input, nextToken });
    yield page;
    nextToken = page.nextToken;
    if (!nextToken) return;
    if (seen.has(nextToken)) throw new PaginationError('The service returned the same nextToken twice; stopped to avoid an endless loop');
    if (pages >= pageLimit) throw new PaginationError(`Stopped after ${pageLimit} pages (maxPages) with the service still returning a nextToken`);
    seen.add(nextToken);
  }
}

/** AWS waiter timing: delays grow from minDelay to maxDelay with jitter, within maxWaitTime. */
async function wait(client, input, options, rule) {
  const { maxWaitTime = 300, minDelay = 2, maxDelay = 30, signal, onStatus } = options;
  if (!(minDelay > 0 && maxDelay >= minDelay && maxWaitTime > 0)) {
    throw new ValidationError([{ field: 'waiterOptions', message: 'need 0 < minDelay <= maxDelay and maxWaitTime > 0 (seconds)' }]);
  }
  const deadline = Date.now() + maxWaitTime * 1000;
  let last;
  for (let attempt = 1; ; attempt++) {
    let tracker;
    try {
      ({ eventTracker: tracker } = await client.describeEventTracker(input, { signal }));
    } catch (err) {
      if (rule.gone && err.name === 'ResourceNotFoundException') {
        onStatus?.('DELETED', undefined);
        return { state: 'SUCCESS', eventTrackerArn: input.eventTrackerArn };
      }
      throw err;
    }
    if (tracker.status !== last) {
      last = tracker.status;
      onStatus?.(tracker.status, tracker);
    }
    if (rule.done(tracker)) return tracker;
    const why = rule.failed(tracker);
    if (why) throw new WaiterFailureError(`Event tracker ${tracker.name ?? input.eventTrackerArn} ${why}`, tracker);
    const ceiling = Math.log(maxDelay / minDelay) / Math.log(2) + 1;
    const cap = attempt > ceiling ? maxDelay : minDelay * 2 ** (attempt - 1);
    const delay = Math.min(maxDelay, minDelay + Math.random() * (cap - minDelay)) * 1000;
    if (Date.now() + delay > deadline) {
      throw new WaiterTimeoutError(`Event tracker ${tracker.name ?? input.eventTrackerArn} was not ${rule.goal} within ${maxWaitTime} s (last status: ${tracker.status})`, tracker);
    }
    await sleep(delay, signal);
  }
}

/** Amazon Personalize Events (data plane): PutEvents. */
export class PersonalizeEventsClient extends ServiceClient {
  static serviceId = 'personalize-events';

  /**
   * Records events for an ACTIVE tracker's trackingId. sentAt: a Date or epoch seconds. An event
   * without an eventId gets one derived from its content (in the WASM core), so the same event sent
   * again, by a retry or by the caller, is recorded once; the output's eventIds lists the ids used.
   * @param {{trackingId: string, userId?: string, sessionId: string, eventList: Array<object>}} input
   */
  putEvents(input, options) {
    return this.send('PutEvents', input, options);
  }
}
