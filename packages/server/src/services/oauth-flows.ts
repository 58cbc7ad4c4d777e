import { randomBytes } from 'node:crypto';
import {
  type Connection,
  ErrorCode,
  type OAuthFlow,
  type OAuthFlowStart,
  type oauthFlowCreateSchema,
} from '@plugboard/shared';
import * as oauth from 'oauth4webapi';
import type { z } from 'zod';
import { hashSecret, newId } from '../crypto/tokens.js';
import { EgressBlockedError, egressFetch } from '../egress/index.js';
import { ApiError } from '../http/api-error.js';
import { allowedOrigins, type SessionAuth } from '../http/auth.js';
import type { ConnectionRecord, ConnectorRecord, ConnectorSummaryRecord, OAuthFlowRecord } from '../storage/store.js';
import { checkVariableValues, filledOAuthMethod } from './connection-variables.js';
import { credentialsToStore, findSessionConnection, sessionConnector } from './connections.js';
import { pickAuthMethod, sessionConnectors } from './connectors.js';
import { egressOf, type ServiceDeps } from './deps.js';
import { emitConnectionEvent } from './events.js';
import { blockedEndpoint, insecureEndpoint, type OAuthMethod, providerOf, resolveClient } from './oauth-client.js';
import { presentConnection } from './presenters.js';
import { providerRejectionOf } from './provider-errors.js';

/** A flow must come back within ten minutes. */
const FLOW_TTL_MS = 10 * 60 * 1000;

/** Settings of the OAuth client side of the server. */
export interface OAuthConfig {
  /**
   * The one callback URL of this deployment, e.g. `https://plugboard.example.com/v1/oauth/callback`, fixed
   * when the app is built; undefined when the deployment has no public URL, and then no flow starts.
   */
  redirectUri: string | undefined;
  /** Allow plain-http provider endpoints (local sandboxes only). Says nothing about which hosts: see egress. */
  allowInsecureEndpoints: boolean;
  /** Assumed lifetime of an access token the provider gave no `expires_in` for (the refresh policy's default TTL). */
  assumedTokenTtlMs: number;
}

function oauthMethod(connector: ConnectorSummaryRecord, authMethodId: string | undefined): OAuthMethod {
  const method = pickAuthMethod(connector, authMethodId);
  if (method.kind !== 'oauth2') {
    throw new ApiError(
      400,
      ErrorCode.AuthMethodNotSupported,
      `${method.label ?? method.kind} does not sign in with OAuth 2.0`,
    );
  }
  return method;
}

async function checkedClient(deps: ServiceDeps, connector: ConnectorSummaryRecord, method: OAuthMethod) {
  const client = await resolveClient(deps, connector, method);
  if (!client) {
    throw new ApiError(
      400,
      ErrorCode.OAuthNotConfigured,
      'The connector has no OAuth client ID and secret, or managed app, yet',
    );
  }
  // Connectors saved before save-time checks existed, or under a deployment that allowed http then.
  if (insecureEndpoint(deps, method)) {
    throw new ApiError(400, ErrorCode.OAuthNotConfigured, 'OAuth endpoints must use https');
  }
  const blocked = await blockedEndpoint(deps, method);
  if (blocked) {
    throw new ApiError(400, ErrorCode.EgressBlocked, `The connector's ${blocked.field}: ${blocked.decision.message}`);
  }
  return client;
}

function presentFlow(flow: OAuthFlowRecord, connection: Connection | null): OAuthFlow {
  const error = flow.errorCode ? { code: flow.errorCode, message: flow.errorMessage ?? flow.errorCode } : null;
  return { id: flow.id, status: flow.status, connection, error, expiresAt: flow.expiresAt };
}

/**
 * Starts an authorization code flow for the session's tenant: a fresh `state` (256 bits, only its hash
 * kept) and PKCE verifier stored server side for ten minutes, and the provider URL to open.
 */
