// What key rotation reads and rewrites: every kind of sealed secret, with the ids its ciphertext is bound to.
import { type RawBuilder, sql } from 'kysely';
import type { SealedCredentials } from '../../crypto/credential-cipher.js';
import type { SealedKind, SealedRecord, Store } from '../store.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

/**
 * Where each kind lives: the query selecting it (aliased `s`, with its organization and tenant), the
 * expression that orders and pages it, its table and the columns that name one row. Table and column names
 * are constants here, never input.
 */
const SEALED: Record<
  SealedKind,
  { from: RawBuilder<unknown>; id: RawBuilder<unknown>; table: string; keys: string[] }
> = {
  credentials: {
    from: sql`SELECT s.*, s.connection_id AS id, o.organization_id, o.tenant_id
                FROM credentials s JOIN connections o ON o.id = s.connection_id`,
    id: sql`s.connection_id`,
    table: 'credentials',
    keys: ['connection_id'],
  },
  'connector-secret': {
    from: sql`SELECT s.*, s.connector_id || '/' || s.auth_method_id AS id, o.organization_id
                FROM connector_secrets s JOIN connectors o ON o.id = s.connector_id`,
    id: sql`s.connector_id || '/' || s.auth_method_id`,
    table: 'connector_secrets',
    keys: ['connector_id', 'auth_method_id'],
  },
  'oauth-app-secret': { from: sql`SELECT s.* FROM oauth_apps s`, id: sql`s.id`, table: 'oauth_apps', keys: ['id'] },
  'webhook-endpoint-secret': {
    from: sql`SELECT s.* FROM webhook_endpoints s`,
    id: sql`s.id`,
    table: 'webhook_endpoints',
    keys: ['id'],
  },
  'inbound-secrets': {
    from: sql`SELECT s.*, s.connection_id AS id, o.organization_id, o.tenant_id
                FROM inbound_endpoints s JOIN connections o ON o.id = s.connection_id`,
    id: sql`s.connection_id`,
    table: 'inbound_endpoints',
    keys: ['connection_id'],
  },
};

const keyValues = (record: SealedRecord): string[] => {
  if (record.kind === 'credentials' || record.kind === 'inbound-secrets') return [record.connectionId];
  if (record.kind === 'connector-secret') return [record.connectorId, record.authMethodId];
  if (record.kind === 'webhook-endpoint-secret') return [record.endpointId];
  return [record.appId];
};

/** The key rotation queries over one database handle. */
export function sealedQueries(db: Db): Pick<Store, 'listSealedNotUnder' | 'replaceSealed'> {
  return {
    async listSealedNotUnder(kind, keyId, page) {
      const { from, id } = SEALED[kind];
      const found = await sql<rows.Row>`${from} WHERE s.key_id <> ${keyId} AND ${id} > ${page.cursor ?? ''}
        ORDER BY ${id} LIMIT ${page.limit}`.execute(db);
      return found.rows.map((row) => rows.sealedRecord(kind, row));
    },
    async replaceSealed(record: SealedRecord, next: SealedCredentials) {
      const { table, keys } = SEALED[record.kind];
      const values = keyValues(record);
      const match = sql.join(
        keys.map((key, index) => sql`${sql.ref(key)} = ${values[index]}`),
        sql` AND `,
      );
      const result = await sql`UPDATE ${sql.table(table)} SET key_id = ${next.keyId}, nonce = ${next.nonce},
        ciphertext = ${next.ciphertext} WHERE ${match} AND nonce = ${record.sealed.nonce}`.execute(db);
      return Number(result.numAffectedRows ?? 0n) > 0;
    },
  };
}
