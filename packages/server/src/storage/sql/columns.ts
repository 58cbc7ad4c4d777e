// The columns of the tables the hot lookups read, named one by one.
import type { Tables } from './tables.js';

/**
 * Every column of a table, named: a column added to {@link Tables} and missing here fails to compile. The hot
 * lookups name their columns rather than select `*`, so that SQLite's driver may read their rows as arrays (see
 * storage/sqlite/statement-cache.ts) and a column dropped by a newer replica fails the lookup instead of
 * shifting the names of the others.
 */
export const allColumns =
  <T>() =>
  <const L extends readonly (keyof T & string)[]>(
    list: L & ([Exclude<keyof T, L[number]>] extends [never] ? unknown : never),
  ) =>
    list;

/** Every column of `api_keys`. */
export const API_KEY_COLUMNS = allColumns<Tables['api_keys']>()([
  'id',
  'organization_id',
  'name',
  'prefix',
  'hash',
  'created_at',
  'last_used_at',
]);
/** Every column of `connect_sessions`. */
export const SESSION_COLUMNS = allColumns<Tables['connect_sessions']>()([
  'id',
  'organization_id',
  'tenant_id',
  'end_user_id',
  'end_user_name',
  'token_hash',
  'allowed_connectors',
  'allowed_origins',
  'expires_at',
  'created_at',
  'member_id',
]);
/** Every column of `connections`. */
export const CONNECTION_COLUMNS = allColumns<Tables['connections']>()([
  'id',
  'organization_id',
  'tenant_id',
  'connector_id',
  'auth_method_id',
  'auth_kind',
  'label',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'last_used_at',
  'token_expires_at',
  'variables',
]);

/** `columns` of the table aliased `alias`. */
export const qualified = <A extends string, C extends string>(alias: A, columns: readonly C[]) =>
  columns.map((column) => `${alias}.${column}` as const);

/** Every column of `connectors` but its actions, the largest by far: what cards and listings read. */
export const CONNECTOR_SUMMARY_COLUMNS = [
  'id',
  'organization_id',
  'slug',
  'name',
  'description',
  'domain',
  'visibility',
  'icon_url',
  'auth_methods',
  'api_base_url',
  'variables',
  'created_by',
  'created_at',
  'updated_at',
  'revision',
] as const;

/** Every column of `connectors`. */
export const CONNECTOR_COLUMNS = allColumns<Tables['connectors']>()([...CONNECTOR_SUMMARY_COLUMNS, 'actions']);
