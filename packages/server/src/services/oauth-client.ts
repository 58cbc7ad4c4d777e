import type { AuthMethod } from '@plugboard/shared';
import * as oauth from 'oauth4webapi';
import { openClientSecret } from '../crypto/credential-cipher.js';
import type { ConnectorRecord } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';

/** An OAuth 2.0 auth method of a connector. */
export type OAuthMethod = Extract<AuthMethod, { kind: 'oauth2' }>;

/** The provider and client as oauth4webapi sees them; the endpoints always come from stored configuration. */
export function providerOf(method: OAuthMethod): { as: oauth.AuthorizationServer; client: oauth.Client } {
  return {
    as: {
      issuer: method.issuer ?? new URL(method.tokenUrl).origin,
      authorization_endpoint: method.authorizationUrl,
      token_endpoint: method.tokenUrl,
      ...(method.revocationUrl ? { revocation_endpoint: method.revocationUrl } : {}),
      authorization_response_iss_parameter_supported: method.issuer !== undefined,
    },
    client: { client_id: method.clientId ?? '' },
  };
}

/** Decrypts the connector's client secret and picks the token endpoint authentication it asked for. */
export async function clientAuthFor(deps: ServiceDeps, connector: ConnectorRecord, method: OAuthMethod) {
  const sealed = await deps.store.getConnectorSecret(connector.id, method.id);
  if (!sealed) throw new oauth.OperationProcessingError('The connector has no client secret');
  const owner = { organizationId: connector.organizationId, connectorId: connector.id, authMethodId: method.id };
  const secret = openClientSecret(deps.keyring, owner, sealed);
  return method.tokenEndpointAuthMethod === 'client_secret_post'
    ? oauth.ClientSecretPost(secret)
    : oauth.ClientSecretBasic(secret);
}
