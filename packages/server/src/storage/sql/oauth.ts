// OAuth authorization flows and managed OAuth apps.
import { sql } from 'kysely';
import type { OAuthAppRecord, OAuthFlowRecord, Store } from '../store.js';
import { changed } from './accounts.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

type OAuthQueries = Pick<
  Store,
  | 'createOAuthFlow'
  | 'getOAuthFlow'
  | 'consumeOAuthFlow'
  | 'finishOAuthFlow'
  | 'putOAuthApp'
  | 'getOAuthApp'
  | 'listOAuthApps'
  | 'deleteOAuthApp'
>;

/** The OAuth queries over one database handle. */
export function oauthQueries(db: Db): OAuthQueries {
  return {
    async createOAuthFlow(f: OAuthFlowRecord) {
      await db
        .insertInto('oauth_flows')
        .values({
          id: f.id,
          state_hash: f.stateHash,
          organization_id: f.organizationId,
          tenant_id: f.tenantId,
          end_user_id: f.endUserId,
          connector_id: f.connectorId,
          auth_method_id: f.authMethodId,
          code_verifier: f.codeVerifier,
          redirect_uri: f.redirectUri,
          return_origin: f.returnOrigin,
          return_to: f.returnTo ?? null,
          reconnect_connection_id: f.reconnectConnectionId ?? null,
          label: f.label,
          variables: JSON.stringify(f.variables ?? {}),
          status: f.status,
          connection_id: f.connectionId,
          error_code: f.errorCode,
          error_message: f.errorMessage,
          expires_at: f.expiresAt,
          created_at: f.createdAt,
          consumed_at: f.consumedAt,
        })
        .execute();
    },
    async getOAuthFlow(id) {
      const row = await db.selectFrom('oauth_flows').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rows.oauthFlow(row);
    },
    async consumeOAuthFlow(stateHash, at) {
      // One UPDATE decides the winner on both engines: a concurrent second caller matches no row.
      const row = await db
        .updateTable('oauth_flows')
        .set({ consumed_at: at })
        .where('state_hash', '=', stateHash)
        .where('consumed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row && rows.oauthFlow(row);
    },
    async finishOAuthFlow(id, outcome) {
      // Only a pending flow finishes: a widget may still be polling the first result, and nothing rewrites it.
      await db
        .updateTable('oauth_flows')
        .set({
          status: outcome.status,
          connection_id: outcome.connectionId ?? null,
          error_code: outcome.errorCode ?? null,
          error_message: outcome.errorMessage ?? null,
          code_verifier: null,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    async putOAuthApp(a: OAuthAppRecord) {
      const editable = {
        organization_id: a.organizationId,
        provider: a.provider,
        client_id: a.clientId,
        default_scopes: JSON.stringify(a.defaultScopes),
        key_id: a.clientSecret.keyId,
        nonce: a.clientSecret.nonce,
        ciphertext: a.clientSecret.ciphertext,
        updated_at: a.updatedAt,
      };
      await db
        .insertInto('oauth_apps')
        .values({ id: a.id, created_at: a.createdAt, ...editable })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...editable, created_at: sql`excluded.created_at` }))
        .execute();
    },
    async getOAuthApp(id) {
      const row = await db.selectFrom('oauth_apps').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rows.oauthApp(row);
    },
    async listOAuthApps(organizationId) {
      const found = await db
        .selectFrom('oauth_apps')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('id')
        .execute();
      return found.map(rows.oauthApp);
    },
    async deleteOAuthApp(id) {
      return changed(await db.deleteFrom('oauth_apps').where('id', '=', id).executeTakeFirst()) > 0;
    },
  };
}
