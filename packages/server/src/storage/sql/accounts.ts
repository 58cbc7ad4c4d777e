// Organizations, their members, console sessions and API keys.
import { sql } from 'kysely';
import type { ApiKeyRecord, ConsoleSessionRecord, MemberRecord, OrganizationRecord, Store } from '../store.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

type AccountQueries = Pick<
  Store,
  | 'createOrganization'
  | 'getOrganization'
  | 'findOrganizationByName'
  | 'updateOrganization'
  | 'createMember'
  | 'listMembers'
  | 'getMember'
  | 'setMemberPassword'
  | 'findMemberLogins'
  | 'createConsoleSession'
  | 'findConsoleSessionByHash'
  | 'deleteConsoleSession'
  | 'deleteConsoleSessionsOfMember'
  | 'createApiKey'
  | 'findApiKeyByHash'
  | 'listApiKeys'
  | 'deleteApiKey'
  | 'touchApiKey'
  | 'getMembers'
>;

/** Rows a statement changed, from Kysely's update or delete result. */
export const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);

/** The account queries over one database handle. */
export function accountQueries(db: Db): AccountQueries {
  return {
    async createOrganization(org: OrganizationRecord) {
      await db
        .insertInto('organizations')
        .values({
          id: org.id,
          name: org.name,
          allowed_origins: JSON.stringify(org.allowedOrigins),
          created_at: org.createdAt,
        })
        .execute();
    },
    async getOrganization(id) {
      return rows.organization(
        await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst(),
      );
    },
    async findOrganizationByName(name) {
      const row = await db
        .selectFrom('organizations')
        .selectAll()
        .where('name', '=', name)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return rows.organization(row);
    },
    async updateOrganization(org) {
      await db
        .updateTable('organizations')
        .set({ name: org.name, allowed_origins: JSON.stringify(org.allowedOrigins) })
        .where('id', '=', org.id)
        .execute();
    },

    async createMember(m: MemberRecord) {
      await db
        .insertInto('members')
        .values({
          id: m.id,
          organization_id: m.organizationId,
          email: m.email,
          name: m.name,
          external_id: m.externalId,
          created_at: m.createdAt,
        })
        .execute();
    },
    async listMembers(organizationId) {
      const found = await db
        .selectFrom('members')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('id')
        .execute();
      return found.map(rows.member);
    },
    async getMember(id) {
      const row = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
      return row && rows.member(row);
    },
    async getMembers(ids) {
      if (ids.length === 0) return [];
      const found = await db
        .selectFrom('members')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      return found.map(rows.member);
    },
    async setMemberPassword(memberId, passwordHash) {
      const result = await db
        .updateTable('members')
        .set({ password_hash: passwordHash })
        .where('id', '=', memberId)
        .executeTakeFirst();
      return changed(result) > 0;
    },
    async findMemberLogins(email) {
      const found = await db
        .selectFrom('members')
        .selectAll()
        .where(sql<string>`lower(email)`, '=', sql<string>`lower(${email})`)
        .where('password_hash', 'is not', null)
        .orderBy('id')
        .execute();
      return found.map((row) => ({ member: rows.member(row), passwordHash: String(row.password_hash) }));
    },

    async createConsoleSession(s: ConsoleSessionRecord) {
      await db
        .insertInto('console_sessions')
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          csrf_token: s.csrfToken,
          member_id: s.memberId,
          organization_id: s.organizationId,
          expires_at: s.expiresAt,
          created_at: s.createdAt,
        })
        .execute();
    },
    async findConsoleSessionByHash(hash) {
      const row = await db.selectFrom('console_sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && rows.consoleSession(row);
    },
    async deleteConsoleSession(id) {
      return changed(await db.deleteFrom('console_sessions').where('id', '=', id).executeTakeFirst()) > 0;
    },
    async deleteConsoleSessionsOfMember(memberId) {
      return changed(await db.deleteFrom('console_sessions').where('member_id', '=', memberId).executeTakeFirst());
    },

    async createApiKey(k: ApiKeyRecord) {
      await db
        .insertInto('api_keys')
        .values({
          id: k.id,
          organization_id: k.organizationId,
          name: k.name,
          prefix: k.prefix,
          hash: k.hash,
          created_at: k.createdAt,
          last_used_at: k.lastUsedAt,
        })
        .execute();
    },
    async findApiKeyByHash(hash) {
      const row = await db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
      return row && rows.apiKey(row);
    },
    async listApiKeys(organizationId) {
      const found = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('id')
        .execute();
      return found.map(rows.apiKey);
    },
    async deleteApiKey(organizationId, id) {
      const result = await db
        .deleteFrom('api_keys')
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .executeTakeFirst();
      return changed(result) > 0;
    },
    async touchApiKey(id, at) {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
