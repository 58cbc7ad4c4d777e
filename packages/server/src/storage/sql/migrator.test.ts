import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngine } from '../../test/test-database.js';
import { openAndMigrate, openStore, SchemaTooNewError } from '../open-store.js';

let database: TestDatabase;
afterEach(() => database?.drop());

describe(`migrations (${testEngine})`, () => {
  it('migrate once when several replicas open a fresh database together; the others wait and find it done', async () => {
    database = await createTestDatabase();
    const opened = await Promise.all(Array.from({ length: 4 }, () => openAndMigrate(database.url)));
    const reports = opened.map((o) => o.migration);
    expect(reports.filter((report) => report.applied.length > 0)).toHaveLength(1);
    const version = reports[0]?.version;
    expect(reports.every((report) => report.version === version)).toBe(true);
    // Every replica works on the one schema.
    const [first, ...others] = opened.map((o) => o.store);
    await first?.createOrganization({ id: 'org_1', name: 'One', allowedOrigins: [], createdAt: 'now' });
    for (const store of others) expect((await store.getOrganization('org_1'))?.name).toBe('One');
    await Promise.all(opened.map((o) => o.store.close()));
    const again = await openAndMigrate(database.url);
    expect(again.migration).toEqual({ applied: [], version });
    await again.store.close();
  });

  it('refuses to open a database migrated by a newer release, saying which versions', async () => {
    database = await createTestDatabase();
    const { store, migration } = await openAndMigrate(database.url);
    await store.close();
    await database.exec(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', '2030-01-01')",
    );
    const refused = openStore(database.url);
    await expect(refused).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(refused).rejects.toMatchObject({
      code: 'schema_too_new',
      databaseVersion: 9999,
      codeVersion: migration.version,
      message: expect.stringContaining('version 9999, newer than this Plugboard knows'),
    });
  });
});
