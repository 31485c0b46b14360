// Reads the AWS SigV4 conformance vectors from ../shared/sigv4-test-suite/v4 (never copied here).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SUITE_DIR = fileURLToPath(new URL('../../../shared/sigv4-test-suite/v4/', import.meta.url));

/** Every case with header-signing expectations, or throws plainly when the suite is missing. */
export function loadSuite() {
  if (!existsSync(SUITE_DIR)) {
    throw new Error(`The SigV4 test suite is missing: expected it at ${SUITE_DIR} (../shared/sigv4-test-suite/v4 from the project root)`);
  }
  return readdirSync(SUITE_DIR)
    .filter((name) => existsSync(`${SUITE_DIR}${name}/header-signature.txt`))
    .sort()
    .map((name) => loadCase(name));
}

function loadCase(name) {
  const dir = `${SUITE_DIR}${name}/`;
  const read = (f) => readFileSync(dir + f, 'utf8');
  const context = JSON.parse(read('context.json'));
  const signedRequest = read('header-signed-request.txt');
  return {
    name,
    context,
    request: parseRequest(readFileSync(dir + 'request.txt')),
    canonicalRequest: read('header-canonical-request.txt'),
    stringToSign: read('header-string-to-sign.txt'),
    signature: read('header-signature.txt').trim(),
    authorization: /^Authorization:(.*)$/m.exec(signedRequest)[1],
  };
}

/** request.txt: request line, headers (continuation lines start with whitespace), blank line, body. */
export function parseRequest(bytes) {
  const text = bytes.toString('latin1');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text.replace(/\n$/, '') : text.slice(0, split);
  const body = split < 0 ? new Uint8Array(0) : new Uint8Array(bytes.subarray(Buffer.byteLength(head, 'latin1') + 2));
  const [requestLine, ...lines] = head.split('\n');
  const m = /^(\S+) (.*) HTTP\/1\.1$/.exec(requestLine);
  const target = m[2];
  const q = target.indexOf('?');
  const headers = [];
  for (const line of lines) {
    if (/^\s/.test(line) && headers.length > 0) headers[headers.length - 1][1] += '\n' + line;
    else {
      const colon = line.indexOf(':');
      headers.push([line.slice(0, colon), line.slice(colon + 1)]);
    }
  }
  // The file is UTF-8; re-read path, query and header text as such.
  const utf8 = (s) => Buffer.from(s, 'latin1').toString('utf8');
  return {
    method: m[1],
    path: utf8(q < 0 ? target : target.slice(0, q)),
    query: utf8(q < 0 ? '' : target.slice(q + 1)),
    headers: headers.map(([n, v]) => [utf8(n), utf8(v)]),
    body,
  };
}
