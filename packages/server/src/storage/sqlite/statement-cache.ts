import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type Database from 'libsql';

/** How many distinct SQL texts keep their prepared statement; past it the least recently used is dropped. */
export const STATEMENT_CACHE_SIZE = 500;

/** What the cache counts, for tests: statements prepared, and runs that read their one row with `get`. */
export interface StatementEvents {
  onPrepare?: (sql: string) => void;
  onSingleRow?: (sql: string) => void;
}

/**
 * Whether a statement returns one row at most: its SQL ends in `limit 1`, written in the text. Not `limit ?` bound
 * to 1: one text then runs with other limits too, and libsql's `get` after `all` on one statement binds nothing
 * (the statement is not reset yet) and answers with the previous parameters' first row.
 */
const returnsOneRow = (sql: string) => /\slimit 1$/i.test(sql);

type Values = unknown[];

/**
 * Whether a statement selects `*` or `t.*`. SQLite prepares a statement again by itself when another process (a
 * newer replica) migrated the schema, and `*` then stands for other columns: dropping one and adding another
 * would keep the count and shift every name after it. Such statements keep libsql's rows, named natively on
 * every run; one that names its columns fails instead when a column it names is dropped.
 */
const selectsEveryColumn = (sql: string) => /(?:\.|\bselect\s+(?:distinct\s+)?|,\s*)\*/i.test(sql);

/**
 * Builds the row objects Kysely expects from a statement's arrays, under its column names (a later name wins, as in
 * libsql's objects). The names are read once: `columns()` is a slow native call. Only statements that name their
 * columns are read this way (see {@link selectsEveryColumn}), so a newer replica's migration cannot shift them.
 */
function rowBuilder(statement: Database.Statement) {
  const columns = statement.columns().map((column) => column.name);
  return (values: Values) => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < columns.length; index += 1) row[columns[index] as string] = values[index];
    return row;
  };
}

/** A reading statement run in libsql's raw mode, its rows built here. */
function reading(statement: Database.Statement, sql: string, events: StatementEvents): SqliteStatement {
  // libsql builds each row object natively, one property at a time plus a `_metadata` one, which cost about as
  // much as the lookup itself: arrays cross the boundary for less, and the names are read once.
  statement.raw(true);
  const rowOf = rowBuilder(statement);
  const run = (parameters: readonly unknown[]) =>
    statement.run(parameters as unknown[]) as ReturnType<SqliteStatement['run']>;
  if (returnsOneRow(sql)) {
    // `get` is one native call; `all` is two (open the rows, then read them) and leaves a cursor for the GC. Such a
    // statement is only ever read with `get` (see returnsOneRow).
    const first = (parameters: readonly unknown[]) => {
      events.onSingleRow?.(sql);
      const values = statement.get(parameters as unknown[]) as Values | undefined;
      return values ? [rowOf(values)] : [];
    };
    return { reader: true, all: first, run, iterate: (parameters) => first(parameters).values() };
  }
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters as unknown[]) as Values[]).map((values) => rowOf(values)),
    run,
    *iterate(parameters) {
      for (const values of statement.iterate(parameters as unknown[])) yield rowOf(values as Values);
    },
  };
}

/**
 * The libsql handle as Kysely's SQLite dialect drives it, with each SQL text prepared once and its statement
 * kept (up to {@link STATEMENT_CACHE_SIZE} texts): preparing parses and plans the SQL, which cost more than
 * running a lookup by primary key. Reusing a statement is safe because libsql runs each one to completion
 * synchronously, and Kysely's dialect sends one query at a time; `reader` (a native call) is read once too.
 * Reading statements that name their columns return their rows as arrays (see {@link reading}), and one whose SQL
 * ends in `limit 1` is run with `get`.
 */
export function cachingStatements(database: Database.Database, events: StatementEvents = {}): SqliteDatabase {
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
      events.onPrepare?.(sql);
      const statement = database.prepare(sql);
      const prepared: SqliteStatement =
        statement.reader && !selectsEveryColumn(sql)
          ? reading(statement, sql, events)
          : {
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
