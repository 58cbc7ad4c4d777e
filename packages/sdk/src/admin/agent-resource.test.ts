import { describe, expect, it } from 'vitest';
import { PlugboardConsole } from '../console/plugboard-console.js';
import {
  BASE,
  CONSOLE_SIGN_IN,
  CSRF_TOKEN,
  cookieJarFetch,
  received,
  SECRET_KEY,
  useMockApi,
} from '../test/mock-api.js';
import type { AgentStreamEvent } from './agent-resource.js';
import { PlugboardAdmin } from './plugboard-admin.js';

useMockApi();

const last = () => received.at(-1);
type Client = PlugboardAdmin | PlugboardConsole;

async function collect(iterator: AsyncIterable<AgentStreamEvent>) {
  const events: AgentStreamEvent[] = [];
  for await (const event of iterator) events.push(event);
  return events;
}

const calls: Array<[string, (client: Client) => Promise<unknown>, string, string]> = [
  ['agent.start', (c) => c.agent.start({ prompt: 'HubSpot CRM' }), 'POST', '/v1/agent/runs'],
  ['agent.get', (c) => c.agent.get('agr_1'), 'GET', '/v1/agent/runs/agr_1'],
  ['agent.list', (c) => c.agent.list(), 'GET', '/v1/agent/runs'],
  ['agent.limits', (c) => c.agent.limits(), 'GET', '/v1/agent/limits'],
  [
    'agent.review',
    (c) => c.agent.review('agr_1', { actions: [{ key: 'list-contacts', verdict: 'drop' }] }),
    'POST',
    '/v1/agent/runs/agr_1/review',
  ],
  ['agent.cancel', (c) => c.agent.cancel('agr_1'), 'POST', '/v1/agent/runs/agr_1/cancel'],
  ['agent.create', (c) => c.agent.create('agr_1', { slug: 'hubspot' }), 'POST', '/v1/agent/runs/agr_1/create'],
  ['agent.events', (c) => collect(c.agent.events('agr_1')), 'GET', '/v1/agent/runs/agr_1/events'],
];

describe('agent resource', () => {
  it.each(calls)('%s calls the API with the secret key', async (_name, call, method, path) => {
    await call(new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY }));
    expect(last()).toMatchObject({ method, path, bearer: true });
  });

  it.each(calls)('%s calls the API with the console cookie, and CSRF on writes', async (_name, call, method, path) => {
    const client = new PlugboardConsole({ baseUrl: BASE, fetch: cookieJarFetch() });
    await client.signIn(CONSOLE_SIGN_IN);
    await call(client);
    expect(last()).toMatchObject({ method, path, bearer: false, csrf: method === 'GET' ? null : CSRF_TOKEN });
  });

  it('sends the review decisions and returns the runs and the created connector', async () => {
    const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });
    const decisions = {
      authMethods: [{ key: 'oauth2', verdict: 'accept' as const }],
      actions: [
        { key: 'me', verdict: 'edit' as const, value: { key: 'me', name: 'Me', method: 'GET' as const, path: '/me' } },
      ],
    };
    expect((await admin.agent.review('agr_1', decisions)).status).toBe('awaiting_review');
    expect(last()?.body).toEqual({ decisions });
    expect((await admin.agent.list({ limit: 5 })).data[0]?.status).toBe('cancelled');
    expect(last()?.search).toBe('?limit=5');
    expect(await admin.agent.create('agr_1', { name: 'HubSpot', visibility: 'public' })).toEqual({
      id: 'ctr_9',
      name: 'HubSpot',
      visibility: 'public',
    });
  });

  it('iterates over the event stream, frames split across chunks, comments skipped', async () => {
    const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });
    const events = await collect(admin.agent.events('agr_1'));
    expect(events.map((event) => (event.type === 'log' ? event.entry.message : event.run.status))).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'ready',
    ]);
  });

  it('resumes after a log entry with Last-Event-ID', async () => {
    const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });
    const events = await collect(admin.agent.events('agr_1', { after: 2 }));
    expect(
      events.filter((event) => event.type === 'log').map((event) => event.type === 'log' && event.entry.seq),
    ).toEqual([3]);
  });

  it('stops when the signal aborts, and throws typed errors for refused streams', async () => {
    const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY });
    const controller = new AbortController();
    const seen: AgentStreamEvent[] = [];
    for await (const event of admin.agent.events('agr_1', { signal: controller.signal })) {
      seen.push(event);
      controller.abort();
    }
    expect(seen.length).toBeGreaterThanOrEqual(1);
    const stranger = new PlugboardAdmin({ baseUrl: BASE, secretKey: 'pb_sk_wrong' });
    await expect(collect(stranger.agent.events('agr_1'))).rejects.toMatchObject({ status: 401 });
    await expect(admin.agent.get('agr_1')).resolves.toMatchObject({ id: 'agr_1' });
  });
});
