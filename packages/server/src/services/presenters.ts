// Records to API shapes. Nothing secret is in a record these functions see, except where named.
import type { ApiKey, Connection, Member, Organization, Tenant } from '@plugboard/shared';
import type {
  ApiKeyRecord,
  ConnectionRecord,
  MemberRecord,
  OrganizationRecord,
  TenantRecord,
} from '../storage/store.js';

export const presentOrganization = ({ id, name, allowedOrigins, createdAt }: OrganizationRecord): Organization => ({
  id,
  name,
  allowedOrigins,
  createdAt,
});

export const presentMember = ({ id, email, name, externalId, createdAt }: MemberRecord): Member => ({
  id,
  email,
  name,
  externalId,
  createdAt,
});

export const presentApiKey = ({ id, name, prefix, createdAt, lastUsedAt }: ApiKeyRecord): ApiKey => ({
  id,
  name,
  prefix,
  createdAt,
  lastUsedAt,
});

export const presentTenant = ({ id, connectionCount, createdAt }: TenantRecord): Tenant => ({
  id,
  connectionCount,
  createdAt,
});

export function presentConnection(record: ConnectionRecord, connectorSlug: string): Connection {
  const { organizationId: _organizationId, tokenExpiresAt, variables, ...connection } = record;
  return { ...connection, connectorSlug, tokenExpiresAt: tokenExpiresAt ?? null, variables: variables ?? {} };
}
