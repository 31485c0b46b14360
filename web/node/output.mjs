// The CLI's output formats, as the AWS CLI v2 writes them (awscli/formatter.py, text.py): json
// (4-space indented), text (tab-separated), yaml and yaml-stream; table (boxed) is in
// ./output-table.mjs. Every format gets plain data (no $metadata, timestamps already strings) and
// escapes what a terminal would obey.
import { stringify as yamlStringify } from 'yaml';

// ---- terminal safety ---------------------------------------------------------------------------

// Text from the server (error names and messages, output values, --debug responses) ends up on a
// terminal, where control characters move the cursor, rewrite the window title (ESC ] ... BEL) or
// forge whole lines ("\nAn error occurred ..."), and bidi controls reorder what is shown. These
// are printed as visible escapes: C0 and DEL as \n \r \t or \x1b, the rest as \u{9b}. A
// backslash stays as it is (messages quote patterns such as ^[a-zA-Z0-9][a-zA-Z0-9\-_]*).
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (c) => c.codePointAt(0).toString(16);

/** Server text made safe for one line of a terminal. */
export function escapeControls(text) {
  return String(text).replace(TERMINAL_UNSAFE, (c) => NAMED_ESCAPES[c] ?? (c < '\u0080' ? `\\x${hex(c).padStart(2, '0')}` : `\\u{${hex(c)}}`));
}

// ---- values as Python prints them ----------------------------------------------------------------

/** str(value) in Python: None, True, False; floats in Python's exponent form. */
export function pyStr(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
  return String(value);
}

/** repr(text) in Python, for the "Invalid choice: 'x'" lines. */
export function pyRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return `${quote}${text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
}

/** json.dumps(value) in Python (', ' and ': ' separators, ASCII only), for pagination tokens. */
export function pyJsonDumps(value) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pyJsonDumps(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => (c === '\u007f' ? c : `\\u${hex(c).padStart(4, '0')}`));
}

// ---- timestamps ----------------------------------------------------------------------------------

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** A Date as the AWS CLI prints timestamps: ISO 8601 in local time with its offset, microseconds. */
export function formatTimestamp(date) {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const ms = local.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:`
    + `${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${ms ? `.${pad(ms, 3)}000` : ''}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The output as plain data: no $metadata, Dates as the AWS CLI's cli_timestamp_format says:
 * 'iso8601' (the default) or 'wire' (epoch seconds, as the JSON protocols send them).
 */
export function plain(value, timestampFormat = 'iso8601') {
  if (value instanceof Date) return timestampFormat === 'wire' ? value.getTime() / 1000 : formatTimestamp(value);
  if (Array.isArray(value)) return value.map((v) => plain(v, timestampFormat));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== '$metadata' && v !== undefined) out[k] = plain(v, timestampFormat);
    return out;
  }
  return value;
}

// ---- json ----------------------------------------------------------------------------------------

// JSON.stringify escapes C0 controls; the other terminal-unsafe characters become \u escapes too,
// which JSON reads back as the same string.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeJsonUnsafe = (text) => text.replace(JSON_UNSAFE, (c) => `\\u${hex(c).padStart(4, '0')}`);

export function formatJson(data) {
  return `${escapeJsonUnsafe(JSON.stringify(data, null, 4))}\n`;
}

// ---- text (awscli/text.py) -----------------------------------------------------------------------

// Scalars of a structure on one tab-separated line, prefixed by the upper-cased name of the member
// that holds it; lists of structures one line each, with the columns of all the list's items.
export const isScalar = (v) => v === null || typeof v !== 'object';
const str = (v) => escapeControls(pyStr(v));
const label = (identifier) => escapeControls(identifier.toUpperCase());
export const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function formatText(data) {
  const lines = [];
  const text = (item, identifier, scalarKeys) => {
    if (Array.isArray(item)) list(item, identifier);
    else if (item && typeof item === 'object') dict(item, identifier, scalarKeys);
    else lines.push(str(item));
  };
  const scalarList = (items, identifier) => {
    if (identifier !== undefined) for (const v of items) lines.push(`${label(identifier)}\t${str(v)}`);
    else lines.push(items.map(str).join('\t'));
  };
  const list = (items, identifier) => {
    if (items.length === 0) return;
    if (items.some((e) => e && typeof e === 'object' && !Array.isArray(e))) {
      const keys = new Set();
      for (const e of items) if (e && typeof e === 'object') for (const [k, v] of Object.entries(e)) if (isScalar(v)) keys.add(k);
      const all = [...keys].sort(byCodePoint);
      for (const e of items) text(e, identifier, all);
    } else if (items.some(Array.isArray)) {
      const scalars = items.filter(isScalar);
      if (scalars.length) scalarList(scalars, identifier);
      for (const e of items.filter((x) => !isScalar(x))) text(e, identifier);
    } else {
      scalarList(items, identifier);
    }
  };
  const dict = (obj, identifier, scalarKeys) => {
    const scalars = [];
    const nested = [];
    if (scalarKeys === undefined) {
      for (const key of Object.keys(obj).sort(byCodePoint)) {
        if (isScalar(obj[key])) scalars.push(str(obj[key]));
        else nested.push([key, obj[key]]);
      }
    } else {
      for (const key of scalarKeys) scalars.push(key in obj ? str(obj[key]) : '');
      for (const key of Object.keys(obj).filter((k) => !scalarKeys.includes(k)).sort(byCodePoint)) nested.push([key, obj[key]]);
    }
    if (scalars.length) lines.push((identifier !== undefined ? [label(identifier), ...scalars] : scalars).join('\t'));
    for (const [key, value] of nested) text(value, key);
  };
  text(data);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

// ---- yaml (ruamel.yaml's safe dumper, block style) -----------------------------------------------

const YAML_OPTIONS = /** @type {const} */ ({ version: '1.1', sortMapEntries: true, indentSeq: false, singleQuote: true, lineWidth: 80, minContentWidth: 0 });

/** One YAML document; scalars as JSON (as the AWS CLI prints them, without a "..." end marker). */
export function formatYaml(data, { sortKeys = true } = {}) {
  if (data === null || typeof data !== 'object') return `${JSON.stringify(data ?? null)}\n`;
  return escapeJsonUnsafe(yamlStringify(data, { ...YAML_OPTIONS, sortMapEntries: sortKeys }));
}
