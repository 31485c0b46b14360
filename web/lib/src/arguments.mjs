// The arguments the glue writes into the core's input block: strings as UTF-8, bytes as they
// are, and packed strings (what several exports take as one argument, header pairs too), each
// passed as one (pointer, length) pair.

/** The glue's one encoder and decoder (UTF-8). */
export const encoder = new TextEncoder();
export const decoder = new TextDecoder();

/** Strings written as one packed argument: per string its UTF-8 length (u32, little-endian), then
 * its bytes; null or undefined is written as length 0. The order is boundary.json's for the export. */
export class Packed {
  /** @param {Array<string | null | undefined>} strings */
  constructor(strings) {
    this.strings = strings;
  }
}

/** A value Core.call writes into the block. @typedef {string | Uint8Array | Packed | number | null | undefined} Argument */

/** @param {Argument} v the bytes v may take in the block (strings: at most 3 a UTF-16 unit) */
export function sizeOf(v) {
  if (typeof v === 'string') return v.length * 3;
  // byteLength, not length: V8 11.3's optimizing compiler (Node 20) crashes on a `.length`
  // read from both strings and typed arrays in a function that also calls a Wasm export.
  if (v instanceof Uint8Array) return v.byteLength;
  let n = 0;
  if (v instanceof Packed) for (const s of v.strings) n += 4 + (s == null ? 0 : s.length * 3);
  return n;
}

/** Writes a u32, little-endian. @param {Uint8Array} memory @param {number} at @param {number} n */
function putU32(memory, at, n) {
  memory[at] = n;
  memory[at + 1] = n >> 8;
  memory[at + 2] = n >> 16;
  memory[at + 3] = n >>> 24;
}

/** Writes s as UTF-8 at memory[at]; returns the bytes written. Short ASCII strings (most
 * arguments) are copied directly: cheaper than encodeInto and its subarray.
 * @param {string} s @param {Uint8Array} memory @param {number} at */
export function putString(s, memory, at) {
  const n = s.length;
  if (n <= 64) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      memory[at + i] = c;
    }
    if (i === n) return n;
  }
  return encoder.encodeInto(s, memory.subarray(at)).written;
}

/** Writes a packed argument at memory[at]; returns the bytes written.
 * @param {Packed} v @param {Uint8Array} memory @param {number} at */
export function putPacked(v, memory, at) {
  let used = at;
  for (const s of v.strings) {
    const n = s == null ? 0 : putString(s, memory, used + 4);
    putU32(memory, used, n);
    used += 4 + n;
  }
  return used - at;
}


/**
 * Writes the values one after the other into memory (a view of the block, which starts at address
 * base): strings as UTF-8, bytes, lists, each as (pointer, length); null as (0, 0); numbers as
 * they are. Returns the export's arguments and the bytes used (which pw_done wipes).
 * @param {Argument[]} args @param {Uint8Array} memory @param {number} base
 */
export function putArguments(args, memory, base) {
  const flat = [];
  let used = 0;
  for (const v of args) {
    if (typeof v === 'number') {
      flat.push(v);
    } else if (v == null) {
      flat.push(0, 0);
    } else {
      const written = typeof v === 'string' ? putString(v, memory, used)
        : v instanceof Uint8Array ? (memory.set(v, used), v.byteLength) : putPacked(v, memory, used);
      flat.push(base + used, written);
      used += written;
    }
  }
  return { flat, used };
}
