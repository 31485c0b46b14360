// SHA-256 for @smithy/signature-v4 from node:crypto (native), instead of a JavaScript SHA-256
// that makes hashing a large body dozens of times slower. Implements smithy's Checksum interface:
// new NodeSha256() hashes, new NodeSha256(secret) computes HMAC-SHA256 with that key.

import crypto from 'node:crypto';

/** string (UTF-8), ArrayBuffer or any ArrayBufferView, as bytes without a copy. */
function bytes(data) {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new TypeError(`cannot hash a ${data === null ? 'null' : typeof data}`);
}

export class NodeSha256 {
  /** @param {string | ArrayBuffer | ArrayBufferView} [secret] an HMAC key; none: a plain hash */
  constructor(secret) {
    this.secret = secret === undefined || secret === null ? null : Buffer.from(bytes(secret));
    /** @type {import('node:crypto').Hash | import('node:crypto').Hmac} */
    this.hash = this.newHash();
  }

  update(data) {
    this.hash.update(bytes(data));
  }

  /** The digest of everything given since construction or the last reset(). */
  async digest() {
    return new Uint8Array(this.hash.digest());
  }

  /** A new HMAC (with the secret) or plain SHA-256. */
  newHash() {
    return this.secret ? crypto.createHmac('sha256', this.secret) : crypto.createHash('sha256');
  }

  reset() {
    this.hash = this.newHash();
  }
}
