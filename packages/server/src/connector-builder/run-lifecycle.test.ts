// The run lifecycle within one process: a shutdown ends the runs it was working on, and the create lock is the
// database's, not a set in memory.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../app.js';
import { createRuntime } from '../runtime.js';
import { openStore } from '../storage/open-store.js';
import { petSpec, startLoopbackApi, waitForRun } from '../test/agent-fixtures.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { createLatch } from '../test/latch.js';

let t: TestContext;
let api: Awaited<ReturnType<typeof startLoopbackApi>>;
afterEach(async () => {
  await t.close();
  await api.close();
});

describe('agent run lifecycle', () => {
  it('fails the runs a closing runtime was working on as interrupted at once, not a lease later', async () => {
    api = await startLoopbackApi();
    const entered = createLatch();
    const release = createLatch();
    api.routes.set('/held/openapi.json', (_req, res) => {
      entered.open();
      void release.opened.then(() => res.end(JSON.stringify(petSpec([`${api.url}/v1`]))));
    });
    t = await createTestContext();
    const { secretKey } = await t.createOrganization();
    // A second process on the same database, with a lease far longer than the test.
    const runtime = createRuntime({
      store: await openStore(t.databaseUrl),
      keyring: t.keyring,
      egressAllowHosts: [api.host],
      agentRunLeaseMs: 3_600_000,
    });
    const started = await createHttpApp(runtime).request('/v1/agent/runs', {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'Pets', specUrl: `${api.url}/held/openapi.json` }),
    });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    await entered.opened;
    await runtime.close();
    release.open();
    const stored = await t.store.getAgentRun(id);
    expect(stored?.run).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect(stored?.lease).toBeNull();
    expect((await t.store.listAgentLog(id)).at(-1)?.message).toMatch(/shut down before it finished/);
  });

  it('creates one connector when two creates of one ready run arrive together, and answers the other 409', async () => {
    api = await startLoopbackApi();
    t = await createTestContext();
    const { secretKey: key } = await t.createOrganization();
    const started = await t.request('POST', '/v1/agent/runs', {
      key,
      body: { prompt: 'Pets', specText: JSON.stringify(petSpec(['https://api.pets.example'])) },
    });
    await waitForRun(t, key, started.json.id, ['awaiting_review']);
    await t.request('POST', `/v1/agent/runs/${started.json.id}/review`, { key, body: { decisions: {} } });
    await waitForRun(t, key, started.json.id, ['ready']);
    const creates = await Promise.all(
      ['pets-a', 'pets-b'].map((slug) =>
        t.request('POST', `/v1/agent/runs/${started.json.id}/create`, { key, body: { slug } }),
      ),
    );
    expect(creates.map((created) => created.status).sort()).toEqual([201, 409]);
    const connectors = (await t.request('GET', '/v1/connectors', { key })).json.data as { slug: string }[];
    expect(connectors.filter((connector) => connector.slug.startsWith('pets-'))).toHaveLength(1);
    expect((await t.request('GET', `/v1/agent/runs/${started.json.id}`, { key })).json.status).toBe('created');
  });
});
