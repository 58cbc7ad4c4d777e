// The connector agent's configured bounds: stated by GET /v1/agent/limits, and held to by start and review.
import { agentRunSchema } from '@plugboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { petSpec, startLoopbackApi, waitForRun } from '../test/agent-fixtures.js';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let api: Awaited<ReturnType<typeof startLoopbackApi>>;
afterEach(async () => {
  await t.close();
  await api.close();
});

async function setUp(agentLimits: Record<string, number> = {}) {
  api = await startLoopbackApi();
  t = await createTestContext({ egressAllowHosts: [api.host], agentLimits });
  return (await t.createOrganization()).secretKey;
}

describe('connector agent limits', () => {
  it('states the defaults: 50 MB specs, 2 builds at once, 2,000 actions and 500 events', async () => {
    const key = await setUp();
    const limits = await t.request('GET', '/v1/agent/limits', { key });
    expect([limits.status, limits.json]).toEqual([
      200,
      { maxSpecBytes: 50 * 1024 * 1024, maxBuildsPerOrganization: 2, maxActions: 2000, maxEvents: 500 },
    ]);
    expect((await t.request('GET', '/v1/agent/limits')).status).toBe(401);
  });

  it('refuses a spec over the configured size with 413 and starts nothing', async () => {
    const key = await setUp({ maxSpecBytes: 4096 });
    expect((await t.request('GET', '/v1/agent/limits', { key })).json.maxSpecBytes).toBe(4096);
    const specText = JSON.stringify({ ...petSpec([`${api.url}/v1`]), 'x-padding': 'x'.repeat(5000) });
    const refused = await t.request('POST', '/v1/agent/runs', { key, body: { prompt: 'Pets', specText } });
    expect([refused.status, refused.json.error.code]).toEqual([413, 'payload_too_large']);
    expect(refused.json.error.message).toContain('this server takes specs up to 4 KB');
    expect((await t.request('GET', '/v1/agent/runs', { key })).json.data).toEqual([]);
  });

  it('refuses a review that keeps more actions than the configured bound, saying how many to drop', async () => {
    const key = await setUp({ maxActions: 1 });
    const specText = JSON.stringify(petSpec([`${api.url}/v1`]));
    const started = await t.request('POST', '/v1/agent/runs', { key, body: { prompt: 'Pets', specText } });
    const paused = await waitForRun(t, key, started.json.id, ['awaiting_review', 'failed']);
    const keys = (agentRunSchema.parse(paused).draft?.actions ?? []).map((action) => action.key);
    expect(keys.length).toBeGreaterThan(1);
    const over = await t.request('POST', `/v1/agent/runs/${paused.id}/review`, { key, body: { decisions: {} } });
    expect([over.status, over.json.error.code]).toEqual([400, 'validation_failed']);
    expect(over.json.error.details.issues).toEqual([
      {
        path: 'decisions.actions',
        message: `${keys.length} actions kept; a connector holds at most 1: drop ${keys.length - 1}`,
      },
    ]);
    expect((await t.request('GET', `/v1/agent/runs/${paused.id}`, { key })).json.status).toBe('awaiting_review');
    const actions = keys.slice(1).map((actionKey) => ({ key: actionKey, verdict: 'drop' }));
    const kept = await t.request('POST', `/v1/agent/runs/${paused.id}/review`, {
      key,
      body: { decisions: { actions } },
    });
    expect(kept.status, kept.text).toBe(200);
  });
});
