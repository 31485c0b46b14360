// The load test's bookkeeping: problems (any makes the run FAIL), unhandled rejections, every
// call's latency, attempts and errors per operation, and the lifecycle's accounting.
export const problems = []; // accounting violations: any makes the run FAIL
export const problem = (msg) => { if (problems.length < 50) problems.push(msg); else problems.length === 50 && problems.push('…'); };
export const unhandled = [];
process.on('unhandledRejection', (reason) => { unhandled.push(String(reason?.stack ?? reason)); });

/** Log-scale latency histogram: constant memory, percentiles within ~2 %. */
class Histogram {
  static BASE = 1.02;
  static MIN = 0.01; // ms
  constructor() { this.counts = new Uint32Array(1200); this.n = 0; }
  add(ms) {
    const i = ms <= Histogram.MIN ? 0 : Math.min(this.counts.length - 1, Math.ceil(Math.log(ms / Histogram.MIN) / Math.log(Histogram.BASE)));
    this.counts[i]++;
    this.n++;
  }
  percentile(p) {
    let target = Math.ceil(this.n * p);
    for (let i = 0; i < this.counts.length; i++) {
      target -= this.counts[i];
      if (target <= 0) return Histogram.MIN * Histogram.BASE ** i;
    }
    return Infinity;
  }
}

export const ops = new Map(); // operation -> { latency: Histogram, calls, errors: Map(name -> n), retries }
const opStats = (op) => {
  let s = ops.get(op);
  if (!s) ops.set(op, (s = { latency: new Histogram(), calls: 0, ok: 0, errors: new Map(), retries: 0 }));
  return s;
};
/** Calls in flight now. */
export const live = { inflight: 0 };
export const networkCauses = new Map(); // why the final attempt of a call could not reach the endpoint
const describeCause = (err) => {
  const c = err.cause?.cause ?? err.cause;
  return `${c?.code ?? c?.name ?? 'unknown'}${c?.message ? ` (${c.message})` : ''}`.slice(0, 80);
};

export const acct = {
  creates: 0, created: 0, recovered: 0, failedClean: 0, orphaned: 0, createErrors: new Map(),
  deleted: 0, deleteRecovered: 0, trackersLive: 0, maxTrackersPerGroup: 0, listedWrong: 0,
  batches: 0, accepted: 0, uncertain: 0, uncertainStored: 0, rejected: 0, stored: 0, resentEvents: 0,
  appRetries: 0, fullLists: 0, cycles: 0,
};
export const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

/** Times every call (the waiters' and the recovery's inner calls included) and counts attempts. */
export const instrumented = (Base) => class extends Base {
  async send(operation, input, options) {
    const s = opStats(operation);
    const start = performance.now();
    live.inflight++;
    try {
      const out = await super.send(operation, input, options);
      s.ok++;
      s.retries += out.$metadata.attempts - 1;
      return out;
    } catch (err) {
      s.errors.set(err.name, (s.errors.get(err.name) ?? 0) + 1);
      if (err.name === 'NetworkError') count(networkCauses, describeCause(err));
      s.retries += Math.max(0, (err.$metadata?.attempts ?? 1) - 1);
      throw err;
    } finally {
      live.inflight--;
      s.calls++;
      s.latency.add(performance.now() - start);
    }
  }
};
