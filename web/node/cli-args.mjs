// The command line split as argparse splits it for the AWS CLI: global options, the command (and a
// waiter's name), and the command's raw parameters, with argparse's errors for what does not fit.
import {
  CHOICES, COMMANDS, GLOBAL_SWITCHES, GLOBAL_VALUE_FLAGS, OPTIONAL_VALUE, SERVICES, WAITERS, commandSpec,
} from './cli-commands.mjs';
import { invalidChoice, unknownOptionsError, usageError } from './cli-errors.mjs';

/** An option of the form --flag (a value may come after it) or --flag=value. */
const isOption = (token) => token.startsWith('--') && token.length > 2;

/**
 * Splits argv into the global options, the command (+ waiter) and the command's raw parameters.
 * The command is `<command>` or, as the AWS CLI names it, `personalize <command>` /
 * `personalize-events put-events`.
 * @returns {{globals: object, service?: string, command?: string, waiter?: string, help: boolean, raw: Map<string, string[]>, spec?: object}}
 */
export function parseArgs(argv) {
  const state = { globals: {}, raw: new Map(), positionals: [], unknown: [], help: false, service: undefined, spec: undefined };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--') || token === '--') positional(state, token);
    else i = option(state, argv, i);
  }
  return finish(state);
}

/** A word: `help`, the service, the command, a waiter's name, or one too many. */
function positional(state, token) {
  const { positionals, service } = state;
  if (token === 'help') {
    state.help = true;
  } else if (positionals.length === 0 && service === undefined && SERVICES[token]) {
    state.service = token;
  } else if (positionals.length === 0) {
    positionals.push(token);
    if (service === undefined || SERVICES[service]().includes(token)) state.spec = commandSpec(token);
  } else if (positionals.length === 1 && state.spec?.wait) {
    positionals.push(token);
  } else {
    state.unknown.push(token);
  }
}

/** The value of an option that takes one: inline (--flag=value) or the next token. [value, index of the last token used]. */
function takeOne(argv, i, flag, inline) {
  if (inline !== undefined) return [inline, i];
  const next = argv[i + 1];
  if (next === undefined || isOption(next)) throw usageError(`argument ${flag}: expected one argument`);
  return [next, i + 1];
}

/** The option at argv[i], recorded in state; returns the index of the last token it used. */
function option(state, argv, i) {
  const token = argv[i];
  const eq = token.indexOf('=');
  const flag = eq > 0 ? token.slice(0, eq) : token;
  const inline = eq > 0 ? token.slice(eq + 1) : undefined;
  const name = flag.slice(2);
  const checked = (value) => {
    if (CHOICES[flag] && !CHOICES[flag].includes(value)) throw usageError(`argument ${flag}: ${invalidChoice(value, CHOICES[flag])}`);
    return value;
  };
  if (GLOBAL_SWITCHES.has(flag)) {
    if (inline !== undefined) throw usageError(`argument ${flag}: ignored explicit argument '${inline}'`);
    if (flag === '--help') state.help = true;
    else state.globals[name] = true;
    return i;
  }
  if (GLOBAL_VALUE_FLAGS.has(flag)) {
    const [value, last] = takeOne(argv, i, flag, inline);
    state.globals[name] = checked(value);
    return last;
  }
  if (OPTIONAL_VALUE[flag] !== undefined) {
    const next = argv[i + 1];
    const given = inline ?? (next !== undefined && !next.startsWith('-') ? next : undefined);
    state.globals[name] = given === undefined ? OPTIONAL_VALUE[flag] : checked(given);
    return inline === undefined && given !== undefined ? i + 1 : i;
  }
  const param = state.spec?.allParams?.[flag];
  if (!param) {
    // As argparse: an unknown option and the values after it are all reported.
    state.unknown.push(token);
    if (inline === undefined) while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) state.unknown.push(argv[++i]);
    return i;
  }
  if (param.type !== 'list') {
    const [value, last] = takeOne(argv, i, flag, inline);
    state.raw.set(flag, [value]);
    return last;
  }
  const values = inline !== undefined ? [inline] : [];
  while (inline === undefined && i + 1 < argv.length && !isOption(argv[i + 1])) values.push(argv[++i]);
  if (values.length === 0) throw usageError(`argument ${flag}: expected at least one argument`);
  state.raw.set(flag, values);
  return i;
}

/** The parsed command line, or argparse's error for a missing or unknown command, waiter or option. */
function finish({ globals, raw, help, service, spec, positionals, unknown }) {
  const [command, second] = positionals;
  const result = { globals, raw, help, service, command, spec };
  if (spec?.wait) result.waiter = second;
  if (help || globals.version) return result;
  if (service !== undefined) {
    if (command === undefined) throw usageError('the following arguments are required: operation');
    if (!spec) throw usageError(`argument operation: ${invalidChoice(command, [...SERVICES[service](), 'help'])}`);
  }
  if (command === undefined) throw usageError('the following arguments are required: command');
  if (!spec) throw usageError(`argument command: ${invalidChoice(command, [...Object.keys(SERVICES), ...Object.keys(COMMANDS), 'wait', 'help'])}`);
  if (spec.wait) {
    if (second === undefined) throw usageError('the following arguments are required: waiter_name');
    if (!WAITERS[second]) throw usageError(`argument waiter_name: ${invalidChoice(second, Object.keys(WAITERS))}`);
  }
  if (unknown.length) throw unknownOptionsError(unknown);
  return result;
}
