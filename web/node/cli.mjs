#!/usr/bin/env node
// personalize-wasm: a command line shaped like the AWS CLI, for Amazon Personalize event trackers
// and dataset groups, and Personalize Events PutEvents. Built only on the public exports of
// ../lib/personalize.mjs (validation, signing and parsing run in personalize.wasm) and ./config.mjs.
//
//   personalize-wasm [options] <command> [parameters]
//   personalize-wasm help
//
// Output goes to stdout (json, 4-space indented, or text); errors go to stderr. Exit codes, as the
// AWS CLI's: 0 ok, 252 bad command line or parameter validation, 253 configuration or credentials,
// 254 the service returned an error, 255 anything else, 130 interrupted (SIGINT).
//
// This file is the bin entry: it runs the program when executed. The program's parts, by the
// sections of a run:
//   cli-commands.mjs   the commands, waiters and global options (params.mjs: generated from the model)
//   cli-args.mjs       the command line split as argparse splits it
//   cli-input.mjs      the operation's input: --cli-input-json/-yaml, file://, JSON, numbers
//   cli-shorthand.mjs  the AWS CLI's shorthand syntax
//   cli-settings.mjs   the AWS CLI's settings (output, retries, timeouts) and the client options
//   cli-run.mjs        one run: the client, the waiter or the operation, the rendered result
//   cli-paginate.mjs   --max-items / --starting-token over the client's paginators
//   cli-render.mjs     --query and the output formats (output.mjs, output-table.mjs)
//   cli-skeleton.mjs   --generate-cli-skeleton
//   cli-help.mjs       help texts and the version
//   cli-debug.mjs      --debug logging, secrets redacted
//   cli-errors.mjs     the CLI's errors and how every error is reported
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './cli-args.mjs';
import { EXIT } from './cli-commands.mjs';
import { CliError, describeError } from './cli-errors.mjs';
import { run } from './cli-run.mjs';
import { parseShorthand } from './cli-shorthand.mjs';
import { escapeControls, formatText, formatTimestamp } from './output.mjs';

export { describeError, escapeControls, formatText, formatTimestamp, parseArgs, parseShorthand, run };

async function main() {
  // `personalize-wasm local-endpoint [--port N] [--state FILE] [--step-ms MS] …`: the packaged local
  // endpoint's own command line (tests/local-endpoint/runtime/server.mjs), loaded only for this subcommand.
  if (process.argv[2] === 'local-endpoint') {
    const { runCommandLine } = await import('../../tests/local-endpoint/runtime/server.mjs');
    return runCommandLine(process.argv.slice(3), { program: 'personalize-wasm local-endpoint' });
  }
  // Output piped into something that stops reading (| head): end quietly.
  process.stdout.on('error', (err) => process.exit(err.code === 'EPIPE' ? EXIT.OK : EXIT.OTHER));
  const controller = new AbortController();
  process.on('SIGINT', () => {
    controller.abort();
    process.stderr.write('\n');
    process.exit(EXIT.INTERRUPTED);
  });
  let exitCode;
  try {
    const result = await run(process.argv.slice(2), { signal: controller.signal });
    if (result.stdout) await new Promise((resolve) => process.stdout.write(result.stdout, resolve));
    exitCode = result.exitCode;
  } catch (err) {
    const described = describeError(err);
    if (process.argv.includes('--debug') && !(err instanceof CliError) && err?.stack) {
      const frames = String(err.stack).split('\n').filter((line) => /^\s+at /.test(line));
      process.stderr.write(`${[`${escapeControls(err.name)}: ${escapeControls(err.message)}`, ...frames.map(escapeControls)].join('\n')}\n`);
    }
    if (described.message) await new Promise((resolve) => process.stderr.write(`${described.message}\n`, resolve));
    exitCode = described.exitCode;
  }
  process.exit(exitCode);
}

// Run when executed (node web/node/cli.mjs, or npx personalize-wasm through the bin symlink), not when imported.
const invokedDirectly = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) main();
