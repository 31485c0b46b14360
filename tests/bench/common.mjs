// Shared by the benchmark's processes: the one request every signer signs, the credentials, the
// stubbed service answer, and the statistics.
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const REGION = 'us-east-1';
export const SERVICE = 'personalize';
export const HOST = 'personalize.us-east-1.amazonaws.com';
export const TARGET = 'AmazonPersonalize.CreateEventTracker';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Temporary credentials (a session token), as a browser gets them from Cognito or STS. */
export const CREDENTIALS = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken:
    'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6m7xHQ6rNDBzU3rJpUt9Iaq6j2m7Qf8Z5Cq0e' +
    'XAMPLEXAMPLEXAMPLEAiB7ZPa7Ck2Tf5uUuS8xW2vE8n1TrOdmVv9OcEXAMPLETOKENVALUEEXAMPLE==',
};

/** The fixed signing time: 2024-06-01T12:00:00Z. */
export const DATE = new Date(Date.UTC(2024, 5, 1, 12, 0, 0));
export const AMZ_DATE = '20240601T120000Z';

export const INPUT = Object.freeze({
  datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/storefront-recs-dataset-group',
  name: 'storefront-clickstream-tracker',
});
/** The CreateEventTracker body the service gets (and the SDK sends): ~150 bytes of JSON. */
export const BODY = JSON.stringify(INPUT);

/** POST / with the CreateEventTracker headers; X-Amz-Date (and the token) come from the signer. */
export const HEADERS = Object.freeze({
  host: HOST,
  'content-type': CONTENT_TYPE,
  'x-amz-target': TARGET,
});

export const OUTPUT = Object.freeze({
  eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/storefront-clickstream-tracker',
  trackingId: '3e1f0c5a-7b2d-4c8e-9f10-2a3b4c5d6e7f',
});
export const OUTPUT_BODY = JSON.stringify(OUTPUT);
export const RESPONSE_HEADERS = Object.freeze({
  'content-type': CONTENT_TYPE,
  'x-amzn-requestid': '8f2b5c1e-1d3a-4b6c-9e7f-0a1b2c3d4e5f',
  date: 'Sat, 01 Jun 2024 12:00:00 GMT',
});

/** Summary of per-operation times in milliseconds. */
export function stats(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  let sum = 0;
  for (const v of s) sum += v;
  return { n: s.length, median: at(0.5), p99: at(0.99), mean: sum / s.length, min: s[0], max: s[s.length - 1] };
}

/** Prints the child's result as the one JSON line on stdout the parent reads. */
export function report(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
