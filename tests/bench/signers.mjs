// The signers compared, each set up once and returning sign(): a promise of the Authorization
// header of the benchmark's CreateEventTracker request (see common.mjs).
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AMZ_DATE, BODY, CREDENTIALS, DATE, HEADERS, HOST, REGION, SERVICE, ROOT } from './common.mjs';

/** A @smithy/types Checksum over node:crypto, as @smithy/hash-node does it. */
export class NodeSha256 {
  constructor(secret) {
    this.secret = secret;
    this.reset();
  }

  update(data) {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  async digest() {
    const d = this.hash.digest();
    return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  }

  reset() {
    const s = this.secret;
    this.hash = s === undefined
      ? createHash('sha256')
      : createHmac('sha256', typeof s === 'string' ? s : Buffer.from(s.buffer, s.byteOffset, s.byteLength));
  }
}

function smithyRequest() {
  return { method: 'POST', protocol: 'https:', hostname: HOST, path: '/', query: {}, headers: { ...HEADERS }, body: BODY };
}

async function smithy(sha256) {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  // applyChecksum: false: no x-amz-content-sha256 header, like the other signers here.
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: REGION, service: SERVICE, sha256, applyChecksum: false });
  return async () => (await signer.sign(smithyRequest(), { signingDate: DATE })).headers.authorization;
}

export const SIGNERS = {
  /** This project: web/lib/personalize.mjs signRequest → personalize.wasm pw_sign_request. */
  async ours() {
    const { signRequest } = await import(new URL('web/lib/personalize.mjs', `file://${ROOT}`).href);
    const request = { method: 'POST', path: '/', headers: HEADERS, body: BODY };
    const options = { credentials: CREDENTIALS, region: REGION, service: SERVICE, date: DATE };
    return async () => (await signRequest(request, options)).authorization;
  },
  /** personalize.wasm's pw_sign_request called directly, its arguments written once: the WASM
   * part of a sign, without the glue (compared with the SHA-256 floor). The arguments are
   * wasm_exports.h's: key, packed.signRequest's strings, the header pairs, the body, flags. */
  async wasm() {
    const B = await import(new URL('web/lib/src/boundary.mjs', `file://${ROOT}`).href);
    const { instance } = await WebAssembly.instantiate(readFileSync(join(ROOT, 'web/lib/personalize.wasm')), {});
    const x = instance.exports;
    x._initialize();
    const encoder = new TextEncoder();
    const block = x.pw_block(8192);
    let used = 0;
    const put = (bytes) => {
      new Uint8Array(x.memory.buffer, block + used, bytes.length).set(bytes);
      used += bytes.length;
      return [block + used - bytes.length, bytes.length];
    };
    const u32 = (n) => new Uint8Array(new Uint32Array([n]).buffer);
    const secret = encoder.encode(CREDENTIALS.secretAccessKey);
    new Uint8Array(x.memory.buffer, block, secret.length).set(secret);
    const key = x.pw_key_open(block, secret.length); // wipes the block's copy
    if (!key) throw new Error('pw_key_open: no key handle');
    const strings = new Array(B.PACKED_SIGN_REQUEST_COUNT);
    strings[B.PACKED_SIGN_REQUEST_METHOD] = 'POST';
    strings[B.PACKED_SIGN_REQUEST_PATH] = '/';
    strings[B.PACKED_SIGN_REQUEST_QUERY] = '';
    strings[B.PACKED_SIGN_REQUEST_ACCESS_KEY_ID] = CREDENTIALS.accessKeyId;
    strings[B.PACKED_SIGN_REQUEST_SESSION_TOKEN] = CREDENTIALS.sessionToken;
    strings[B.PACKED_SIGN_REQUEST_REGION] = REGION;
    strings[B.PACKED_SIGN_REQUEST_SERVICE] = SERVICE;
    strings[B.PACKED_SIGN_REQUEST_DATE] = AMZ_DATE;
    const packed = strings.flatMap((value) => {
      const b = encoder.encode(value ?? '');
      return [...u32(b.length), ...b];
    });
    const headers = [];
    for (const [n, v] of Object.entries(HEADERS)) {
      const [nb, vb] = [encoder.encode(n), encoder.encode(v)];
      headers.push(...u32(nb.length), ...nb, ...u32(vb.length), ...vb); // packed: name, then value
    }
    // signRequest's default: the path normalized; no x-amz-content-sha256, the token signed.
    const args = [key, ...put(Uint8Array.from(packed)), ...put(Uint8Array.from(headers)), ...put(encoder.encode(BODY)), B.SIGN_NORMALIZE_PATH];
    const field = B.SIGN_AUTHORIZATION;
    const decoder = new TextDecoder();
    return async () => {
      const r = x.pw_sign_request(...args);
      const w = r ? new Uint32Array(x.memory.buffer, r, B.RESULT_WORDS) : [1];
      const authorization = w[0] === 0 ? decoder.decode(new Uint8Array(x.memory.buffer, w[2 + 2 * field], w[3 + 2 * field])) : 'pw_sign_request failed';
      x.pw_done(0); // the arguments stay in the block for the next sign
      return authorization;
    };
  },
  /** What the AWS SDK for JavaScript v3 uses in browsers. */
  async 'smithy-sha256js'() {
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    return smithy(Sha256);
  },
  async 'smithy-node'() {
    return smithy(NodeSha256);
  },
  /** aws4 fixes the date only through an X-Amz-Date header; it adds (and signs) Content-Length. */
  async aws4() {
    const aws4 = (await import('aws4')).default;
    return async () => aws4.sign({
      host: HOST, method: 'POST', path: '/', service: SERVICE, region: REGION, body: BODY,
      headers: { Host: HOST, 'Content-Type': HEADERS['content-type'], 'X-Amz-Target': HEADERS['x-amz-target'], 'X-Amz-Date': AMZ_DATE },
    }, CREDENTIALS).headers.Authorization;
  },
};

/** Our signer over aws4's header set, to check aws4's signature against. */
export async function oursWithAws4Headers() {
  const { signRequest } = await import(new URL('web/lib/personalize.mjs', `file://${ROOT}`).href);
  const out = await signRequest(
    { method: 'POST', path: '/', headers: { ...HEADERS, 'content-length': String(Buffer.byteLength(BODY)) }, body: BODY },
    { credentials: CREDENTIALS, region: REGION, service: SERVICE, date: DATE },
  );
  return out.authorization;
}
