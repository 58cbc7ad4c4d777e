import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqlite } from './open-sqlite.js';
import { cachingStatements, STATEMENT_CACHE_SIZE } from './statement-cache.js';

const folders: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function databaseFile() {
  const folder = await mkdtemp(join(tmpdir(), 'plugboard-statements-'));
  folders.push(folder);
  return join(folder, 'plugboard.db');
}

describe('SQLite statement caching', () => {
  it('prepares each SQL text of the store once, however often it runs', async () => {
    const { store } = await openSqlite(`file:${await databaseFile()}`);
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    try {
      for (let run = 0; run < 5; run += 1) {
        expect(await store.getOrganization(`org_${run}`)).toBeUndefined();
        expect(await store.findApiKeyAuth(`hash_${run}`)).toBeUndefined();
      }
      expect(prepare).toHaveBeenCalledTimes(2);
    } finally {
      await store.close();
    }
  });

  it('binds each run’s own parameters and keeps at most STATEMENT_CACHE_SIZE statements', async () => {
    const database = new Database(await databaseFile());
    const prepared: string[] = [];
    const cached = cachingStatements(database, (sql) => prepared.push(sql));
    cached.prepare('CREATE TABLE t (id INTEGER, name TEXT)').run([]);
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
    for (let id = 0; id < 3; id += 1) cached.prepare(insert).run([id, `name ${id}`]);
    const select = 'SELECT name FROM t WHERE id = ?';
    expect(cached.prepare(select).all([1])).toEqual([{ name: 'name 1' }]);
    expect(cached.prepare(select).all([2])).toEqual([{ name: 'name 2' }]);
    expect(prepared.filter((sql) => sql === select)).toHaveLength(1);

    for (let n = 0; n < STATEMENT_CACHE_SIZE; n += 1) cached.prepare(`SELECT ${n} AS n`).all([]);
    cached.prepare(select).all([0]);
    // The oldest texts went to make room: running one of them again prepares it again.
    expect(prepared.filter((sql) => sql === select)).toHaveLength(2);
    cached.close();
  });
});
