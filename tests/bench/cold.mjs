// Child process, run fresh each time: import → first signed CreateEventTracker request.
// node cold.mjs ours|sdk → one JSON line, times in ms:
//   beforeImport  performance.now() (ms since the process started) before the client's import
//   signed        ms since process start when the transport stub received the signed request
//   fromImport    signed - beforeImport: import + construct + validate/build/sign of the first call
//   done          ms since process start when the first call's output was parsed and returned
import { report } from './common.mjs';
import { CLIENTS } from './clients.mjs';

const name = process.argv[2];
if (!CLIENTS[name]) throw new Error(`unknown client ${name}`);
const beforeImport = performance.now();
let signed;
const call = await CLIENTS[name](() => {
  signed ??= performance.now();
});
const constructed = performance.now();
await call();
const done = performance.now();
if (signed === undefined) throw new Error(`${name}: no request reached the transport`);
report({ name, beforeImport, constructed, signed, fromImport: signed - beforeImport, done });
