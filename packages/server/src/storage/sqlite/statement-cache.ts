import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type Database from 'libsql';

/** How many distinct SQL texts keep their prepared statement; past it the least recently used is dropped. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The libsql handle as Kysely's SQLite dialect drives it, with each SQL text prepared once and its statement
 * kept (up to {@link STATEMENT_CACHE_SIZE} texts): preparing parses and plans the SQL, which cost more than
 * running a lookup by primary key. Reusing a statement is safe because libsql runs each one to completion
 * synchronously, and Kysely's dialect sends one query at a time; `reader` (a native call) is read once too.
 * `onPrepare` counts the statements actually prepared, for tests.
 */
export function cachingStatements(database: Database.Database, onPrepare?: (sql: string) => void): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        // Re-inserted so that the Map's order is least recently used first.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      onPrepare?.(sql);
      const statement = database.prepare(sql);
      const prepared: SqliteStatement = {
        reader: statement.reader,
        all: (parameters) => statement.all(parameters as unknown[]),
        run: (parameters) => statement.run(parameters as unknown[]) as ReturnType<SqliteStatement['run']>,
        iterate: (parameters) => statement.iterate(parameters as unknown[]),
      };
      statements.set(sql, prepared);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      return prepared;
    },
  };
}
