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
    const cached = cachingStatements(database, { onPrepare: (sql) => prepared.push(sql) });
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

  it('gives rows as objects of their columns only, a repeated name taking the later value, blobs as bytes', async () => {
    const cached = cachingStatements(new Database(await databaseFile()));
    cached.prepare('CREATE TABLE t (id INTEGER, name TEXT, data BLOB)').run([]);
    cached.prepare("INSERT INTO t VALUES (1, 'one', x'0102'), (2, NULL, NULL)").run([]);
    const select = 'SELECT id, name, data, name AS id FROM t ORDER BY rowid';
    const expected = [
      { id: 'one', name: 'one', data: Buffer.from([1, 2]) },
      { id: null, name: null, data: null },
    ];
    expect(cached.prepare(select).all([])).toEqual(expected);
    expect([...cached.prepare(select).iterate([])]).toEqual(expected);
    expect(Object.keys(cached.prepare(select).all([])[0] as object)).toEqual(['id', 'name', 'data']);
    expect(cached.prepare('INSERT INTO t (id) VALUES (?) RETURNING id').all([3])).toEqual([{ id: 3 }]);
    cached.close();
  });

  it('names the values of a cached `SELECT *` anew after another process dropped one column and added another', async () => {
    const file = await databaseFile();
    const cached = cachingStatements(new Database(file));
    cached.prepare('CREATE TABLE t (id INTEGER, name TEXT, extra TEXT)').run([]);
    cached.prepare("INSERT INTO t VALUES (1, 'one', 'x')").run([]);
    const select = 'SELECT * FROM t LIMIT 1';
    expect(cached.prepare(select).all([])).toEqual([{ id: 1, name: 'one', extra: 'x' }]);
    const other = new Database(file);
    // As many columns as before, in other places: names kept from the first run would be shifted.
    other.exec("ALTER TABLE t DROP COLUMN name; ALTER TABLE t ADD COLUMN added TEXT DEFAULT 'new'");
    expect(cached.prepare(select).all([])).toEqual([{ id: 1, extra: 'x', added: 'new' }]);
    other.close();
    cached.close();
  });

  it('fails a cached statement naming a column another process dropped, rather than answer under shifted names', async () => {
    const file = await databaseFile();
    const cached = cachingStatements(new Database(file));
    cached.prepare('CREATE TABLE t (id INTEGER, name TEXT, extra TEXT)').run([]);
    cached.prepare("INSERT INTO t VALUES (1, 'one', 'x')").run([]);
    const select = 'SELECT id, name, extra FROM t LIMIT 1';
    expect(cached.prepare(select).all([])).toEqual([{ id: 1, name: 'one', extra: 'x' }]);
    const other = new Database(file);
    other.exec('ALTER TABLE t DROP COLUMN name');
    expect(() => cached.prepare(select).all([])).toThrow(/name/);
    other.close();
    cached.close();
  });

  it('reads a statement ending in LIMIT 1 with one native call; one text with a bound limit reads its own rows', async () => {
    const single: string[] = [];
    const cached = cachingStatements(new Database(await databaseFile()), { onSingleRow: (sql) => single.push(sql) });
    cached.prepare('CREATE TABLE t (id INTEGER)').run([]);
    cached.prepare('INSERT INTO t VALUES (1), (2), (3)').run([]);
    const literal = 'SELECT id FROM t WHERE id > ? ORDER BY id LIMIT 1';
    expect(cached.prepare(literal).all([1])).toEqual([{ id: 2 }]);
    expect(cached.prepare(literal).all([3])).toEqual([]);
    expect([...cached.prepare(literal).iterate([2])]).toEqual([{ id: 3 }]);
    expect(single).toEqual([literal, literal, literal]);
    // libsql's `get` after `all` on one statement would answer with the previous run's first row.
    const bound = 'SELECT id FROM t WHERE id > ? ORDER BY id LIMIT ?';
    expect(cached.prepare(bound).all([0, 2])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(cached.prepare(bound).all([1, 1])).toEqual([{ id: 2 }]);
    expect(cached.prepare(bound).all([2, 1])).toEqual([{ id: 3 }]);
    expect(single).toHaveLength(3);
    cached.close();
  });

  it('runs the lookups of the busiest requests with one native call each', async () => {
    const { store } = await openSqlite(`file:${await databaseFile()}`);
    const statement = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1'));
    const get = vi.spyOn(statement, 'get');
    const iterate = vi.spyOn(statement, 'iterate');
    try {
      for (let run = 0; run < 3; run += 1) {
        expect(await store.getConnectionWithCredentials(`conn_${run}`)).toBeUndefined();
        expect(await store.findApiKeyAuth(`hash_${run}`)).toBeUndefined();
        expect(await store.findSessionAuth(`hash_${run}`)).toBeUndefined();
      }
      expect(get).toHaveBeenCalledTimes(9);
      expect(iterate).not.toHaveBeenCalled();
    } finally {
      await store.close();
    }
  });
});
