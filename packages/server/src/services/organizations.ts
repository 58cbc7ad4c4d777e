import { type CreatedApiKey, ErrorCode, type MemberCreate, type OrganizationUpdate, slugify } from '@plugboard/shared';
import { hashSecret, newId, newSecret, SECRET_KEY_PREFIX } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { MemberRecord, OrganizationRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';
import { presentApiKey } from './presenters.js';

/** The first member of a new organization, who is recorded as the creator of its connectors by default. */
export interface OwnerInput {
  name: string;
  email: string;
  externalId?: string | undefined;
}

/** Creates an organization with its owner and its first secret key, which is returned once. */
export async function createOrganization(
  deps: ServiceDeps,
  input: { name: string; allowedOrigins?: string[] | undefined; owner?: OwnerInput | undefined },
): Promise<{ organization: OrganizationRecord; owner: MemberRecord; apiKey: CreatedApiKey }> {
  const organization: OrganizationRecord = {
    id: newId('org'),
    name: input.name,
    allowedOrigins: input.allowedOrigins ?? [],
    createdAt: deps.now().toISOString(),
  };
  await deps.store.createOrganization(organization);
  const owner = await createMember(
    deps,
    organization.id,
    input.owner ?? { name: 'Owner', email: `owner@${slugify(input.name) || 'organization'}.example` },
  );
  const apiKey = await createApiKey(deps, organization.id, 'Default');
  return { organization, owner, apiKey };
}

/** Applies a partial update to an organization. */
export async function updateOrganization(
  deps: ServiceDeps,
  organization: OrganizationRecord,
  patch: OrganizationUpdate,
) {
  const updated: OrganizationRecord = {
    ...organization,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.allowedOrigins !== undefined ? { allowedOrigins: [...new Set(patch.allowedOrigins)] } : {}),
  };
  await deps.store.updateOrganization(updated);
  return updated;
}

/** Issues a secret key; only its hash is stored, so the returned secret is the only copy. */
export async function createApiKey(deps: ServiceDeps, organizationId: string, name: string): Promise<CreatedApiKey> {
  const secret = newSecret(SECRET_KEY_PREFIX);
  const record = {
    id: newId('key'),
    organizationId,
    name,
    prefix: secret.slice(0, SECRET_KEY_PREFIX.length + 4),
    hash: hashSecret(secret),
    createdAt: deps.now().toISOString(),
    lastUsedAt: null,
  };
  await deps.store.createApiKey(record);
  return { ...presentApiKey(record), secret };
}

/** Revokes a secret key other than the one making the request. */
export async function revokeApiKey(
  deps: ServiceDeps,
  organizationId: string,
  id: string,
  callerKeyId: string | undefined,
) {
  if (id === callerKeyId) {
    throw new ApiError(409, ErrorCode.Conflict, 'A key cannot revoke itself; use another key to revoke this one');
  }
  if (!(await deps.store.deleteApiKey(organizationId, id))) throw ApiError.notFound(`API key ${id}`);
}

/** Adds a member to an organization; emails are unique within it. */
export async function createMember(
  deps: ServiceDeps,
  organizationId: string,
  input: MemberCreate,
): Promise<MemberRecord> {
  const members = await deps.store.listMembers(organizationId);
  if (members.some((member) => member.email.toLowerCase() === input.email.toLowerCase())) {
    throw new ApiError(409, ErrorCode.Conflict, `A member with the email ${input.email} already exists`);
  }
  const record: MemberRecord = {
    id: newId('usr'),
    organizationId,
    email: input.email,
    name: input.name,
    externalId: input.externalId ?? null,
    createdAt: deps.now().toISOString(),
  };
  await deps.store.createMember(record);
  return record;
}
