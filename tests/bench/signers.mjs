// The signers compared, each set up once and returning sign(): a promise of the Authorization
// header of the benchmark's CreateEventTracker request (see common.mjs).
import { createHash, createHmac } from 'node:crypto';
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
  /** This project: web/personalize.mjs signRequest → personalize.wasm pw_sign. */
  async ours() {
    const { signRequest } = await import(new URL('web/personalize.mjs', `file://${ROOT}`).href);
    const request = { method: 'POST', path: '/', headers: HEADERS, body: BODY };
    const options = { credentials: CREDENTIALS, region: REGION, service: SERVICE, date: DATE };
    return async () => (await signRequest(request, options)).authorization;
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
  const { signRequest } = await import(new URL('web/personalize.mjs', `file://${ROOT}`).href);
  const out = await signRequest(
    { method: 'POST', path: '/', headers: { ...HEADERS, 'content-length': String(Buffer.byteLength(BODY)) }, body: BODY },
    { credentials: CREDENTIALS, region: REGION, service: SERVICE, date: DATE },
  );
  return out.authorization;
}
