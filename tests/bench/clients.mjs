// The two clients, each constructed once over a transport stub that answers at once with the
// same CreateEventTracker output, returning call(): a promise of the call's output.
import { CREDENTIALS, INPUT, OUTPUT_BODY, REGION, RESPONSE_HEADERS, ROOT } from './common.mjs';

const encoder = new TextEncoder();
const OUTPUT_BYTES = encoder.encode(OUTPUT_BODY);

export const CLIENTS = {
  /** This project's PersonalizeClient with a fetch stub. */
  async ours(onRequest) {
    const { PersonalizeClient } = await import(new URL('web/lib/personalize.mjs', `file://${ROOT}`).href);
    // A Map, not `new Headers()`: constructing Headers loads undici (~50 ms in a fresh process),
    // which is the stub transport's cost, not the client's; the SDK's stub loads nothing either.
    const headers = new Map(Object.entries(RESPONSE_HEADERS).map(([k, v]) => [k.toLowerCase(), v]));
    const fetch = async (url, init) => {
      onRequest?.(init);
      const body = OUTPUT_BYTES.slice();
      return { ok: true, status: 200, headers, arrayBuffer: async () => body.buffer };
    };
    const client = new PersonalizeClient({ region: REGION, credentials: { ...CREDENTIALS }, fetch });
    return () => client.createEventTracker(INPUT);
  },
  /** @aws-sdk/client-personalize with a requestHandler stub. */
  async sdk(onRequest) {
    const { PersonalizeClient, CreateEventTrackerCommand } = await import('@aws-sdk/client-personalize');
    const requestHandler = {
      handle: async (request) => {
        onRequest?.(request);
        return { response: { statusCode: 200, headers: { ...RESPONSE_HEADERS }, body: OUTPUT_BYTES.slice() } };
      },
    };
    const client = new PersonalizeClient({ region: REGION, credentials: { ...CREDENTIALS }, requestHandler });
    return () => client.send(new CreateEventTrackerCommand(INPUT));
  },
};

/** The environment the client children run in: no AWS settings or shared files of this machine. */
export function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  env.AWS_CONFIG_FILE = '/nonexistent/personalize-wasm-bench/config';
  env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/personalize-wasm-bench/credentials';
  env.AWS_EC2_METADATA_DISABLED = 'true';
  return env;
}