export async function startOAuthFlow(
  deps: ServiceDeps,
  auth: SessionAuth,
  input: z.output<typeof oauthFlowCreateSchema>,
  config: OAuthConfig,
): Promise<OAuthFlowStart> {
  const connector = await sessionConnector(deps, auth, input.connector);
  const reconnecting = input.connectionId ? await findSessionConnection(deps, auth, input.connectionId) : undefined;
  if (reconnecting && reconnecting.connectorId !== connector.id)
    throw ApiError.notFound(`Connection ${input.connectionId}`);
  const declared = oauthMethod(connector, reconnecting?.authMethodId ?? input.authMethodId);
  // A reconnect keeps the connection's own values: it re-authorizes the same account, not another one.
  const variables = reconnecting
    ? (reconnecting.variables ?? {})
    : await checkVariableValues(deps, connector, declared, input.variables);
  const method = filledOAuthMethod(declared, variables);
  const redirectUri = config.redirectUri;
  if (!redirectUri) {
    throw new ApiError(
      400,
      ErrorCode.OAuthNotConfigured,
      'The server has no public URL, so it has no OAuth redirect URI: set PLUGBOARD_PUBLIC_URL (publicUrl)',
    );
  }
  const client = await checkedClient(deps, connector, method);
  const origins = allowedOrigins(auth);
  if (input.returnOrigin && !origins.includes(input.returnOrigin)) {
    throw ApiError.validation([{ path: 'returnOrigin', message: 'Must be one of the allowed origins' }]);
  }
  if (input.returnTo && !origins.includes(new URL(input.returnTo).origin)) {
    throw ApiError.validation([{ path: 'returnTo', message: 'Must be a page on one of the allowed origins' }]);
  }
  const state = randomBytes(32).toString('base64url');
  // PKCE S256 on every flow, whatever the connector says (OAuth 2.1; RFC 9700 section 2.1.1).
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const now = deps.now();
  const flow: OAuthFlowRecord = {
    id: newId('flw'),
    stateHash: hashSecret(state),
    organizationId: auth.organization.id,
    tenantId: auth.session.tenantId,
    endUserId: auth.session.endUserId,
    connectorId: connector.id,
    authMethodId: method.id,
    codeVerifier,
    redirectUri,
    returnOrigin: input.returnOrigin ?? null,
    returnTo: input.returnTo ?? null,
    reconnectConnectionId: reconnecting?.id ?? null,
    label: input.label ?? null,
    variables,
    status: 'pending',
    connectionId: null,
    errorCode: null,
    errorMessage: null,
    expiresAt: new Date(now.getTime() + FLOW_TTL_MS).toISOString(),
    createdAt: now.toISOString(),
    consumedAt: null,
  };
  await deps.store.createOAuthFlow(flow);
  const url = new URL(method.authorizationUrl);
  const params: Record<string, string> = {
    ...method.authorizationParams,
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    state,
  };
  if (client.scopes.length > 0) params.scope = client.scopes.join(method.scopeSeparator);
  params.code_challenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  params.code_challenge_method = 'S256';
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { ...presentFlow(flow, null), authorizationUrl: url.toString() };
}

/**
 * A flow of the session's tenant on a connector the session may use, with the connection once it exists.
 * @throws ApiError 404
 */
export async function getOAuthFlow(deps: ServiceDeps, auth: SessionAuth, id: string): Promise<OAuthFlow> {
  const flow = await deps.store.getOAuthFlow(id);
  const usable = await sessionConnectors(deps, auth.session);
  if (
    !flow ||
    flow.organizationId !== auth.organization.id ||
    flow.tenantId !== auth.session.tenantId ||
    !usable.some((connector) => connector.id === flow.connectorId)
  ) {
    throw ApiError.notFound(`OAuth flow ${id}`);
  }
  const record = flow.connectionId ? await deps.store.getConnection(flow.connectionId) : undefined;
  const connector = await deps.store.getConnector(flow.connectorId);
  return presentFlow(flow, record && connector ? presentConnection(record, connector.slug) : null);
}

/** What a callback ended in; `flow` is absent when the state matched nothing. */
export interface CallbackOutcome {
  flow: OAuthFlowRecord | undefined;
  status: 'connected' | 'failed';
  errorCode?: string;
}

async function fail(deps: ServiceDeps, flow: OAuthFlowRecord, errorCode: string, errorMessage: string) {
  await deps.store.finishOAuthFlow(flow.id, { status: 'failed', errorCode, errorMessage });
  deps.logger.warn({ event: 'oauth.failed', flowId: flow.id, errorCode });
  return { flow, status: 'failed', errorCode } as const;
}

/**
 * Completes a flow from the provider's redirect: consumes the state once, checks `error` and `iss`,
 * exchanges the code with the stored verifier, and stores the tokens encrypted as a new connection.
 * Nothing is stored unless every check passes.
 */
export async function completeOAuthFlow(
  deps: ServiceDeps,
  callback: URL,
  config: OAuthConfig,
): Promise<CallbackOutcome> {
  const state = callback.searchParams.get('state');
  const flow = state ? await deps.store.consumeOAuthFlow(hashSecret(state), deps.now().toISOString()) : undefined;
  if (!flow || !state) return { flow: undefined, status: 'failed', errorCode: 'invalid_state' };
  if (Date.parse(flow.expiresAt) <= deps.now().getTime())
    return fail(deps, flow, 'flow_expired', 'The sign-in took too long');
  const connector = await deps.store.getConnector(flow.connectorId);
  const declared = connector?.authMethods.find((candidate) => candidate.id === flow.authMethodId);
  if (!connector || declared?.kind !== 'oauth2') return fail(deps, flow, 'connector_changed', 'The connector changed');
  try {
    // The token endpoint of the values the authorization request used, which the flow kept.
    const method = filledOAuthMethod(declared, flow.variables);
    const tokens = await exchangeCode(deps, connector, method, flow, callback, state, config);
    const connectionId = flow.reconnectConnectionId
      ? await replaceCredentials(deps, flow.reconnectConnectionId, tokens, config)
      : await storeConnection(deps, flow, connector, method, tokens, config);
    await deps.store.finishOAuthFlow(flow.id, { status: 'connected', connectionId });
    return { flow, status: 'connected' };
  } catch (error) {
    if (EgressBlockedError.is(error)) return fail(deps, flow, ErrorCode.EgressBlocked, error.message);
    const rejection = await providerRejectionOf(error);
    if (rejection) {
      const { providerError, status } = rejection;
      deps.logger.warn({ event: 'oauth.provider_error', flowId: flow.id, providerError, status });
      return fail(deps, flow, rejection.code, rejection.message);
    }
    const mixUp = error instanceof oauth.OperationProcessingError && /iss/.test(error.message);
    if (mixUp) return fail(deps, flow, 'issuer_mismatch', 'The response came from another authorization server');
    deps.logger.error({ event: 'oauth.exchange_error', flowId: flow.id, name: (error as Error).name });
    return fail(deps, flow, 'token_exchange_failed', 'The provider did not complete the sign-in');
  }
}

