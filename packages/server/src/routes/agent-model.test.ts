import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { petSpec, startLoopbackApi, waitForRun } from '../test/agent-fixtures.js';
import { createTestContext, type TestContext } from '../test/context.js';

// The model is faked with msw at a loopback address the egress allowlist lets through; nothing listens there.
const LLM = { url: 'http://127.0.0.1:9/v1', apiKey: 'llm-test-key', model: 'test-model' };
const asked: { authorization: string | null; body: unknown }[] = [];
let answer: unknown = null;
const server = setupServer(
  http.post(`${LLM.url}/chat/completions`, async ({ request }) => {
    asked.push({ authorization: request.headers.get('authorization'), body: await request.json() });
    return HttpResponse.json({ choices: [{ message: { role: 'assistant', content: JSON.stringify(answer) } }] });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

let t: TestContext;
afterEach(async () => {
  asked.length = 0;
  await t?.close();
});

const PROMPT = 'the CRM our sales team keeps deals in';

async function runPrompt(withModel: boolean) {
  t = await createTestContext(withModel ? { llm: LLM, egressAllowHosts: ['127.0.0.1:9'] } : {});
  const { secretKey: key } = await t.createOrganization();
  const started = await t.request('POST', '/v1/agent/runs', { key, body: { prompt: PROMPT } });
  expect(started.status).toBe(201);
  const run = await waitForRun(t, key, started.json.id, ['awaiting_review', 'failed']);
  const log = (await t.store.listAgentLog(run.id)).map((entry) => entry.message).join('\n');
  return { run, log };
}

describe('connector agent with a model', () => {
  it('asks the model what a free-text prompt means and builds from the catalog entry it names', async () => {
    answer = { provider: 'HubSpot', domain: 'hubspot.com', url: null };
    const { run, log } = await runPrompt(true);
    expect(run).toMatchObject({ status: 'awaiting_review', source: { kind: 'catalog', provider: 'hubspot' } });
    expect(log).toContain('The model read it as HubSpot');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.authorization).toBe('Bearer llm-test-key');
    expect(asked[0]?.body).toMatchObject({
      model: 'test-model',
      messages: [{ role: 'system' }, { role: 'user', content: PROMPT }],
    });
  });

  it('ignores an answer that does not fit the schema', async () => {
    answer = { provider: 42, sql: 'DROP TABLE connectors' };
    const { run, log } = await runPrompt(true);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'not_understood' } });
    expect(log).toContain('The model gave no usable answer');
    expect(asked).toHaveLength(1);
  });

  it('without a model falls back deterministically and says what the prompt needs', async () => {
    const { run } = await runPrompt(false);
    expect(run).toMatchObject({ status: 'failed', step: 'understand', error: { code: 'not_understood' } });
    expect((run.error as { message: string }).message).toBe(
      'Without a model configured, the prompt must name a catalog provider, a docs URL or a domain; or upload a spec',
    );
    expect(asked).toEqual([]);
  });

  it('lets the model name the actions of a spec, keeping only names for keys that exist', async () => {
    answer = {
      actions: [
        { key: 'get-status', name: 'Check the API status', description: 'Is it up?' },
        { key: 'made-up', name: 'Nope' },
      ],
    };
    t = await createTestContext({ llm: LLM, egressAllowHosts: ['127.0.0.1:9'] });
    const { secretKey: key } = await t.createOrganization();
    const spec = {
      openapi: '3.0.3',
      info: { title: 'S', version: '1' },
      servers: [{ url: 'https://api.s.example' }],
      paths: { '/status': { get: { operationId: 'getStatus', responses: { 200: { description: 'ok' } } } } },
    };
    const started = await t.request('POST', '/v1/agent/runs', {
      key,
      body: { prompt: 'S', specText: JSON.stringify(spec) },
    });
    const run = await waitForRun(t, key, started.json.id, ['awaiting_review', 'failed']);
    expect((run.draft as { actions: unknown[] }).actions).toEqual([
      expect.objectContaining({ key: 'get-status', name: 'Check the API status', description: 'Is it up?' }),
    ]);
  });

  it('tries the fixes the model proposes after its own, and keeps the one that passes', async () => {
    const api = await startLoopbackApi();
    try {
      api.routes.set('/v3/status', (req, res) => {
        res.statusCode = req.headers['x-api-key'] === 'k-1' ? 200 : 401;
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      });
      t = await createTestContext({ llm: LLM, egressAllowHosts: ['127.0.0.1:9', api.host] });
      const { secretKey: key } = await t.createOrganization();
      await t.createConnector(key, {
        name: 'Pets',
        slug: 'pets',
        authMethods: [{ kind: 'apiKey', name: 'X-API-Key' }],
      });
      const token = await t.mintSession(key);
      const connection = await t.request('POST', '/v1/session/connections', {
        key: token,
        body: { connector: 'pets', credentials: { apiKey: 'k-1' } },
      });
      answer = { actions: [] };
      const started = await t.request('POST', '/v1/agent/runs', {
        key,
        body: {
          prompt: 'Pets',
          connectionId: connection.json.id,
          specText: JSON.stringify(petSpec([`${api.url}/v1`])),
        },
      });
      const paused = await waitForRun(t, key, started.json.id, ['awaiting_review']);
      answer = { fixes: [{ baseUrl: `${api.url}/v3`, why: 'the API moved to v3' }] };
      await t.request('POST', `/v1/agent/runs/${paused.id}/review`, { key, body: { decisions: {} } });
      const run = await waitForRun(t, key, paused.id, ['ready', 'failed']);

      expect(run.tests).toEqual([expect.objectContaining({ actionKey: 'get-status', passed: true, status: 200 })]);
      expect(run.fixes).toContainEqual({
        actionKey: 'get-status',
        change: `Proposed by the model: base URL ${api.url}/v3`,
        passed: true,
      });
      expect((run.draft as { apiBaseUrl: string }).apiBaseUrl).toBe(`${api.url}/v3`);
      const question = JSON.stringify(asked.at(-1)?.body);
      expect(question).toContain('/status');
      expect(question).not.toContain('k-1');
    } finally {
      await api.close();
    }
  });
});
