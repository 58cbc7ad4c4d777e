// Counted work on the busiest read paths: how many store calls (each one query or more) a request costs, whatever
// the length of what it lists. The store is the real one, counted on its way through.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Store } from '../storage/store.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';

let t: TestContext;
afterEach(() => t.close());

/** The store with every call counted by method name. */
function counted(store: Store) {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls, total: () => [...calls.values()].reduce((sum, count) => sum + count, 0) };
}

/** A tenant with `connections` API-key connections spread over `connectors` connectors. */
async function seeded(connectors: number, connections: number) {
  t = await createTestContext();
  const { secretKey } = await t.createOrganization();
  const ids: string[] = [];
  for (let index = 0; index < connectors; index += 1) {
    ids.push((await t.createConnector(secretKey, { name: `API ${index}`, authMethods: [{ kind: 'apiKey' }] })).id);
  }
  const session = await t.mintSession(secretKey);
  const connectionIds: string[] = [];
  for (let index = 0; index < connections; index += 1) {
    const created = await t.request('POST', '/v1/session/connections', {
      key: session,
      headers: { origin: ORIGIN },
      body: { connector: ids[index % connectors], credentials: { apiKey: `key-${index}` } },
    });
    connectionIds.push(created.json.id);
  }
  const count = counted(t.store);
  const app = createApp({ store: count.store, keyring: t.keyring });
  const get = async (path: string, key: string) => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${key}`, origin: ORIGIN } });
    expect(response.status).toBe(200);
    return response.json();
  };
  return { secretKey, session, connectionIds, count, get };
}

/** Store calls of one request, once its caller is resolved (the first request resolves it). */
async function callsOf(world: Awaited<ReturnType<typeof seeded>>, path: string, key: string) {
  await world.get(path, key);
  world.count.calls.clear();
  await world.get(path, key);
  return { total: world.count.total(), calls: Object.fromEntries(world.count.calls) };
}

describe('store calls per request', () => {
  it('a page of admin connections costs the same whatever its length, with no call per connection', async () => {
    const small = await seeded(2, 2);
    const few = await callsOf(small, '/v1/connections?limit=50', small.secretKey);
    await t.close();
    const large = await seeded(6, 30);
    const many = await callsOf(large, '/v1/connections?limit=50', large.secretKey);
    expect(many).toEqual(few);
    expect(many).toEqual({ total: 1, calls: { listConnectionsWithCredentials: 1 } });
  });

  it('a session’s cards and connections cost the same whatever their number', async () => {
    const small = await seeded(2, 2);
    const fewCards = await callsOf(small, '/v1/session/connectors', small.session);
    const fewConnections = await callsOf(small, '/v1/session/connections', small.session);
    await t.close();
    const large = await seeded(12, 24);
    expect(await callsOf(large, '/v1/session/connectors', large.session)).toEqual(fewCards);
    expect(await callsOf(large, '/v1/session/connections', large.session)).toEqual(fewConnections);
    expect(fewCards).toEqual({ total: 1, calls: { listCardStates: 1 } });
    expect(fewConnections).toEqual({ total: 1, calls: { listTenantConnections: 1 } });
  });

  it('a changed connector is read again, alone, by the next listing of cards', async () => {
    const world = await seeded(3, 0);
    const [first] = (await world.get('/v1/session/connectors', world.session)).data;
    const patched = await t.request('PATCH', `/v1/connectors/${first.id}`, {
      key: world.secretKey,
      body: { description: 'Changed since its card was built' },
    });
    expect(patched.status).toBe(200);
    world.count.calls.clear();
    const cards = (await world.get('/v1/session/connectors', world.session)).data;
    expect(cards.find((card: { id: string }) => card.id === first.id).description).toBe(
      'Changed since its card was built',
    );
    expect(Object.fromEntries(world.count.calls)).toEqual({ listCardStates: 1, getConnectorSummaries: 1 });
  });

  it('the credentials fetch reads its connection with its credentials in one call and writes nothing', async () => {
    const world = await seeded(1, 1);
    const path = `/v1/connections/${world.connectionIds[0]}/credentials`;
    expect(await callsOf(world, path, world.secretKey)).toEqual({
      total: 1,
      calls: { getConnectionWithCredentials: 1 },
    });
  });
});
