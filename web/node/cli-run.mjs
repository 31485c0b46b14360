// One command line run: parsed, its input built, the client made from the settings, then the
// waiter or the operation (all pages of a list command) called and the result rendered.
import { PersonalizeClient, PersonalizeEventsClient } from '../lib/personalize.mjs';
import { parseArgs } from './cli-args.mjs';
import { EXIT, PROG, WAITERS } from './cli-commands.mjs';
import { debugFetch, debugLogger, redactArguments } from './cli-debug.mjs';
import { CliError, paramError } from './cli-errors.mjs';
import { helpText, packageVersion } from './cli-help.mjs';
import { buildInput } from './cli-input.mjs';
import { decodeToken, paginateAll } from './cli-paginate.mjs';
import { compileQuery, render } from './cli-render.mjs';
import { checkEndpointUrl, cliSettings, clientOptions } from './cli-settings.mjs';
import { skeleton } from './cli-skeleton.mjs';
import { escapeControls } from './output.mjs';

const versionLine = () => `${PROG}/${packageVersion()} Node.js/${process.version} ${process.platform}/${process.arch}`;

/**
 * Runs one command line; resolves to { stdout, exitCode } (stderr is written as it goes).
 * @param {string[]} argv @param {{ signal?: AbortSignal }} [options]
 */
export async function run(argv, { signal } = {}) {
  const parsed = parseArgs(argv);
  if (parsed.globals.version && !parsed.help) return { stdout: `${versionLine()}\n`, exitCode: EXIT.OK };
  if (parsed.help) return { stdout: helpText(parsed), exitCode: EXIT.OK };
  const { globals, spec } = parsed;
  const { input, cliOptions } = buildInput(parsed);
  if (globals['generate-cli-skeleton'] !== undefined) return { stdout: skeleton(spec, globals['generate-cli-skeleton']), exitCode: EXIT.OK };
  checkEndpointUrl(globals['endpoint-url']);
  const query = compileQuery(globals.query);
  const settings = await cliSettings(globals);
  const color = globals.color === 'on' || (globals.color !== 'off' && !!process.stdout.isTTY);
  const format = { output: settings.output, query, title: spec.operation, color, timestampFormat: settings.timestampFormat };

  // Like the AWS CLI, an explicit --profile takes precedence over credentials in the environment.
  if (globals.profile !== undefined) {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
  }

  let client;
  const secrets = () => {
    const c = client?.config?.credentials;
    return [c?.secretAccessKey, c?.sessionToken, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN];
  };
  const debug = debugLogger(!!globals.debug, secrets);
  debug.log(versionLine());
  debug.log(`Arguments entered to CLI: ${JSON.stringify(redactArguments(argv, spec))}`);
  const options = clientOptions(globals, settings, debug.enabled ? debugFetch(() => client, debug) : undefined);
  const ClientClass = spec.events ? PersonalizeEventsClient : PersonalizeClient;
  client = new ClientClass(options);

  if (spec.wait) return runWaiter(client, WAITERS[parsed.waiter], input, cliOptions, { signal, debug });
  debug.log(`Operation ${spec.operation}`);
  const result = await callOperation(client, parsed, input, cliOptions, signal ? { signal } : undefined);
  return { stdout: render(result, format), exitCode: EXIT.OK };
}

/** `wait <waiter>`: prints nothing on success; a failure is the AWS CLI's "Waiter X failed: ..." (255). */
async function runWaiter(client, waiter, input, cliOptions, { signal, debug }) {
  const waitOptions = { signal };
  if (cliOptions.delay !== undefined) waitOptions.minDelay = cliOptions.delay;
  if (cliOptions['max-delay'] !== undefined) waitOptions.maxDelay = cliOptions['max-delay'];
  else if (cliOptions.delay !== undefined) waitOptions.maxDelay = Math.max(cliOptions.delay, 30);
  if (cliOptions['max-wait-time'] !== undefined) waitOptions.maxWaitTime = cliOptions['max-wait-time'];
  if (debug.enabled) waitOptions.onStatus = (status) => debug.log(`Waiter ${waiter.name}: status ${status}`);
  try {
    await client[waiter.method](input, waitOptions);
  } catch (err) {
    if (err.$fault) throw new CliError(`Waiter ${waiter.name} failed: An error occurred (${escapeControls(err.name)}): ${escapeControls(err.message)}`, EXIT.OTHER);
    if (err.name === 'WaiterFailureError' || err.name === 'WaiterTimeoutError') {
      throw new CliError(`Waiter ${waiter.name} failed: ${escapeControls(err.message)}`, EXIT.OTHER);
    }
    throw err;
  }
  return { stdout: '', exitCode: EXIT.OK };
}

/**
 * The operation's result for render(): every page of a list command (unless --no-paginate or an
 * explicit --max-results / --next-token), else the one call's { data }. A service or pagination
 * error is tagged with the operation, for describeError().
 * @param {any} client @param {any} parsed @param {any} input @param {any} cliOptions @param {any} callOptions
 */
async function callOperation(client, { spec, globals, raw }, input, cliOptions, callOptions) {
  try {
    const explicitPaging = raw.has('--max-results') || raw.has('--next-token');
    if (spec.resultKey && !globals['no-paginate'] && !explicitPaging) {
      if (cliOptions['max-items'] < 0) throw paramError('argument --max-items: must be 0 or more');
      return await paginateAll(client, spec, input, {
        maxItems: cliOptions['max-items'], pageSize: cliOptions['page-size'], startingToken: cliOptions['starting-token'],
      }, callOptions);
    }
    if (spec.resultKey) {
      if (cliOptions['page-size'] !== undefined && input.maxResults === undefined) input.maxResults = cliOptions['page-size'];
      if (cliOptions['starting-token'] !== undefined && input.nextToken === undefined) input.nextToken = decodeToken(cliOptions['starting-token']).token.nextToken ?? undefined;
    }
    // Every command's client method is named after its operation; send() is the same call.
    return {
      data: typeof client[spec.method] === 'function' ? await client[spec.method](input, callOptions)
        : await client.send(spec.operation, input, callOptions),
    };
  } catch (err) {
    if (err.$fault || err.name === 'PaginationError') err.operation = spec.operation;
    throw err;
  }
}
