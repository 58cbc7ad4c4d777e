import { agentRunSchema, connectorSchema } from '@plugboard/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { openStore } from '../storage/open-store.js';
import { eventReader, petSpec, readEvents, startLoopbackApi, waitForRun } from '../test/agent-fixtures.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { waitFor } from '../test/vendor-endpoint.js';

let t: TestContext;
let api: Awaited<ReturnType<typeof startLoopbackApi>> | undefined;
afterEach(async () => {
  await t?.close();
  await api?.close();
  api = undefined;
});

async function setUp(allowLoopback = true) {
  api = await startLoopbackApi();
  t = await createTestContext(allowLoopback ? { egressAllowHosts: [api.host] } : {});
  const { secretKey, organization } = await t.createOrganization();
  return { key: secretKey, organizationId: organization.id, loopback: api };
}

const start = (key: string, body: Record<string, unknown>) => t.request('POST', '/v1/agent/runs', { key, body });
const review = (key: string, id: string, decisions: Record<string, unknown> = {}) =>
  t.request('POST', `/v1/agent/runs/${id}/review`, { key, body: { decisions } });

describe('connector agent: catalog match', () => {
  it('turns "HubSpot CRM" into a reviewed draft and creates a valid connector from it', async () => {
    const { key } = await setUp();
    const started = await start(key, { prompt: 'HubSpot CRM' });
    expect(started.status, started.text).toBe(201);
    expect(agentRunSchema.parse(started.json).status).toBe('running');
    const paused = await waitForRun(t, key, started.json.id, ['awaiting_review', 'failed']);
    expect(paused).toMatchObject({
      status: 'awaiting_review',
      step: 'review',
      source: { kind: 'catalog', provider: 'hubspot' },
    });
    const draft = agentRunSchema.parse(paused).draft;
    expect(draft?.name).toBe('HubSpot');
    expect(draft?.authMethods.map((method) => method.key)).toContain('oauth2');
    expect((await review(key, paused.id)).status).toBe(200);
    const ready = await waitForRun(t, key, paused.id, ['ready', 'failed']);
    expect(ready.status).toBe('ready');
    expect(ready.warnings).toContain('No connection picked: tests skipped');
    const created = await t.request('POST', `/v1/agent/runs/${paused.id}/create`, {
      key,
      body: { slug: 'hubspot-crm' },
    });
    expect(created.status, created.text).toBe(201);
    const connector = connectorSchema.parse(created.json);
    expect(connector).toMatchObject({ slug: 'hubspot-crm', name: 'HubSpot', visibility: 'private' });
    expect(connector.actions.length).toBeGreaterThan(0);
    expect((await t.request('GET', `/v1/connectors/${connector.id}`, { key })).status).toBe(200);
    const done = (await t.request('GET', `/v1/agent/runs/${paused.id}`, { key })).json;
    expect(done).toMatchObject({ status: 'created', connectorId: connector.id });
    const again = await t.request('POST', `/v1/agent/runs/${paused.id}/create`, { key, body: {} });
    expect(again.status).toBe(409);
  });

  it('lets a console member start, stream and create, the connector created by that member', async () => {
    const { organizationId } = await setUp();
    const member = await t.createConsoleMember(organizationId);
    const { console } = await t.signIn();
    const started = await t.request('POST', '/v1/agent/runs', { console, body: { prompt: 'Xero' } });
    expect(started.status, started.text).toBe(201);
    const key = (await t.createOrganization('Elsewhere')).secretKey;
    expect((await t.request('GET', `/v1/agent/runs/${started.json.id}`, { key })).status).toBe(404);
    const noCsrf = await t.request('POST', `/v1/agent/runs/${started.json.id}/cancel`, {
      console: { cookie: console.cookie },
    });
    expect(noCsrf.status).toBe(403);
    await waitFor(
      async () =>
        (await t.request('GET', `/v1/agent/runs/${started.json.id}`, { console })).json.status === 'awaiting_review',
    );
    await t.request('POST', `/v1/agent/runs/${started.json.id}/review`, { console, body: { decisions: {} } });
    const stream = await t.app.request(`/v1/agent/runs/${started.json.id}/events`, {
      headers: { cookie: console.cookie },
    });
    const { events } = await readEvents(stream);
    expect(events.at(-1)).toMatchObject({ event: 'run', data: { status: 'ready' } });
    const created = await t.request('POST', `/v1/agent/runs/${started.json.id}/create`, { console, body: {} });
    expect(created.status, created.text).toBe(201);
    expect(created.json.createdBy.id).toBe(member.id);
  });

  it('refuses a run without a prompt and a connection of another organization', async () => {
    const { key } = await setUp();
    expect((await start(key, { prompt: ' ' })).status).toBe(400);
    expect((await start(key, { prompt: 'Slack', connectionId: 'cxn_missing' })).status).toBe(404);
    expect((await t.request('POST', '/v1/agent/runs', { body: { prompt: 'Slack' } })).status).toBe(401);
  });
});

