#!/usr/bin/env node
// The local endpoint: speaks the Amazon Personalize control plane (awsJson1_1, POST /) and
// Personalize Events PutEvents (rest-json, POST /events) closely enough for client tests, on
// 127.0.0.1. This file is its command line and re-exports its in-process API (index.mjs is the
// same API for harnesses). See README.md next to this file for the parts and what each holds.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalEndpoint, DEMO_CREDENTIALS } from './endpoint.mjs';
import { DEMO_REGION, MAX_STORED_EVENTS } from './store.mjs';
import { ADMIN_PREFIX, ADMIN_ROUTES } from './admin.mjs';

export { startLocalEndpoint, DEMO_CREDENTIALS, FIXTURE_STEP_MS } from './endpoint.mjs';
export { DEMO_REGION, DEMO_DATASET_GROUP } from './store.mjs';
export { ApiError } from './errors.mjs';
export { ADMIN_TOKEN_HEADER } from './access.mjs';
export { ADMIN_PREFIX } from './admin.mjs';
export { BODY_LIMITS, MAX_BODY_BYTES, ADMIN_BODY_BYTES, validateInput } from './shapes.mjs';
export { verifySigV4, parseRawQuery, amzDate, SIGNING_SERVICE } from './sigv4.mjs';
export { jsonTooDeep, MAX_JSON_DEPTH } from './http.mjs';

// ---- command line ----

let USAGE = 'usage: node tests/local-endpoint/runtime/server.mjs [--port N] [--state FILE] [--step-ms MS] [--admin] [--demo] [--credentials FILE] [--max-events N]';

function usageError(message) {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function intArg(args, name, def) {
  const value = args[name];
  if (value === undefined) return def;
  if (!/^\d+$/.test(value)) usageError(`--${name} must be a non-negative integer`);
  return Number(value);
}

function readCredentialsFile(file) {
  if (!file) return [];
  try {
    const list = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(list)) throw new Error('expected a JSON array');
    return list;
  } catch (e) {
    process.stderr.write(`--credentials ${file}: ${e.message}\n`);
    process.exit(2);
  }
}

/** The options of startLocalEndpoint() from the command line (exits with 2 on a bad flag). */
function parseCommandLine(argv) {
  /** @type {{ [name: string]: string | boolean | undefined }} */
  let args = {};
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' }, state: { type: 'string' }, 'step-ms': { type: 'string' }, admin: { type: 'boolean' },
        demo: { type: 'boolean' }, credentials: { type: 'string' }, 'max-events': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    usageError(e.message);
  }
  if (args.help) return null;
  const port = intArg(args, 'port', 0);
  if (port > 65535) {
    process.stderr.write('--port must be at most 65535\n');
    process.exit(2);
  }
  return {
    port, stateFile: args.state, stepMs: intArg(args, 'step-ms', 1000), admin: !!args.admin, demo: !!args.demo,
    credentials: readCredentialsFile(args.credentials), maxStoredEvents: intArg(args, 'max-events', MAX_STORED_EVENTS),
  };
}

/** What a child's parent reads: the URL on the first line, then the demo facts and the admin token. */
function startupLines(endpoint, admin) {
  const lines = [endpoint.url];
  lines.push(`demo credentials: AWS_ACCESS_KEY_ID=${DEMO_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${DEMO_CREDENTIALS.secretAccessKey} (account ${DEMO_CREDENTIALS.accountId})`);
  if (endpoint.demoDatasetGroupArn) lines.push(`demo dataset group (${DEMO_REGION}, ACTIVE): ${endpoint.demoDatasetGroupArn}`);
  if (admin) {
    lines.push(`admin routes: ${endpoint.url}${ADMIN_PREFIX}/{${ADMIN_ROUTES.join(',')}}`);
    lines.push(`admin token: ${endpoint.adminToken} (send it as X-Local-Endpoint-Admin-Token; it changes every run)`);
  }
  return lines;
}

/** The command line, also run by `personalize-wasm local-endpoint` (web/node/cli.mjs), which names itself in the usage. */
/** @param {string[]} argv @param {{ program?: string }} [options] */
export function runCommandLine(argv, { program } = {}) {
  if (program) USAGE = USAGE.replace('node tests/local-endpoint/runtime/server.mjs', program);
  return main(argv);
}

async function main(argv) {
  const options = parseCommandLine(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let endpoint;
  try {
    endpoint = await startLocalEndpoint(options);
  } catch (e) {
    process.stderr.write(`local endpoint: ${e.message}\n`);
    process.exit(1);
  }
  process.stdout.write(startupLines(endpoint, options.admin).join('\n') + '\n');
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    endpoint.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main(process.argv.slice(2));
