import { afterAll } from 'vitest';
import { describeStoreContract } from '../../test/store-contract.js';
import { createTestDatabase, type TestDatabase, testEngine } from '../../test/test-database.js';
import { openStore } from '../open-store.js';

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((database) => database.drop())));

describeStoreContract(testEngine === 'postgres' ? 'Postgres' : 'SQLite', {
  async open() {
    const database = await createTestDatabase();
    databases.push(database);
    return {
      store: await openStore(database.url),
      reopen: () => openStore(database.url),
      url: database.url,
      exec: database.exec,
    };
  },
});