describe('connector agent: discovery', () => {
  it('finds a spec at /openapi.json of a URL in the prompt', async () => {
    const { key, loopback } = await setUp();
    loopback.serve('/openapi.json', 'application/json', JSON.stringify(petSpec([`${loopback.url}/v2`])));
    const started = await start(key, { prompt: `Build a connector for ${loopback.url}/` });
    const run = await waitForRun(t, key, started.json.id, ['awaiting_review', 'failed']);
    expect(run.status, JSON.stringify(run.error)).toBe('awaiting_review');
    expect(run.source).toEqual({ kind: 'spec', specUrl: `${loopback.url}/openapi.json` });
    const draft = agentRunSchema.parse(run).draft;
    expect(draft?.actions.map((action) => action.key)).toEqual(['get-status', 'create-pet', 'get-pet']);
    expect(draft?.authMethods).toEqual([expect.objectContaining({ key: 'apiKey', kind: 'apiKey', name: 'X-API-Key' })]);
    expect(run.groups).toEqual([
      { tag: 'status', source: 'tag', actionKeys: ['get-status'] },
      { tag: 'pets', source: 'tag', actionKeys: ['create-pet', 'get-pet'] },
    ]);
  });

  it('follows a spec link in an HTML docs page', async () => {
    const { key, loopback } = await setUp();
    loopback.serve('/docs', 'text/html', '<html><body><a href="/specs/pets.yaml">OpenAPI spec</a></body></html>');
    const yaml = `openapi: 3.0.3\ninfo: { title: Pets, version: '1' }\nservers: [{ url: '${loopback.url}' }]\npaths:\n  /pets:\n    get: { operationId: listPets, responses: { '200': { description: ok } } }\n`;
    loopback.serve('/specs/pets.yaml', 'application/yaml', yaml);
    const started = await start(key, { prompt: 'Pets', specUrl: `${loopback.url}/docs` });
    const run = await waitForRun(t, key, started.json.id, ['awaiting_review', 'failed']);
    expect(run.status, JSON.stringify(run.error)).toBe('awaiting_review');
    expect(run.source).toEqual({ kind: 'spec', specUrl: `${loopback.url}/specs/pets.yaml` });
    expect(agentRunSchema.parse(run).draft?.actions.map((action) => action.key)).toEqual(['list-pets']);
  });

  it('refuses a metadata address and a loopback host off the allowlist, fetching nothing', async () => {
    const { key, loopback } = await setUp(false);
    const metadata = await start(key, { prompt: 'http://169.254.169.254/latest/meta-data' });
    const blocked = await waitForRun(t, key, metadata.json.id, ['failed', 'awaiting_review']);
    expect(blocked).toMatchObject({ status: 'failed', step: 'discover', error: { code: 'egress_blocked' } });
    const internal = await start(key, { prompt: `${loopback.url}/openapi.json` });
    expect((await waitForRun(t, key, internal.json.id, ['failed'])).error).toMatchObject({ code: 'egress_blocked' });
    expect(loopback.seen).toEqual([]);
  });

  it('takes an uploaded spec over the usual 64 KB body limit on this route only', async () => {
    const { key } = await setUp();
    const spec = {
      ...petSpec(['https://api.pets.example']),
      info: { title: 'Big', version: '1', description: 'x'.repeat(200_000) },
    };
    const big = await start(key, { prompt: 'Big', specText: JSON.stringify(spec) });
    expect(big.status, big.text).toBe(201);
    await waitForRun(t, key, big.json.id, ['awaiting_review']);
    const elsewhere = await t.request('POST', '/v1/webhook-endpoints', { key, body: { url: 'x'.repeat(200_000) } });
    expect(elsewhere.status).toBe(413);
  });

  it('builds from an uploaded spec, and says so when nothing is found', async () => {
    const { key, loopback } = await setUp();
    const uploaded = await start(key, {
      prompt: 'My pets',
      specText: JSON.stringify(petSpec(['https://api.pets.example'])),
    });
    const run = await waitForRun(t, key, uploaded.json.id, ['awaiting_review', 'failed']);
    expect(run).toMatchObject({ status: 'awaiting_review', source: { kind: 'spec' } });
    const nothing = await start(key, { prompt: `${loopback.url}/nowhere` });
    const failed = await waitForRun(t, key, nothing.json.id, ['failed']);
    expect(failed.error).toMatchObject({ code: 'spec_not_found' });
  });
});

