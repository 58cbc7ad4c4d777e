// JSON bodies served by Node are read from Node's request itself, and their size checked by the declared length
// when there is one: both ways a body arrives (with a length, or in chunks) keep the same answers.
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

/** POSTs `text` over Node's client, with its length declared or in two chunks (Transfer-Encoding: chunked). */
function post(path: string, key: string, text: string, how: 'declared' | 'chunked', type = 'application/json') {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const bytes = Buffer.from(text);
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': type };
    if (how === 'declared') headers['content-length'] = String(bytes.length);
    const outgoing = request(`${server.url}${path}`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    // The server may answer 413 and close before the whole body is written.
    outgoing.once('error', reject);
    const half = Math.floor(bytes.length / 2);
    outgoing.write(bytes.subarray(0, half));
    outgoing.end(bytes.subarray(half));
  });
}

async function started() {
  t = await createTestContext();
  const { secretKey } = await t.createOrganization();
  server = await startServer(t.app, { port: 0 });
  return secretKey;
}

describe('a JSON body sent to a Node server', () => {
  for (const how of ['declared', 'chunked'] as const) {
    it(`is read whole and validated, with its length ${how}`, async () => {
      const key = await started();
      const made = await post('/v1/connect-sessions', key, JSON.stringify({ tenantId: 'acme', endUserId: 'u1' }), how);
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ tenantId: 'acme', endUserId: 'u1' });
      const unnamed = await post('/v1/connect-sessions', key, JSON.stringify({ endUserId: 'u1' }), how);
      expect(unnamed).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
      const broken = await post('/v1/connect-sessions', key, '{"tenantId": "acme",', how);
      expect(broken).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
      const text = await post('/v1/connect-sessions', key, JSON.stringify({ tenantId: 'acme' }), how, 'text/plain');
      expect(text).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    });

    it(`is refused past 64 KB with 413 payload_too_large, with its length ${how}`, async () => {
      const key = await started();
      const large = JSON.stringify({ tenantId: 'acme', endUserId: 'u1', pad: 'x'.repeat(70 * 1024) });
      const refused = await post('/v1/connect-sessions', key, large, how);
      expect(refused).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    });
  }
});
