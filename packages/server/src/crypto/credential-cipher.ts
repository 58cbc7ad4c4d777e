import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.js';

/** Encrypted data as stored: which key, the nonce, and ciphertext with its 16-byte tag appended. */
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

/** Where an OAuth client secret belongs: one auth method of one connector. */
export interface ClientSecretOwner {
  organizationId: string;
  connectorId: string;
  authMethodId: string;
}

/** Raised when stored secrets cannot be decrypted: unknown key, or bytes that are not theirs. */
export class CredentialDecryptionError extends Error {
  override name = 'CredentialDecryptionError' as const;
  readonly code = 'credential_decryption_failed' as const;
}

/** What a secret belongs to, bound into its ciphertext as additional authenticated data. */
type Binding = { purpose: string; ids: string[] };

const additionalData = ({ purpose, ids }: Binding) => Buffer.from([`plugboard:${purpose}:v1`, ...ids].join('|'));

const credentialBinding = ({ organizationId, tenantId, connectionId }: CredentialOwner): Binding => ({
  purpose: 'credentials',
  ids: [organizationId, tenantId, connectionId],
});

const clientSecretBinding = ({ organizationId, connectorId, authMethodId }: ClientSecretOwner): Binding => ({
  purpose: 'oauth-client-secret',
  ids: [organizationId, connectorId, authMethodId],
});

/** Encrypts JSON with AES-256-GCM under the keyring's current key and a fresh 96-bit nonce. */
function seal(keyring: Keyring, binding: Binding, value: unknown): SealedCredentials {
  const { id, key } = keyring.current;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
  cipher.setAAD(additionalData(binding));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { keyId: id, nonce, ciphertext };
}

function open(keyring: Keyring, binding: Binding, sealed: SealedCredentials, what: string): unknown {
  const key = keyring.get(sealed.keyId);
  if (!key) throw new CredentialDecryptionError(`Key ${sealed.keyId} is not in the keyring`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: 16 });
    decipher.setAAD(additionalData(binding));
    decipher.setAuthTag(sealed.ciphertext.subarray(-16));
    const plaintext = Buffer.concat([decipher.update(sealed.ciphertext.subarray(0, -16)), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8'));
  } catch (cause) {
    throw new CredentialDecryptionError(`${what} do not decrypt`, { cause });
  }
}

/** Encrypts a connection's credentials, bound to its organization, tenant and id. */
export function sealCredentials(
  keyring: Keyring,
  owner: CredentialOwner,
  values: Record<string, string>,
): SealedCredentials {
  return seal(keyring, credentialBinding(owner), values);
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
  const what = `Credentials of connection ${owner.connectionId}`;
  return open(keyring, credentialBinding(owner), sealed, what) as Record<string, string>;
}

/** Encrypts a connector's OAuth client secret, bound to its organization, connector and auth method. */
export function sealClientSecret(keyring: Keyring, owner: ClientSecretOwner, secret: string): SealedCredentials {
  return seal(keyring, clientSecretBinding(owner), secret);
}

/** Decrypts an OAuth client secret sealed for the same connector method. @throws CredentialDecryptionError */
export function openClientSecret(keyring: Keyring, owner: ClientSecretOwner, sealed: SealedCredentials): string {
  return String(open(keyring, clientSecretBinding(owner), sealed, `The client secret of ${owner.connectorId}`));
}

/** Encrypts a managed OAuth app's client secret, bound to its organization and app id. */
export function sealAppSecret(
  keyring: Keyring,
  organizationId: string,
  appId: string,
  secret: string,
): SealedCredentials {
  return seal(keyring, { purpose: 'oauth-app-secret', ids: [organizationId, appId] }, secret);
}

/** Decrypts a managed OAuth app's client secret. @throws CredentialDecryptionError */
export function openAppSecret(
  keyring: Keyring,
  organizationId: string,
  appId: string,
  sealed: SealedCredentials,
): string {
  return String(
    open(keyring, { purpose: 'oauth-app-secret', ids: [organizationId, appId] }, sealed, `The secret of app ${appId}`),
  );
}

/** Encrypts a webhook endpoint's signing secret, bound to its organization and endpoint id. */
export function sealEndpointSecret(
  keyring: Keyring,
  organizationId: string,
  endpointId: string,
  secret: string,
): SealedCredentials {
  return seal(keyring, { purpose: 'webhook-endpoint-secret', ids: [organizationId, endpointId] }, secret);
}

/** Decrypts a webhook endpoint's signing secret. @throws CredentialDecryptionError */
export function openEndpointSecret(
  keyring: Keyring,
  organizationId: string,
  endpointId: string,
  sealed: SealedCredentials,
): string {
  const binding = { purpose: 'webhook-endpoint-secret', ids: [organizationId, endpointId] };
  return String(open(keyring, binding, sealed, `The signing secret of endpoint ${endpointId}`));
}

/** What a connection's inbound URL keeps secret: the URL's token and the third party's signing secret. */
export interface InboundSecrets {
  token: string;
  secret: string;
}

/** Encrypts a connection's inbound token and signing secret, bound to its organization and connection. */
export function sealInboundSecrets(
  keyring: Keyring,
  owner: CredentialOwner,
  secrets: InboundSecrets,
): SealedCredentials {
  return seal(
    keyring,
    { purpose: 'inbound', ids: [owner.organizationId, owner.tenantId, owner.connectionId] },
    secrets,
  );
}

/** Decrypts what {@link sealInboundSecrets} sealed for the same connection. @throws CredentialDecryptionError */
export function openInboundSecrets(
  keyring: Keyring,
  owner: CredentialOwner,
  sealed: SealedCredentials,
): InboundSecrets {
  const binding = { purpose: 'inbound', ids: [owner.organizationId, owner.tenantId, owner.connectionId] };
  return open(keyring, binding, sealed, `The inbound secrets of ${owner.connectionId}`) as InboundSecrets;
}
