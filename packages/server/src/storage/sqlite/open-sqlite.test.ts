import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, expect, it } from 'vitest';
import { migrations } from './migrations.js';
import { openSqlite } from './open-sqlite.js';

let folder: string;
afterEach(() => rm(folder, { recursive: true, force: true }));

it('takes over a SQLite file the previous migrator made and goes on from its last version', async () => {
  folder = await mkdtemp(join(tmpdir(), 'plugboard-old-'));
  const path = join(folder, 'old.db');
  // What releases before the Postgres port did: one transaction per migration, recorded positionally.
  const old = new Database(path);
  old.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)');
  for (const migration of migrations.slice(0, -1)) {
    old.exec(migration.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, 'then');
  }
  old.prepare("INSERT INTO organizations VALUES ('org_old', 'Old', '[\"https://old.example\"]', 'then')").run();
  old.close();

  const last = migrations.at(-1)?.version;
  const { store, migration } = await openSqlite(`file:${path}`);
  expect(migration).toEqual({ applied: [last], version: last });
  expect(await store.getOrganization('org_old')).toEqual({
    id: 'org_old',
    name: 'Old',
    allowedOrigins: ['https://old.example'],
    createdAt: 'then',
  });
  expect(await store.takeRateLimitToken('k', { burst: 1, perSecond: 1 }, new Date())).toBe(0);
  await store.close();
});
