// The load test's command line: how long, how many workers and clients, the dataset group pool,
// the endpoint's step, and the fault plan (the rates of throttling, dropped connections and 503s
// the endpoint injects, from a seed). Exits 2 on a bad option, 0 after --help.
import { parseArgs } from 'node:util';

const USAGE = 'usage: node tests/load/run.mjs [--seconds N] [--inflight N] [--clients N] [--groups N] [--step-ms MS] [--seed N]\n' +
  '                          [--throttle-rate R] [--drop-rate R] [--error-rate R]   (defaults 0.10, 0.02, 0.01)';

function parse() {
  try {
    return parseArgs({
      options: {
        seconds: { type: 'string', default: '60' },
        inflight: { type: 'string', default: '240' },
        clients: { type: 'string', default: '8' },
        groups: { type: 'string' },
        'step-ms': { type: 'string', default: '20' },
        seed: { type: 'string', default: '20240601' },
        'throttle-rate': { type: 'string', default: '0.10' },
        'drop-rate': { type: 'string', default: '0.02' },
        'error-rate': { type: 'string', default: '0.01' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
}

const opts = parse();
if (opts.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const int = (name, min, max) => {
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < min || v > max) {
    process.stderr.write(`--${name} must be an integer from ${min} to ${max}\n${USAGE}\n`);
    process.exit(2);
  }
  return v;
};
const rate = (name) => {
  const v = Number(opts[name]);
  if (!(v >= 0 && v <= 1)) {
    process.stderr.write(`--${name} must be a number from 0 to 1\n${USAGE}\n`);
    process.exit(2);
  }
  return v;
};

export const SECONDS = int('seconds', 1, 3600);
export const WORKERS = int('inflight', 1, 5000);
export const CLIENTS = int('clients', 1, 256);
export const STEP_MS = int('step-ms', 1, 10000);
export const SEED = int('seed', 0, 0xffffffff);
export const GROUPS = opts.groups === undefined ? Math.max(400, WORKERS + 50) : int('groups', WORKERS, 100000);
/** The fault plan, as the endpoint's admin route takes it (with the seed). */
export const FAULTS = { throttleRate: rate('throttle-rate'), dropRate: rate('drop-rate'), serverErrorRate: rate('error-rate') };
export const HARD_DEADLINE_MS = SECONDS * 1000 * 2 + 90_000;
