import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from '../crypto/keyring.js';
import { createRuntime } from '../runtime.js';
import { openStore } from '../storage/open-store.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { recordCall } from './call-log.js';

let database: TestDatabase;
afterEach(() => database.drop());

async function runtimeWithSlowFlush() {
  database = await createTestDatabase();
  // A flush interval no test waits for: only close() can have written what the test finds.
  return createRuntime({
    store: await openStore(database.url),
    keyring: Keyring.generate(),
    callLog: { flushMs: 60_000 },
  });
}

const listed = async () => {
  const store = await openStore(database.url);
  try {
    return await store.listCallLogs({ organizationId: 'org_1', limit: 10 });
  } finally {
    await store.close();
  }
};

describe('recording a call', () => {
  it('keeps the host and the path under the base, never the query or fragment', async () => {
    const runtime = await runtimeWithSlowFlush();
    const base = { kind: 'proxy' as const, organizationId: 'org_1', method: 'GET' };
    recordCall(
      runtime.deps,
      { ...base, url: 'https://api.acme.test/v2/', path: 'items/7?token=s3cret#frag' },
      {
        status: 200,
        durationMs: 3.6,
      },
    );
    recordCall(runtime.deps, { ...base, url: 'not a url', path: '/x?y=z' }, { status: null, durationMs: 1 });
    recordCall(
      runtime.deps,
      { ...base, kind: 'delivery', url: 'https://hooks.vendor.test/T0/B0/secret-path' },
      {
        status: 500,
        durationMs: 1,
        errorCode: 'provider_error',
      },
    );
    await runtime.close();
    // Ids order by the millisecond only: within one, find each entry by what it holds.
    const entries = await listed();
    const proxied = entries.find((entry) => entry.status === 200);
    const bad = entries.find((entry) => entry.status === null);
    const delivery = entries.find((entry) => entry.kind === 'delivery');
    expect(proxied).toMatchObject({ host: 'api.acme.test', path: '/v2/items/7', status: 200, durationMs: 4 });
    expect(bad).toMatchObject({ host: null, path: '/x' });
    expect(delivery).toMatchObject({ host: 'hooks.vendor.test', path: null, errorCode: 'provider_error' });
    expect(JSON.stringify([proxied, bad, delivery])).not.toMatch(/s3cret|frag|y=z|secret-path/);
  });

  it('writes what is buffered when the runtime closes, before the store goes', async () => {
    const runtime = await runtimeWithSlowFlush();
    recordCall(
      runtime.deps,
      { kind: 'action', organizationId: 'org_1', operation: 'list' },
      {
        status: 204,
        durationMs: 1,
      },
    );
    expect(runtime.deps.callLog?.buffered).toBe(1);
    await runtime.close();
    expect((await listed()).map((entry) => entry.operation)).toEqual(['list']);
  });
});
