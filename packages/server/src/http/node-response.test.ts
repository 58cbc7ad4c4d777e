// Headers the floor reads from Node's raw request headers: read as fetch's Headers reads them, repeats included.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server.js';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let server: RunningServer;
afterEach(async () => {
  await server.close();
  await t.close();
});

/** GET over Node's client, which sends each value of an array as a header line of its own. */
function get(path: string, headers: Record<string, string | string[]>) {
  return new Promise<{ status: number; requestId: string | undefined }>((resolve, reject) => {
    const outgoing = request(`${server.url}${path}`, { headers }, (response) => {
      response.resume();
      const requestId = response.headers['x-request-id'];
      response.once('end', () => resolve({ status: response.statusCode ?? 0, requestId: String(requestId) }));
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}

describe('request headers read from Node', () => {
  it('refuse a second Authorization header even after a valid one, as a joined header', async () => {
    t = await createTestContext();
    const { secretKey } = await t.createOrganization();
    server = await startServer(t.app, { port: 0 });
    expect((await get('/v1/organization', { authorization: `Bearer ${secretKey}` })).status).toBe(200);
    const twice = await get('/v1/organization', { authorization: [`Bearer ${secretKey}`, 'Bearer pb_sk_other'] });
    expect(twice.status).toBe(401);
  });

  it('read a repeated X-Request-Id as one joined value, which is then replaced', async () => {
    t = await createTestContext();
    server = await startServer(t.app, { port: 0 });
    expect((await get('/healthz', { 'x-request-id': 'lb-1' })).requestId).toBe('lb-1');
    const twice = await get('/healthz', { 'X-Request-Id': ['lb-1', 'lb-2'] });
    expect(twice.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });
});
