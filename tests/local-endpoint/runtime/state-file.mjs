// The local endpoint's state on disk, for --state FILE:
//
//   FILE               dataset groups and trackers: JSON, rewritten whole (temporary file, fsync,
//                      rename, fsync of the folder) after each change; they are few.
//   FILE.events.jsonl  the stored PutEvents events, one JSON record a line, appended per call (so a
//                      PutEvents costs the same with 100 events stored as with 100 000), replayed at
//                      start and compacted once most of its lines are events no longer kept.
//   FILE.lock          the pid of the one process using FILE, created exclusively ('wx'); a second
//                      process refuses to start, and the lock of a process no longer running is taken over.
//
// An empty or corrupt FILE or journal is moved aside to NAME.corrupt-<time> with a message, and
// the endpoint starts without it. A FILE that is valid JSON but not a state file is left alone and
// refused (it is most likely someone else's file).

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';

const STATE_VERSION = 1;
const COMPACT_MIN_DEAD_LINES = 1000;
// A lock file with no pid yet is one being written, unless it is older than this.
const LOCK_WRITE_GRACE_MS = 2000;

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function fsyncFolder(dir) {
  let fd;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch { /* not every file system lets a folder be opened or synced */ } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Replaces file by text (a string, or strings written one after another): a temporary file in the
 * same folder, fsynced, then renamed over it, then the folder fsynced.
 */
export function writeFileDurably(file, text) {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    for (const piece of typeof text === 'string' ? [text] : text) fs.writeSync(fd, piece);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* ignore */ }
    try { fs.unlinkSync(tmp); } catch { /* ignore */ }
    throw e;
  }
  fsyncFolder(dir);
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Renames a file that cannot be used out of the way; returns its new name. */
function moveAside(file) {
  const aside = `${file}.corrupt-${stamp()}`;
  fs.renameSync(file, aside);
  return aside;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Takes FILE.lock for this process or throws an Error that says who holds it. */
function acquireLock(file, lockFile, log) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx', 0o644);
      try {
        fs.writeSync(fd, `${process.pid}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let text;
    let mtimeMs;
    try {
      text = fs.readFileSync(lockFile, 'utf8');
      mtimeMs = fs.statSync(lockFile).mtimeMs;
    } catch (e) {
      if (e.code === 'ENOENT') continue; // released meanwhile
      throw e;
    }
    const pid = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
    if (pid === null && Date.now() - mtimeMs < LOCK_WRITE_GRACE_MS) {
      throw new Error(`state file ${file} is being opened by another process (lock file ${lockFile}); ` +
        'stop it or pass another --state');
    }
    if (pid !== null && isRunning(pid)) {
      throw new Error(`state file ${file} is in use by process ${pid} (lock file ${lockFile}); ` +
        'stop that process or pass another --state');
    }
    log(`taking over the lock ${lockFile} of ${pid === null ? 'an unknown process' : `process ${pid}`}, which is not running`);
    try { fs.unlinkSync(lockFile); } catch (e) { if (e.code !== 'ENOENT') throw e; }
  }
  throw new Error(`could not take the lock ${lockFile} for state file ${file}`);
}

function releaseLock(lockFile) {
  try {
    if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
  } catch { /* already gone */ }
}

/** What is wrong with a parsed version-1 state file, or null. */
function stateProblem(data) {
  if (!Number.isInteger(data.seq ?? 0)) return '"seq" is not an integer';
  for (const key of ['datasetGroups', 'eventTrackers']) {
    const list = data[key] ?? [];
    if (!Array.isArray(list) || !list.every((r) => isObject(r) && typeof r.arn === 'string')) {
      return `"${key}" is not a list of records with an "arn"`;
    }
  }
  if (data.events !== undefined && !(Array.isArray(data.events) && data.events.every(isEventRecord))) {
    return '"events" is not a list of event records';
  }
  return null;
}

const isEventRecord = (r) => isObject(r) && typeof r.trackingId === 'string' && isObject(r.event);

/** The state in FILE, or null when there is none (or it was unusable and moved aside). */
function readState(file, log) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
  let problem = null;
  let data;
  if (text.trim() === '') {
    problem = 'it is empty';
  } else {
    try {
      data = JSON.parse(text);
    } catch {
      problem = 'it is not valid JSON';
    }
  }
  if (!problem) {
    if (!isObject(data) || data.version !== STATE_VERSION) {
      throw new Error(`${file} is not a local endpoint state file (it has no "version": ${STATE_VERSION}); ` +
        'it was left as it is: pass another --state');
    }
    problem = stateProblem(data);
  }
  if (problem) {
    const aside = moveAside(file);
    log(`state file ${file} could not be used (${problem}); moved it to ${aside} and started with an empty state`);
    return null;
  }
  return data;
}

/** Calls onLine for each complete line of file (read 1 MiB at a time); returns the text after the last newline. */
function forEachLine(file, onLine) {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      rest += decoder.write(chunk.subarray(0, n));
      let start = 0;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
        onLine(rest.slice(start, nl));
        start = nl + 1;
      }
      rest = rest.slice(start);
    }
  } finally {
    fs.closeSync(fd);
  }
  return rest + decoder.end();
}

/** The event records in the journal; a torn last line is dropped, other bad lines move the journal aside. */
function readJournal(journal, log) {
  const records = [];
  let bad = 0;
  let tail;
  try {
    tail = forEachLine(journal, (line) => {
      let rec;
      try { rec = JSON.parse(line); } catch { rec = undefined; }
      if (isEventRecord(rec)) records.push(rec);
      else bad++;
    });
  } catch (e) {
    if (e.code === 'ENOENT') return { records: [], rewrite: false };
    throw e;
  }
  if (bad > 0) {
    const aside = moveAside(journal);
    log(`event journal ${journal} had ${bad} unreadable line${bad === 1 ? '' : 's'}; moved it to ${aside} and kept the ${records.length} readable events`);
    return { records, rewrite: true };
  }
  if (tail !== '') {
    log(`event journal ${journal} ended in an incomplete line (an interrupted write); it was dropped`);
    return { records, rewrite: true };
  }
  return { records, rewrite: false };
}

const journalText = (records) => records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** The journal for `records` in pieces of 10 000 lines (one string for millions would not fit). */
function* journalPieces(records) {
  for (let i = 0; i < records.length; i += 10_000) yield journalText(records.slice(i, i + 10_000));
}

/**
 * Opens the state for FILE: takes the lock, reads (or moves aside) FILE and replays the journal.
 * Returns { state: {seq, datasetGroups, eventTrackers} | null, events, saveState(data),
 *   appendEvents(records), rewriteEvents(records), maybeCompact(records), close() }. Throws when
 * FILE is in use or not a state file.
 */
export function openStateStore(file, { log }) {
  const lockFile = `${file}.lock`;
  const journal = `${file}.events.jsonl`;
  acquireLock(file, lockFile, log);
  let fd = null;
  let lines = 0; // lines in the journal
  try {
    const data = readState(file, log);
    const replayed = readJournal(journal, log);
    const events = [...(data?.events ?? []), ...replayed.records];
    lines = replayed.records.length;

    const store = {
      state: data ? { seq: data.seq ?? 0, datasetGroups: data.datasetGroups ?? [], eventTrackers: data.eventTrackers ?? [] } : null,
      events,
      saveState(state) {
        writeFileDurably(file, JSON.stringify({ version: STATE_VERSION, ...state }, null, 1));
      },
      /** Appends the records of one PutEvents: one write of a few lines, whatever is stored already. */
      appendEvents(records) {
        if (records.length === 0) return;
        fs.writeSync(fd, journalText(records));
        lines += records.length;
      },
      /** Rewrites the journal to hold exactly `records` (after a reset, or to drop events no longer kept). */
      rewriteEvents(records) {
        fs.closeSync(fd);
        fd = null;
        try {
          writeFileDurably(journal, journalPieces(records));
          lines = records.length;
        } finally {
          fd = fs.openSync(journal, 'a', 0o600); // the old journal, if the rewrite failed
        }
      },
      /** Compacts when most lines are events no longer kept (amortized O(1) per event). */
      maybeCompact(records) {
        if (lines - records.length > Math.max(records.length, COMPACT_MIN_DEAD_LINES)) store.rewriteEvents(records);
      },
      close() {
        if (fd !== null) { fs.closeSync(fd); fd = null; }
        releaseLock(lockFile);
      },
    };
    fd = fs.openSync(journal, 'a', 0o600);
    // Events of an older state file (they used to live in it) and a repaired journal are written
    // to the journal first, then the state file without them: a crash in between repeats, never loses.
    if (replayed.rewrite || data?.events) store.rewriteEvents(events);
    if (data?.events) store.saveState(store.state);
    return store;
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    releaseLock(lockFile);
    throw e;
  }
}
