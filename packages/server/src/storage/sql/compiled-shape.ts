import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './tables.js';

/** A query's values by name, as its builder takes them. */
type Values = Record<string, string | number>;

/**
 * A query of a fixed shape built and compiled once, with stand-ins for its values, then run with each call's own
 * values in their places: building and compiling a listing's query with Kysely costs more, per request, than
 * SQLite takes to run it. `kinds` names the values with one of each's type (`{ organizationId: '', limit: 0 }`);
 * each gets a stand-in no real value equals (text with a NUL byte, a number far below zero), and any other
 * parameter (a constant such as a status) is kept as compiled. One per query shape: a list of ids of varying
 * length is another shape each time, built as usual.
 */
export function compiledShape<V extends Values, R>(db: Db, kinds: V, build: (values: V) => Compilable<R>) {
  const names = Object.keys(kinds) as Array<keyof V & string>;
  const placeholders = Object.fromEntries(
    names.map((name, index) => [name, typeof kinds[name] === 'number' ? -1e15 - index : `\u0000${name}`]),
  ) as V;
  const nameOf = new Map<unknown, keyof V>(names.map((name) => [placeholders[name], name]));
  let compiled: CompiledQuery<R> | undefined;
  return async (values: V): Promise<R[]> => {
    compiled ??= build(placeholders).compile();
    const parameters = compiled.parameters.map((parameter) => {
      const name = nameOf.get(parameter);
      return name === undefined ? parameter : values[name];
    });
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}
