import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreContract } from '../../test/store-contract.js';
import { SqliteStore } from './sqlite-store.js';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

describeStoreContract('SQLite', {
  async open() {
    const folder = await mkdtemp(join(tmpdir(), 'plugboard-store-'));
    folders.push(folder);
    const url = `file:${join(folder, 'store.db')}`;
    return { store: await SqliteStore.open(url), reopen: () => SqliteStore.open(url) };
  },
});
