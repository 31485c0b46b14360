// The local endpoint for test harnesses (the fixture API):
//
//   import { startLocalEndpoint } from './tests/local-endpoint/runtime/index.mjs';
//   const endpoint = await startLocalEndpoint();            // 127.0.0.1, a free port, 10 ms lifecycle steps
//   endpoint.url; endpoint.region; endpoint.credentials;    // for a client: { endpoint: url, region, credentials }
//   endpoint.datasetGroupArn;                               // an ACTIVE dataset group, ready for a tracker
//   endpoint.events(trackingId); endpoint.stats(); endpoint.setFaults({ throttle: 1 });
//   await endpoint.close();
//
// The command line (other languages' harnesses) is server.mjs; README.md says it all.

export {
  startLocalEndpoint, DEMO_CREDENTIALS, DEMO_REGION, DEMO_DATASET_GROUP, FIXTURE_STEP_MS, ADMIN_TOKEN_HEADER, ADMIN_PREFIX,
} from './server.mjs';