describe('connector agent: a spec without a usable server', () => {
  it('groups the warnings by kind, and creates no connector until it is given a base URL', async () => {
    const { key } = await setUp();
    const spec = {
      ...petSpec([]),
      servers: undefined,
      components: { securitySchemes: { a: { type: 'http', scheme: 'digest' }, b: { type: 'openIdConnect' } } },
    };
    const started = await start(key, { prompt: 'Pets', specText: JSON.stringify(spec) });
    const paused = await waitForRun(t, key, started.json.id, ['awaiting_review', 'failed']);
    expect(agentRunSchema.parse(paused).draft?.apiBaseUrl ?? null).toBeNull();
    const kinds = agentRunSchema.parse(paused).warningKinds ?? [];
    expect(kinds.find((kind) => kind.code === 'unsupported_auth')).toMatchObject({ count: 3 });
    await review(key, paused.id);
    await waitForRun(t, key, paused.id, ['ready']);
    const refused = await t.request('POST', `/v1/agent/runs/${paused.id}/create`, { key, body: {} });
    expect([refused.status, refused.json.error.code]).toEqual([400, 'validation_failed']);
    expect(refused.json.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['apiBaseUrl']);
    expect((await t.request('GET', '/v1/connectors?scope=own', { key })).json.data).toHaveLength(0);
    const created = await t.request('POST', `/v1/agent/runs/${paused.id}/create`, {
      key,
      body: { apiBaseUrl: 'https://api.pets.example/v1' },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.apiBaseUrl).toBe('https://api.pets.example/v1');
  });
});

describe('connector agent: bounded per organization', () => {
  it('refuses a third run with 429 while two of the organization are building, and takes it once they pause', async () => {
    const { key, loopback } = await setUp();
    const held: (() => void)[] = [];
    loopback.routes.set('/slow/openapi.json', (_req, res) => {
      held.push(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(petSpec(['https://api.pets.example'])));
      });
    });
    const first = await start(key, { prompt: 'Slow', specUrl: `${loopback.url}/slow/openapi.json` });
    const second = await start(key, { prompt: 'Slow', specUrl: `${loopback.url}/slow/openapi.json` });
    await waitFor(() => held.length === 2);
    const third = await start(key, { prompt: 'Pets', specText: JSON.stringify(petSpec(['https://api.pets.example'])) });
    expect([third.status, third.json.error.code]).toEqual([429, 'rate_limited']);
    for (const release of held) release();
    await waitForRun(t, key, first.json.id, ['awaiting_review']);
    await waitForRun(t, key, second.json.id, ['awaiting_review']);
    const later = await start(key, { prompt: 'Pets', specText: JSON.stringify(petSpec(['https://api.pets.example'])) });
    expect(later.status, later.text).toBe(201);
  });
});

