// Records the store contract seeds: one organization with its owner, connectors, connections.
import type { ConnectionRecord, ConnectorRecord, Store } from '../storage/store.js';

/** The timestamp contract records are made at. */
export const at = '2026-01-01T00:00:00.000Z';

/** Creates an organization with its owner member. */
export async function seed(store: Store, organizationId = 'org_a') {
  await store.createOrganization({
    id: organizationId,
    name: `Org ${organizationId}`,
    allowedOrigins: ['https://a.example'],
    createdAt: at,
  });
  const memberId = `usr_${organizationId}`;
  await store.createMember({
    id: memberId,
    organizationId,
    email: `o@${organizationId}.example`,
    name: 'Owner',
    externalId: null,
    createdAt: at,
  });
  return { organizationId, memberId };
}

/** A connector record with one auth method of kind `none`. */
export function connector(
  organizationId: string,
  id: string,
  overrides: Partial<ConnectorRecord> = {},
): ConnectorRecord {
  return {
    id,
    organizationId,
    slug: id.replace('ctr_', ''),
    name: id,
    description: '',
    domain: null,
    visibility: 'private',
    iconUrl: null,
    authMethods: [{ id: 'am_1', kind: 'none', isDefault: true }],
    apiBaseUrl: null,
    actions: [],
    createdBy: `usr_${organizationId}`,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** An active connection record of one tenant. */
export function connection(organizationId: string, id: string, connectorId: string, tenantId = 't1'): ConnectionRecord {
  return {
    id,
    organizationId,
    tenantId,
    connectorId,
    authMethodId: 'am_1',
    authKind: 'none',
    label: id,
    status: 'active',
    createdBy: 'u1',
    createdAt: at,
    updatedAt: at,
    lastUsedAt: null,
  };
}

/** Opaque sealed credentials of a connection. */
export const sealed = (connectionId: string) => ({
  connectionId,
  keyId: 'k1',
  nonce: Buffer.alloc(12, 1),
  ciphertext: Buffer.from('opaque bytes'),
});
