import {
  CredentialDecryptionError,
  openAppSecret,
  openClientSecret,
  openCredentials,
  openEndpointSecret,
  openInboundSecrets,
  type SealedCredentials,
  sealAppSecret,
  sealClientSecret,
  sealCredentials,
  sealEndpointSecret,
  sealInboundSecrets,
} from '../crypto/credential-cipher.js';
import type { Keyring } from '../crypto/keyring.js';
import type { SealedKind, SealedRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';

/** What {@link rotateKeys} did. */
export interface KeyRotationResult {
  /** The key everything is sealed under now: the keyring's current key. */
  keyId: string;
  /** Connection credentials re-encrypted. */
  credentials: number;
  /** Connectors' OAuth client secrets re-encrypted. */
  connectorSecrets: number;
  /** Managed OAuth apps' client secrets re-encrypted. */
  oauthAppSecrets: number;
  /** Webhook endpoints' signing secrets re-encrypted. */
  webhookEndpointSecrets: number;
  /** Connections' inbound URL tokens and signing secrets re-encrypted. */
  inboundSecrets: number;
  /** Records changed by someone else while being re-encrypted (already under the new key): left as they are. */
  skipped: number;
  /** Records that did not decrypt (their key is not in the keyring, or the bytes are damaged). */
  failed: number;
}

/** Options of {@link rotateKeys}. */
export interface KeyRotationOptions {
  /** Records read and rewritten per round trip. @default 100 */
  batchSize?: number;
}

/** Decrypts a sealed record with its own binding and seals the value again under the current key. */
function reseal(keyring: Keyring, record: SealedRecord): SealedCredentials {
  if (record.kind === 'credentials') {
    const owner = {
      organizationId: record.organizationId,
      tenantId: record.tenantId,
      connectionId: record.connectionId,
    };
    return sealCredentials(keyring, owner, openCredentials(keyring, owner, record.sealed));
  }
  if (record.kind === 'connector-secret') {
    const owner = {
      organizationId: record.organizationId,
      connectorId: record.connectorId,
      authMethodId: record.authMethodId,
    };
    return sealClientSecret(keyring, owner, openClientSecret(keyring, owner, record.sealed));
  }
  if (record.kind === 'webhook-endpoint-secret') {
    const secret = openEndpointSecret(keyring, record.organizationId, record.endpointId, record.sealed);
    return sealEndpointSecret(keyring, record.organizationId, record.endpointId, secret);
  }
  if (record.kind === 'inbound-secrets') {
    const owner = {
      organizationId: record.organizationId,
      tenantId: record.tenantId,
      connectionId: record.connectionId,
    };
    return sealInboundSecrets(keyring, owner, openInboundSecrets(keyring, owner, record.sealed));
  }
  const secret = openAppSecret(keyring, record.organizationId, record.appId, record.sealed);
  return sealAppSecret(keyring, record.organizationId, record.appId, secret);
}

const COUNTERS = {
  credentials: 'credentials',
  'connector-secret': 'connectorSecrets',
  'oauth-app-secret': 'oauthAppSecrets',
  'webhook-endpoint-secret': 'webhookEndpointSecrets',
  'inbound-secrets': 'inboundSecrets',
} as const satisfies Record<SealedKind, keyof KeyRotationResult>;

/**
 * Re-encrypts every sealed record (connection credentials, connectors' OAuth client secrets, managed OAuth
 * apps' secrets, webhook endpoints' signing secrets, inbound URL secrets) that is not under the keyring's current key, in batches. Idempotent: a second run finds
 * nothing to do, and a run that stopped half way is finished by the next. Once a run reports `failed: 0`,
 * older keys can leave the keyring. A record rewritten meanwhile (a token refresh) is left alone: its
 * writer sealed it under the current key already.
 *
 * @param deps - the keyring must hold the current key first and every key records are still sealed under
 * @returns counts per kind
 * @example
 * ```ts
 * const keyring = Keyring.parse(`${newKey},${oldKey}`);
 * const result = await rotateKeys({ store, keyring, logger, now: () => new Date() });
 * ```
 */
export async function rotateKeys(deps: ServiceDeps, options: KeyRotationOptions = {}): Promise<KeyRotationResult> {
  const { store, keyring, logger } = deps;
  const keyId = keyring.current.id;
  const limit = options.batchSize ?? 100;
  const result: KeyRotationResult = {
    keyId,
    credentials: 0,
    connectorSecrets: 0,
    oauthAppSecrets: 0,
    webhookEndpointSecrets: 0,
    inboundSecrets: 0,
    skipped: 0,
    failed: 0,
  };
  for (const kind of Object.keys(COUNTERS) as SealedKind[]) {
    // Paging by id, so records that fail to decrypt are not read again and again.
    for (let cursor: string | undefined; ; ) {
      const batch = await store.listSealedNotUnder(kind, keyId, { limit, cursor });
      for (const record of batch) {
        let next: SealedCredentials;
        try {
          next = reseal(keyring, record);
        } catch (error) {
          if (!(error instanceof CredentialDecryptionError)) throw error;
          result.failed++;
          logger.warn({ event: 'keys.rotate_failed', kind, id: record.id, keyId: record.sealed.keyId });
          continue;
        }
        if (await store.replaceSealed(record, next)) result[COUNTERS[kind]]++;
        else result.skipped++;
      }
      if (batch.length < limit) break;
      cursor = batch[batch.length - 1]?.id;
    }
  }
  logger.info({ event: 'keys.rotated', ...result });
  return result;
}