describe('connector agent: review', () => {
  async function pausedRun() {
    const { key } = await setUp();
    const started = await start(key, {
      prompt: 'Pets',
      specText: JSON.stringify(petSpec(['https://api.pets.example'])),
    });
    return { key, run: await waitForRun(t, key, started.json.id, ['awaiting_review']) };
  }

  it('refuses an invalid edit and an unknown key with 400, changing nothing', async () => {
    const { key, run } = await pausedRun();
    const bad = await review(key, run.id, {
      actions: [
        {
          key: 'get-status',
          verdict: 'edit',
          value: { key: 'get-status', name: 'Status', method: 'GET', path: 'status' },
        },
      ],
      events: [{ key: 'nope', verdict: 'drop' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'decisions.actions.0.value.path',
      'decisions.events.0.key',
    ]);
    expect((await t.request('GET', `/v1/agent/runs/${run.id}`, { key })).json).toEqual(run);
    const noAuth = await review(key, run.id, { authMethods: [{ key: 'apiKey', verdict: 'drop' }] });
    expect(noAuth.status).toBe(400);
    expect((await t.request('GET', `/v1/agent/runs/${run.id}`, { key })).json).toEqual(run);
  });

  it('accepts, drops and edits auth methods and actions, then goes on', async () => {
    const { key, run } = await pausedRun();
    const decided = await review(key, run.id, {
      authMethods: [{ key: 'apiKey', verdict: 'edit', value: { kind: 'apiKey', in: 'query', name: 'api_key' } }],
      actions: [
        { key: 'get-status', verdict: 'accept' },
        { key: 'create-pet', verdict: 'drop' },
        {
          key: 'get-pet',
          verdict: 'edit',
          value: {
            key: 'get-pet',
            name: 'Fetch a pet',
            method: 'GET',
            path: '/pets/{petId}',
            input: { properties: { petId: { type: 'string', 'x-in': 'path' } }, required: ['petId'] },
          },
        },
      ],
    });
    expect(decided.status, decided.text).toBe(200);
    const draft = agentRunSchema.parse(decided.json).draft;
    expect(draft?.authMethods).toEqual([{ key: 'apiKey', kind: 'apiKey', in: 'query', name: 'api_key' }]);
    expect(draft?.actions.map((action) => [action.key, action.name])).toEqual([
      ['get-status', 'Get the status'],
      ['get-pet', 'Fetch a pet'],
    ]);
    expect(decided.json.groups).toEqual([
      { tag: 'status', source: 'tag', actionKeys: ['get-status'] },
      { tag: 'pets', source: 'tag', actionKeys: ['get-pet'] },
    ]);
    expect((await waitForRun(t, key, run.id, ['ready'])).status).toBe('ready');
    expect((await review(key, run.id)).status).toBe(409);
  });
});

describe('connector agent: test and fix', () => {
  /** A connection (API key `k-1` in X-API-Key) and a loopback API that answers /v2/status with that key. */
  async function withConnection() {
    const { key, loopback } = await setUp();
    loopback.routes.set('/v2/status', (req, res) => {
      res.statusCode = req.headers['x-api-key'] === 'k-1' ? 200 : 401;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await t.createConnector(key, { name: 'Pets', slug: 'pets', authMethods: [{ kind: 'apiKey', name: 'X-API-Key' }] });
    const token = await t.mintSession(key);
    const connection = await t.request('POST', '/v1/session/connections', {
      key: token,
      body: { connector: 'pets', credentials: { apiKey: 'k-1' } },
    });
    expect(connection.status, connection.text).toBe(201);
    return { key, connectionId: connection.json.id as string, loopback };
  }

  async function runWith(key: string, connectionId: string, servers: string[]) {
    const started = await start(key, { prompt: 'Pets', connectionId, specText: JSON.stringify(petSpec(servers)) });
    const paused = await waitForRun(t, key, started.json.id, ['awaiting_review']);
    await review(key, paused.id);
    return waitForRun(t, key, paused.id, ['ready', 'failed']);
  }

  it('passes the safe actions with the connection', async () => {
    const { key, connectionId, loopback } = await withConnection();
    const run = await runWith(key, connectionId, [`${loopback.url}/v2`]);
    expect(run).toMatchObject({ status: 'ready', step: 'done', fixes: [] });
    expect(run.tests).toEqual([{ actionKey: 'get-status', passed: true, status: 200, latencyMs: expect.any(Number) }]);
    expect(loopback.seen.map((seen) => `${seen.method} ${seen.url}`)).toEqual(['GET /v2/status']);
  });

  it('switches the base URL to the spec’s second server when the first fails', async () => {
    const { key, connectionId, loopback } = await withConnection();
    const run = await runWith(key, connectionId, [`${loopback.url}/v1`, `${loopback.url}/v2`]);
    expect(run.status).toBe('ready');
    expect(run.tests).toEqual([expect.objectContaining({ actionKey: 'get-status', passed: true, status: 200 })]);
    expect(run.fixes).toEqual([
      { actionKey: 'get-status', change: `Base URL set to ${loopback.url}/v2`, passed: true },
    ]);
    expect((run.draft as { apiBaseUrl: string }).apiBaseUrl).toBe(`${loopback.url}/v2`);
  });

  it('reports what still fails when no fix helps', async () => {
    const { key, connectionId, loopback } = await withConnection();
    const run = await runWith(key, connectionId, [`${loopback.url}/v1`]);
    expect(run.status).toBe('ready');
    expect(run.tests).toEqual([expect.objectContaining({ actionKey: 'get-status', passed: false, status: 404 })]);
    expect((run.fixes as { passed: boolean }[]).every((fix) => !fix.passed)).toBe(true);
    const log = (await t.request('GET', `/v1/agent/runs/${run.id}/events`, { key })).text;
    expect(log).toContain('Still failing: get-status');
  });
});

describe('connector agent: cancel, events and restarts', () => {
  it('cancels a run and keeps its log and its place in the list', async () => {
    const { key } = await setUp();
    const started = await start(key, { prompt: 'Stripe' });
    const paused = await waitForRun(t, key, started.json.id, ['awaiting_review']);
    const cancelled = await t.request('POST', `/v1/agent/runs/${paused.id}/cancel`, { key });
    expect([cancelled.status, cancelled.json.status]).toEqual([200, 'cancelled']);
    expect((await t.request('POST', `/v1/agent/runs/${paused.id}/cancel`, { key })).status).toBe(409);
    expect((await review(key, paused.id)).status).toBe(409);
    const list = await t.request('GET', '/v1/agent/runs', { key });
    expect(list.json.data.map((run: { id: string; status: string }) => [run.id, run.status])).toEqual([
      [paused.id, 'cancelled'],
    ]);
    const stream = await t.app.request(`/v1/agent/runs/${paused.id}/events`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const { events, closed } = await readEvents(stream);
    expect(closed).toBe(true);
    const messages = events.filter((event) => event.event === 'log').map((event) => event.data.message);
    expect(messages[0]).toBe('Reading the request: "Stripe"');
    expect(messages.at(-1)).toBe('Cancelled');
  });

  it('replays the log, streams what follows and closes when the run is ready', async () => {
    const { key } = await setUp();
    const started = await start(key, { prompt: 'GitHub' });
    await waitForRun(t, key, started.json.id, ['awaiting_review']);
    const headers = { authorization: `Bearer ${key}` };
    const response = await t.app.request(`/v1/agent/runs/${started.json.id}/events`, { headers });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const stream = eventReader(response);
    // The replay ends with the run as it is; what comes after the review can only have been streamed live.
    expect(await stream.until((event) => event.event === 'run')).toBe(true);
    const replayedBefore = stream.events.length;
    await review(key, started.json.id);
    expect(await stream.until()).toBe(false);
    const { events } = stream;
    const live = events.slice(replayedBefore).filter((event) => event.event === 'run');
    expect(live.map((event) => event.data.status)).toEqual(expect.arrayContaining(['running', 'ready']));
    const logs = events.filter((event) => event.event === 'log');
    expect(logs.map((event) => event.data.seq)).toEqual(logs.map((_, index) => index + 1));
    expect(logs.map((event) => event.id)).toEqual(logs.map((event) => String(event.data.seq)));
    const statuses = events.filter((event) => event.event === 'run').map((event) => event.data.status);
    expect(statuses[0]).toBe('awaiting_review');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('ready');
    expect(logs.at(-1)?.data).toMatchObject({ step: 'done', message: 'Ready to create' });

    const resumed = await t.app.request(`/v1/agent/runs/${started.json.id}/events`, {
      headers: { ...headers, 'last-event-id': '3' },
    });
    const replayed = (await readEvents(resumed)).events.filter((event) => event.event === 'log');
    expect(replayed[0]?.data.seq).toBe(4);
    expect(replayed).toHaveLength(logs.length - 3);
    expect((await t.request('GET', '/v1/agent/runs/agr_missing/events', { key })).status).toBe(404);
    const openApi = (await t.request('GET', '/v1/openapi.json')).json;
    expect(Object.keys(openApi.paths['/v1/agent/runs/{id}/events'].get.responses['200'].content)).toEqual([
      'text/event-stream',
    ]);
  });

  it('keeps runs across a restart and fails the ones a restart interrupted', async () => {
    const { key, organizationId } = await setUp();
    const started = await start(key, { prompt: 'Slack' });
    const paused = await waitForRun(t, key, started.json.id, ['awaiting_review']);
    await t.store.createAgentRun({
      id: 'agr_interrupted',
      organizationId,
      memberId: null,
      connectionId: null,
      servers: [],
      run: {
        ...(paused as never as import('@plugboard/shared').AgentRun),
        id: 'agr_interrupted',
        status: 'running',
        step: 'discover',
      },
    });
    await t.store.close();
    const store = await openStore(t.databaseUrl);
    try {
      const app = createApp({ store, keyring: t.keyring });
      // biome-ignore lint/suspicious/noExplicitAny: a JSON answer checked by the assertions
      const get = async (id: string): Promise<any> =>
        (await app.request(`/v1/agent/runs/${id}`, { headers: { authorization: `Bearer ${key}` } })).json();
      expect(await get(paused.id)).toEqual(paused);
      expect(await get('agr_interrupted')).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
      const continued = await app.request(`/v1/agent/runs/${paused.id}/review`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ decisions: {} }),
      });
      expect(continued.status).toBe(200);
      await waitFor(async () => (await get(paused.id)).status === 'ready');
    } finally {
      await store.close();
    }
  });
});