async function exchangeCode(
  deps: ServiceDeps,
  connector: ConnectorRecord,
  method: OAuthMethod,
  flow: OAuthFlowRecord,
  callback: URL,
  state: string,
  config: OAuthConfig,
) {
  const resolved = await resolveClient(deps, connector, method);
  if (!resolved) throw new oauth.OperationProcessingError('The connector has no OAuth client');
  if (!flow.codeVerifier) throw new oauth.OperationProcessingError('The flow has no PKCE verifier');
  const { as, client } = providerOf(method, resolved.clientId);
  const params = new URLSearchParams(callback.searchParams);
  // Without a configured issuer there is nothing to compare `iss` with (RFC 9207 applies when it is known).
  if (method.issuer === undefined) params.delete('iss');
  const validated = oauth.validateAuthResponse(as, client, params, state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    await resolved.authentication(),
    validated,
    flow.redirectUri,
    flow.codeVerifier,
    {
      [oauth.allowInsecureRequests]: config.allowInsecureEndpoints,
      [oauth.customFetch]: egressFetch(egressOf(deps)),
      additionalParameters: method.tokenParams,
    },
  );
  return oauth.processAuthorizationCodeResponse(as, client, response);
}

async function storeConnection(
  deps: ServiceDeps,
  flow: OAuthFlowRecord,
  connector: ConnectorRecord,
  method: OAuthMethod,
  tokens: oauth.TokenEndpointResponse,
  config: OAuthConfig,
) {
  const now = deps.now();
  const counts = await deps.store.countConnections(flow.organizationId, flow.tenantId);
  const count = counts.get(connector.id) ?? 0;
  const record: ConnectionRecord = {
    id: newId('cxn'),
    organizationId: flow.organizationId,
    tenantId: flow.tenantId,
    connectorId: connector.id,
    authMethodId: method.id,
    authKind: 'oauth2',
    label: flow.label ?? (count === 0 ? connector.name : `${connector.name} ${count + 1}`),
    status: 'active',
    createdBy: flow.endUserId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    lastUsedAt: null,
    variables: flow.variables ?? {},
  };
  const credentials = tokenValues(tokens, now);
  record.tokenExpiresAt = tokenExpiry(credentials, now, config);
  await deps.store.createConnection(record, credentialsToStore(deps, record, credentials));
  deps.logger.info({ event: 'connection.created', connectionId: record.id, connectorId: connector.id });
  await emitConnectionEvent(deps, 'connection.created', record);
  return record.id;
}

/** The stored form of a token response. */
function tokenValues(tokens: oauth.TokenEndpointResponse, now: Date): Record<string, string> {
  const values: Record<string, string> = {
    accessToken: tokens.access_token,
    tokenType: tokens.token_type,
    obtainedAt: now.toISOString(),
  };
  if (tokens.refresh_token) values.refreshToken = tokens.refresh_token;
  if (tokens.scope) values.scope = tokens.scope;
  if (typeof tokens.expires_in === 'number') {
    values.expiresAt = new Date(now.getTime() + tokens.expires_in * 1000).toISOString();
  }
  return values;
}

/**
 * When the refresher should renew the token: its real expiry, or, when the provider did not say, the
 * assumed one, so that tokens without `expires_in` are still found by the background refresher.
 */
function tokenExpiry(values: Record<string, string>, now: Date, config: OAuthConfig): string {
  return values.expiresAt ?? new Date(now.getTime() + config.assumedTokenTtlMs).toISOString();
}

/** Reconnect: the same connection gets the new grant and is active again. */
async function replaceCredentials(
  deps: ServiceDeps,
  connectionId: string,
  tokens: oauth.TokenEndpointResponse,
  config: OAuthConfig,
) {
  const record = await deps.store.getConnection(connectionId);
  if (!record) throw new oauth.OperationProcessingError('The connection to reconnect is gone');
  const now = deps.now();
  const values = tokenValues(tokens, now);
  const stored = credentialsToStore(deps, record, values);
  await deps.store.updateCredentials(stored, tokenExpiry(values, now, config), now.toISOString());
  await deps.store.setConnectionStatus(connectionId, 'active', now.toISOString());
  deps.logger.info({ event: 'connection.reconnected', connectionId });
  return connectionId;
}
