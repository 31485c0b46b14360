// The CLI's errors and how they are reported: argparse's usage errors (with its "Invalid choice"
// suggestions), parameter errors, and every other error worded and exited as the AWS CLI does.
import { EXIT, PROG } from './cli-commands.mjs';
import { escapeControls, pyRepr } from './output.mjs';

/** An error of the command line itself: its exit code, and whether the usage block goes with it. */
export class CliError extends Error {
  constructor(message, code, { usage = false, unknown = false } = {}) {
    super(message);
    this.exitCode = code;
    this.usage = usage;
    this.unknown = unknown;
  }
}
export const usageError = (message) => new CliError(message, EXIT.USAGE, { usage: true });
export const unknownOptionsError = (tokens) => new CliError(`Unknown options: ${tokens.join(', ')}`, EXIT.USAGE, { unknown: true });
export const paramError = (message) => new CliError(message, EXIT.USAGE);

export const configError = (message) => new CliError(message, EXIT.OTHER);

// The AWS CLI's usage block (awscli/argparser.py), with this program's name and the flat form too.
const USAGE = `usage: ${PROG} [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  ${PROG} help
  ${PROG} <command> help
  ${PROG} <command> <subcommand> help
`;

/** difflib.SequenceMatcher(None, a, b).ratio(), without the junk heuristic (short strings). */
function similarity(a, b) {
  const matches = (aLo, aHi, bLo, bHi) => {
    let best = [aLo, bLo, 0];
    for (let i = aLo; i < aHi; i++) {
      for (let j = bLo; j < bHi; j++) {
        let k = 0;
        while (i + k < aHi && j + k < bHi && a[i + k] === b[j + k]) k++;
        if (k > best[2]) best = [i, j, k];
      }
    }
    const [i, j, k] = best;
    return k === 0 ? 0 : k + matches(aLo, i, bLo, j) + matches(i + k, aHi, j + k, bHi);
  };
  return a.length + b.length === 0 ? 1 : (2 * matches(0, a.length, 0, b.length)) / (a.length + b.length);
}

/** argparse's "Invalid choice" text as the AWS CLI lays it out: two columns, then close matches. */
export function invalidChoice(value, choices) {
  const lines = ['Invalid choice, valid choices are:\n'];
  for (let i = 0; i < choices.length; i += 2) lines.push(choices.slice(i, i + 2).map((c) => c.padEnd(40)).join(' | '));
  // difflib.get_close_matches(value, choices, cutoff=0.8): the best 3, ties by name, descending.
  const close = choices.map((c) => [similarity(value, c), c]).filter(([r]) => r >= 0.8)
    .sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : 0)).slice(0, 3);
  if (close.length) lines.push(`\n\nInvalid choice: ${pyRepr(value)}, maybe you meant:\n`, ...close.map(([, c]) => `  * ${c}`));
  return lines.join('\n');
}

/** The message and exit code for an error, as the AWS CLI reports it. */
export function describeError(err) {
  if (err instanceof CliError) {
    // argparse's layout (usage, then "prog: error: ..."), and the AWS CLI's for unknown options.
    if (err.usage) return { message: `\n${USAGE}\n${PROG}: error: ${err.message}\n`, exitCode: err.exitCode };
    if (err.unknown) return { message: `\n${USAGE}\n${err.message}\n`, exitCode: err.exitCode };
    return { message: `\n${err.message}`, exitCode: err.exitCode };
  }
  // Names and messages may come from the server: one line each, controls escaped.
  const name = escapeControls(err?.name);
  const message = escapeControls(err?.message ?? err);
  if (err?.$fault) {
    const attempts = err.$metadata?.attempts;
    const retries = attempts > 1 ? ` (reached max retries: ${attempts - 1})` : '';
    return { message: `\nAn error occurred (${name}) when calling the ${err.operation ?? 'service'} operation${retries}: ${message}`, exitCode: EXIT.SERVICE };
  }
  if (name === 'ValidationError') {
    const lines = Array.isArray(err.errors) && err.errors.length
      ? err.errors.map((e) => `Invalid value for parameter ${escapeControls(e.field)}, ${escapeControls(e.message)}`)
      : [message];
    return { message: `\nParameter validation failed:\n${lines.join('\n')}`, exitCode: EXIT.USAGE };
  }
  if (/Missing Region/.test(message) && (name === 'EndpointError' || name === 'ConfigurationError')) {
    return { message: '\nYou must specify a region. You can also configure your region by running "aws configure".', exitCode: EXIT.CONFIG };
  }
  if (name === 'CredentialsProviderError') {
    // ./config.mjs's own errors, worded as the AWS CLI words them (or naming the package to add).
    // A missing profile and partial credentials exit 255 in the AWS CLI (botocore's generic errors).
    if (/^The config profile \(.*\) could not be found$|^Partial credentials found in /.test(message)) return { message: `\n${escapeControls(message)}`, exitCode: EXIT.OTHER };
    if (/, which needs AWS's credential providers: /.test(message)) return { message: `\n${escapeControls(message)}`, exitCode: EXIT.CONFIG };
    return { message: '\nUnable to locate credentials. You can configure credentials by running "aws configure".', exitCode: EXIT.CONFIG };
  }
  if (name === 'EndpointError' || name === 'ConfigurationError') return { message: `\n${message}`, exitCode: EXIT.CONFIG };
  if (name === 'AbortError') return { message: '', exitCode: EXIT.INTERRUPTED };
  // The paginator's bounds (the glue's: DEFAULT_MAX_PAGES pages, a repeated token), worded as botocore does.
  if (name === 'PaginationError') return { message: `\nError during pagination (${err.operation ?? 'service'} operation): ${message}`, exitCode: EXIT.OTHER };
  // Everything else, network failures and timeouts too: the message as it is, 255.
  return { message: `\n${message}`, exitCode: EXIT.OTHER };
}
