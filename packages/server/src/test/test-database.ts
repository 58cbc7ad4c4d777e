// The database a test runs on: a SQLite file in a temp folder, or, in the `server-pg` project
// (PLUGBOARD_TEST_ENGINE=postgres), a fresh schema of the Postgres server PLUGBOARD_TEST_DATABASE_URL names,
// so that test files run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import pg from 'pg';
import { inject } from 'vitest';

/** The engine this test run uses. */
export const testEngine: 'sqlite' | 'postgres' =
  process.env.PLUGBOARD_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** One test's own database. */
export interface TestDatabase {
  /** What `openStore` takes (and `PLUGBOARD_DATABASE_URL` would hold). */
  url: string;
  /** Everything stored, as bytes: to check that no secret is stored in the clear. */
  bytes(): Promise<Buffer>;
  /** Runs SQL straight on the database, outside the store (to set up what only another release would write). */
  exec(sql: string): Promise<void>;
  /** Removes the database. */
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.PLUGBOARD_TEST_DATABASE_URL || inject('postgresUrl');
  if (!url) {
    throw new Error(
      'PLUGBOARD_TEST_ENGINE=postgres needs a server: run the tests with `npm test`, or set PLUGBOARD_TEST_DATABASE_URL.',
    );
  }
  return url;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every value of every table of a schema; bytea columns as their raw bytes. */
async function schemaBytes(schema: string): Promise<Buffer> {
  return withAdmin(async (client) => {
    const tables = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    const parts: Buffer[] = [];
    for (const { table_name } of tables.rows) {
      const found = await client.query(`SELECT * FROM "${schema}"."${table_name}"`);
      for (const row of found.rows as Array<Record<string, unknown>>) {
        for (const value of Object.values(row)) {
          parts.push(Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value) ?? ''));
        }
      }
    }
    return Buffer.concat(parts);
  });
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const schema = `test_${randomBytes(8).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(serverUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    bytes: () => schemaBytes(schema),
    async exec(sql) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    },
    drop: () => withAdmin(async (client) => void (await client.query(`DROP SCHEMA "${schema}" CASCADE`))),
  };
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const folder = await mkdtemp(join(tmpdir(), 'plugboard-db-'));
  const path = join(folder, 'plugboard.db');
  return {
    url: `file:${path}`,
    async bytes() {
      const files = await Promise.all(
        ['', '-wal'].map((suffix) => readFile(path + suffix).catch(() => Buffer.alloc(0))),
      );
      return Buffer.concat(files);
    },
    async exec(sql) {
      const database = new Database(path);
      try {
        database.exec(sql);
      } finally {
        database.close();
      }
    },
    drop: () => rm(folder, { recursive: true, force: true }),
  };
}

/** A fresh, empty database on the engine of this test run. */
export function createTestDatabase(): Promise<TestDatabase> {
  return testEngine === 'postgres' ? createPostgresDatabase() : createSqliteDatabase();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server the `server-pg` project's global setup started, when PLUGBOARD_TEST_DATABASE_URL was not set. */
    postgresUrl: string | undefined;
  }
}
