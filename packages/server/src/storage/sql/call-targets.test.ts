import { afterAll, describe, expect, it } from 'vitest';
import { connection, connector, sealed, seed } from '../../test/store-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { openStore } from '../open-store.js';

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((database) => database.drop())));

async function openSeeded() {
  const database = await createTestDatabase();
  databases.push(database);
  const store = await openStore(database.url);
  const { organizationId } = await seed(store);
  const actions = [
    {
      key: 'list',
      name: 'List',
      description: '',
      method: 'GET' as const,
      path: '/items',
      input: { type: 'object' as const, properties: {} },
    },
  ];
  await store.createConnector(connector(organizationId, 'ctr_a', { apiBaseUrl: 'https://api.a.example', actions }));
  await store.createConnection(connection(organizationId, 'cxn_1', 'ctr_a'), sealed('cxn_1'));
  return store;
}

describe('getCallTarget', () => {
  it('reads a connection with its credentials and its whole connector, as the separate reads do', async () => {
    const store = await openSeeded();
    try {
      const target = await store.getCallTarget('cxn_1');
      const apart = await store.getConnectionWithCredentials('cxn_1');
      expect(target).toEqual({ ...apart, connector: await store.getConnector('ctr_a') });
      expect(target?.connector?.actions).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('finds nothing for an unknown connection', async () => {
    const store = await openSeeded();
    try {
      expect(await store.getCallTarget('cxn_unknown')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
