import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './tables.js';

/**
 * A lookup whose query is built and compiled once per database handle, then run with each call's parameters:
 * Kysely otherwise rebuilds and recompiles the query tree on every call, which costs as much as the lookup on
 * the busiest requests. `build` receives a stand-in for the one parameter; the compiled SQL must have exactly
 * that one parameter.
 */
export function compiledOnce<R>(db: Db, build: (parameter: string) => Compilable<R>) {
  let compiled: CompiledQuery<R> | undefined;
  return async (parameter: string): Promise<R | undefined> => {
    compiled ??= build('').compile();
    const { rows } = await db.executeQuery<R>({ ...compiled, parameters: [parameter] });
    return rows[0];
  };
}
