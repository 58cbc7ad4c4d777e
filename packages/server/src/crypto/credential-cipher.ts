import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.js';

/** Encrypted credentials as stored: which key, the nonce, and ciphertext with its 16-byte tag appended. */
export interface SealedCredentials {
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
}

/** Binds a ciphertext to its row: the same bytes under another organization, tenant or connection fail. */
export interface CredentialOwner {
  organizationId: string;
  tenantId: string;
  connectionId: string;
}

/** Raised when stored credentials cannot be decrypted: unknown key, or bytes that are not theirs. */
export class CredentialDecryptionError extends Error {
  override name = 'CredentialDecryptionError' as const;
  readonly code = 'credential_decryption_failed' as const;
}

function additionalData({ organizationId, tenantId, connectionId }: CredentialOwner): Buffer {
  return Buffer.from(`plugboard:credentials:v1|${organizationId}|${tenantId}|${connectionId}`);
}

/** Encrypts credentials with AES-256-GCM under the keyring's current key and a fresh 96-bit nonce. */
export function sealCredentials(
  keyring: Keyring,
  owner: CredentialOwner,
  values: Record<string, string>,
): SealedCredentials {
  const { id, key } = keyring.current;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
  cipher.setAAD(additionalData(owner));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(values), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return { keyId: id, nonce, ciphertext };
}

/**
 * Decrypts credentials sealed by {@link sealCredentials} for the same owner.
 * @throws CredentialDecryptionError when the key is gone or the bytes belong to another row.
 */
export function openCredentials(
  keyring: Keyring,
  owner: CredentialOwner,
  sealed: SealedCredentials,
): Record<string, string> {
  const key = keyring.get(sealed.keyId);
  if (!key) throw new CredentialDecryptionError(`Key ${sealed.keyId} is not in the keyring`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: 16 });
    decipher.setAAD(additionalData(owner));
    decipher.setAuthTag(sealed.ciphertext.subarray(-16));
    const plaintext = Buffer.concat([decipher.update(sealed.ciphertext.subarray(0, -16)), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8'));
  } catch (cause) {
    throw new CredentialDecryptionError(`Credentials of connection ${owner.connectionId} do not decrypt`, { cause });
  }
}
