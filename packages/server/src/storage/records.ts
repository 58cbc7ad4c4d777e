import type { AuthKind, AuthMethod, ConnectionStatus, Visibility } from '@plugboard/shared';
import type { SealedCredentials } from '../crypto/credential-cipher.js';

/** Timestamps are ISO 8601 strings throughout storage. */
type Timestamp = string;

export interface OrganizationRecord {
  id: string;
  name: string;
  allowedOrigins: string[];
  createdAt: Timestamp;
}

export interface MemberRecord {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  externalId: string | null;
  createdAt: Timestamp;
}

export interface ApiKeyRecord {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  hash: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
}

export interface ConnectorRecord {
  id: string;
  organizationId: string;
  slug: string;
  name: string;
  description: string;
  domain: string | null;
  visibility: Visibility;
  iconUrl: string | null;
  authMethods: AuthMethod[];
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TenantRecord {
  organizationId: string;
  id: string;
  connectionCount: number;
  createdAt: Timestamp;
}

export interface SessionRecord {
  id: string;
  organizationId: string;
  tenantId: string;
  endUserId: string;
  endUserName: string | null;
  tokenHash: string;
  /** Resolved connector ids, or null for all of the organization's. */
  allowedConnectors: string[] | null;
  allowedOrigins: string[] | null;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}

export interface ConnectionRecord {
  id: string;
  organizationId: string;
  tenantId: string;
  connectorId: string;
  authMethodId: string;
  authKind: AuthKind;
  label: string;
  status: ConnectionStatus;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  lastUsedAt: Timestamp | null;
}

export type CredentialRecord = SealedCredentials & { connectionId: string };

/** Which connectors a listing covers, seen from one organization. */
export type ConnectorScope = 'own' | 'public' | 'all';

export interface ConnectionFilter {
  organizationId: string;
  tenantId?: string | undefined;
  connectorId?: string | undefined;
  status?: ConnectionStatus | undefined;
  limit: number;
  /** Id of the last item of the previous page. */
  cursor?: string | undefined;
}
