// Counted store work of a call to a connection's API: `POST /v1/proxy`, `POST /v1/actions/run` and the streaming
// proxy each read their connection, its credentials and its connector once, in one store call.
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { connectEchoTenants } from '../test/echo-connection.js';
import { recordStoreCalls } from '../test/store-calls.js';
import { startThirdParty } from '../test/third-party.js';

let api: Awaited<ReturnType<typeof startThirdParty>>;
let t: TestContext;
beforeAll(async () => {
  api = await startThirdParty();
});
afterAll(() => api.close());
afterEach(() => t.close());

/** Store calls that are not the call's own: resolving the caller's key (the auth cache's business) and the call log's batched writes. */
const NOT_THE_CALLS = ['findApiKeyAuth', 'touchApiKey', 'insertCallLogs'];

async function world() {
  const allowed = [new URL(api.url).host];
  t = await createTestContext({ egressAllowHosts: allowed });
  const echo = await connectEchoTenants(t, api.url, ['tenant-1']);
  const connectionId = echo.connections['tenant-1'] ?? '';
  const recorded = recordStoreCalls(t.store);
  const app: Hono = createApp({ store: recorded.store, keyring: t.keyring, egressAllowHosts: allowed });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${echo.key}`,
        'content-type': 'application/json',
        'plugboard-connection-id': connectionId,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    await response.arrayBuffer();
  };
  /** The store calls of the second of two identical calls (the first resolves the caller's key). */
  const callsOf = async (method: string, path: string, body?: unknown) => {
    await call(method, path, body);
    recorded.names.length = 0;
    await call(method, path, body);
    return recorded.names.filter((name) => !NOT_THE_CALLS.includes(name));
  };
  return { connectionId, callsOf };
}

describe('store calls per call to a connection’s API', () => {
  it('POST /v1/proxy reads its connection, credentials and connector in one call and takes one budget token', async () => {
    const { connectionId, callsOf } = await world();
    const calls = await callsOf('POST', '/v1/proxy', { connectionId, method: 'GET', path: '/things/1' });
    expect(calls).toEqual(['getCallTarget', 'takeRateLimitToken']);
  });

  it('POST /v1/actions/run reads its target in one call, then records its action.called event', async () => {
    const { connectionId, callsOf } = await world();
    const calls = await callsOf('POST', '/v1/actions/run', { connectionId, action: 'get-thing', input: { id: '1' } });
    expect(calls).toEqual(['getCallTarget', 'takeRateLimitToken', 'listWebhookEndpoints', 'createEvent']);
  });

  it('the streaming proxy reads its target in one call', async () => {
    const { callsOf } = await world();
    const calls = await callsOf('GET', '/v1/proxy/things/1');
    expect(calls).toEqual(['getCallTarget', 'takeRateLimitToken']);
  });
});
