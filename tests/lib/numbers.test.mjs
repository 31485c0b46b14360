// Numbers in request bodies: the C module's own strtod/number printing (wasm/number.c) against
// JavaScript's JSON.stringify, through the PutEvents payload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonalizeEventsClient } from '../../web/lib/personalize.mjs';

function captureClient() {
  const bodies = [];
  const client = new PersonalizeEventsClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    fetch: async (url, init) => {
      bodies.push(init.body);
      return new Response('', { status: 200 });
    },
  });
  return { client, bodies };
}

async function sentValues(values) {
  const { client, bodies } = captureClient();
  const eventList = values.map((v, i) => ({ eventType: 'e', sentAt: 1764129600 + i, eventValue: v }));
  for (let i = 0; i < eventList.length; i += 10) {
    await client.putEvents({ trackingId: 't', sessionId: 's', eventList: eventList.slice(i, i + 10) });
  }
  return bodies.flatMap((b) => [...b.matchAll(/"eventValue":([^,}]+)/g)].map((m) => m[1]));
}

test('ordinary numbers are written exactly as JSON.stringify writes them', async () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const values = [0, 1, -1, 1.5, 0.1, 0.2, 3.14159, 1e21, 1e-7, 123456789012345680000, 0.000001, 2.5e-8, 1e300, 9007199254740993, -0.5, 1e-300];
  for (let i = 0; i < 2000; i++) {
    values.push(Math.round(rand() * 1e13) / 1000); // epoch-millisecond timestamps in seconds
    values.push(Number((rand() * 1000).toFixed(1 + (i % 6)))); // values with a few decimals
    values.push(Math.round(rand() * 1e9) * (i % 2 ? 1 : -1));
  }
  const sent = await sentValues(values);
  assert.equal(sent.length, values.length);
  for (const [i, v] of values.entries()) assert.equal(sent[i], JSON.stringify(v), `value ${v}`);
});

test('any double, subnormals and extremes included, is written exactly as JSON.stringify writes it', async () => {
  const values = [0.1 + 0.2, Math.PI, Math.E, 1 / 3, 2 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123.456789012345678];
  const view = new DataView(new ArrayBuffer(8));
  let seed = 11;
  for (let i = 0; i < 1000; i++) {
    seed = (seed * 48271) % 2147483647;
    view.setUint32(0, (seed * 7919) >>> 0);
    view.setUint32(4, (seed * 104729) >>> 0);
    const v = view.getFloat64(0);
    if (Number.isFinite(v)) values.push(v);
  }
  const sent = await sentValues(values);
  for (const [i, v] of values.entries()) assert.equal(sent[i], JSON.stringify(v), `value ${v}`);
});
