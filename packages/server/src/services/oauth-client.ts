import type { AuthMethod } from '@plugboard/shared';
import * as oauth from 'oauth4webapi';
import { openAppSecret, openClientSecret } from '../crypto/credential-cipher.js';
import { checkEgress, type EgressDecision } from '../egress/index.js';
import type { ConnectorSummaryRecord } from '../storage/store.js';
import { egressOf, type ServiceDeps } from './deps.js';

/** An OAuth 2.0 auth method of a connector. */
export type OAuthMethod = Extract<AuthMethod, { kind: 'oauth2' }>;

/** The OAuth client a method signs in with: its own app, or one of the organization's managed apps. */
export interface ResolvedClient {
  clientId: string;
  scopes: string[];
  /** Decrypts the secret only when a token request needs it. */
  authentication(): Promise<oauth.ClientAuth>;
}

const authFor = (method: OAuthMethod, secret: string) =>
  method.tokenEndpointAuthMethod === 'client_secret_post'
    ? oauth.ClientSecretPost(secret)
    : oauth.ClientSecretBasic(secret);

/** Finds the method's client, or undefined when it has no complete one (no ID, no secret, or a missing app). */
export async function resolveClient(
  deps: ServiceDeps,
  connector: ConnectorSummaryRecord,
  method: OAuthMethod,
): Promise<ResolvedClient | undefined> {
  if (method.managedAppId) {
    const app = await deps.store.getOAuthApp(method.managedAppId);
    if (!app || app.organizationId !== connector.organizationId) return undefined;
    return {
      clientId: app.clientId,
      scopes: method.scopes.length > 0 ? method.scopes : app.defaultScopes,
      authentication: async () =>
        authFor(method, openAppSecret(deps.keyring, app.organizationId, app.id, app.clientSecret)),
    };
  }
  if (!method.clientId || !method.hasClientSecret) return undefined;
  return {
    clientId: method.clientId,
    scopes: method.scopes,
    authentication: async () => {
      const sealed = await deps.store.getConnectorSecret(connector.id, method.id);
      if (!sealed) throw new oauth.OperationProcessingError('The connector has no client secret');
      const owner = { organizationId: connector.organizationId, connectorId: connector.id, authMethodId: method.id };
      return authFor(method, openClientSecret(deps.keyring, owner, sealed));
    },
  };
}

/** The provider and client as oauth4webapi sees them; the endpoints always come from stored configuration. */
export function providerOf(
  method: OAuthMethod,
  clientId: string,
): { as: oauth.AuthorizationServer; client: oauth.Client } {
  return {
    as: {
      issuer: method.issuer ?? new URL(method.tokenUrl).origin,
      authorization_endpoint: method.authorizationUrl,
      token_endpoint: method.tokenUrl,
      ...(method.revocationUrl ? { revocation_endpoint: method.revocationUrl } : {}),
      authorization_response_iss_parameter_supported: method.issuer !== undefined,
    },
    client: { client_id: clientId },
  };
}

/** The endpoint fields of an OAuth method, in the order they are checked. */
const ENDPOINT_FIELDS = ['authorizationUrl', 'tokenUrl', 'revocationUrl'] as const;

/** An endpoint the egress policy refuses: which field, and why. */
export interface BlockedEndpoint {
  field: (typeof ENDPOINT_FIELDS)[number];
  decision: Extract<EgressDecision, { allowed: false }>;
}

/** Why a plain-http OAuth endpoint is refused, and what would allow it. */
export const INSECURE_ENDPOINT_MESSAGE =
  'Must be an https URL: plain http is allowed only on a development server started with PLUGBOARD_ALLOW_INSECURE_OAUTH=1 (allowInsecureOAuthEndpoints)';

/**
 * The first of a method's authorization, token and revocation URLs that is not https, unless the deployment
 * allows plain http (`allowInsecureOAuthEndpoints`, for a local provider only).
 */
export function insecureEndpoint(
  deps: ServiceDeps,
  method: Pick<OAuthMethod, 'authorizationUrl' | 'tokenUrl' | 'revocationUrl'>,
): BlockedEndpoint['field'] | undefined {
  if (deps.allowInsecureOAuthEndpoints) return undefined;
  return ENDPOINT_FIELDS.find((field) => {
    const url = method[field];
    return url !== undefined && !/^https:/i.test(url);
  });
}

/**
 * Checks a method's authorization, token and revocation URLs against the egress policy; returns the first
 * one it refuses. A host that does not resolve yet passes here: it is checked again before every request.
 */
export async function blockedEndpoint(
  deps: ServiceDeps,
  method: Pick<OAuthMethod, 'authorizationUrl' | 'tokenUrl' | 'revocationUrl'>,
): Promise<BlockedEndpoint | undefined> {
  for (const field of ENDPOINT_FIELDS) {
    const url = method[field];
    if (url === undefined) continue;
    const decision = await checkEgress(url, egressOf(deps));
    if (!decision.allowed && decision.reason !== 'unresolvable') return { field, decision };
  }
  return undefined;
}
