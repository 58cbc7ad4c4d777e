import { randomBytes } from 'node:crypto';
import { type ConnectionCredentials, ErrorCode } from '@plugboard/shared';
import * as oauth from 'oauth4webapi';
import { openCredentials } from '../crypto/credential-cipher.js';
import { EgressBlockedError, egressFetch } from '../egress/index.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectionRecord, ConnectionWithCredentials, ConnectorRecord } from '../storage/store.js';
import { type CallOutcome, recordCall } from './call-log.js';
import { filledOAuthMethod } from './connection-variables.js';
import { credentialsToStore, findConnection, findConnectionWithCredentials, openConnection } from './connections.js';
import { egressOf, type ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';
import { emitConnectionEvent } from './events.js';
import { type OAuthMethod, providerOf, resolveClient } from './oauth-client.js';
import { providerRejectionOf } from './provider-errors.js';

/** When and how tokens are refreshed. */
export interface RefreshPolicy {
  /** Refresh when the token expires within this window. @default 5 minutes */
  windowMs: number;
  /** Assumed lifetime of a token whose expiry the provider did not say. @default 1 hour */
  defaultTtlMs: number;
  /**
   * How long a process may hold a connection's refresh lock; retries at the token endpoint stop when one could
   * outlast it. @default 30 seconds
   */
  lockMs: number;
  /** Attempts at the token endpoint when it fails transiently (5xx, network, timeout). @default 3 */
  attempts: number;
  /** First backoff between attempts, doubled each time. @default 250 ms */
  backoffMs: number;
  /** Per-request timeout at the token endpoint. @default 10 seconds */
  timeoutMs: number;
}

/** The defaults of {@link RefreshPolicy}. */
export const defaultRefreshPolicy: RefreshPolicy = {
  windowMs: 5 * 60_000,
  defaultTtlMs: 60 * 60_000,
  lockMs: 30_000,
  attempts: 3,
  backoffMs: 250,
  timeoutMs: 10_000,
};

type Values = Record<string, string>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const owner = (record: ConnectionRecord) => ({
  organizationId: record.organizationId,
  tenantId: record.tenantId,
  connectionId: record.id,
});

/** What the vendor's backend gets for an OAuth connection: never the refresh token. */
function usable({ accessToken, tokenType, expiresAt, scope }: Values): Values {
  return Object.fromEntries(
    Object.entries({ accessToken, tokenType, expiresAt, scope }).filter(([, v]) => v !== undefined),
  ) as Values;
}

/** 5xx answers, network failures and timeouts are worth another try; anything else the provider meant. */
function isTransient(error: unknown): boolean {
  if (EgressBlockedError.is(error)) return false;
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError)
    return error.status >= 500;
  if (error instanceof oauth.OperationProcessingError)
    return ((error.cause as Response | undefined)?.status ?? 0) >= 500;
  return true;
}

/**
 * Hands out valid credentials, refreshing OAuth 2.0 tokens first when they are due. One refresh per
 * connection at a time: callers in this process share one in-flight refresh, and a lock in the database
 * keeps other processes sharing it from refreshing too; whoever takes the lock re-reads the credentials first.
 */
export class TokenRefresher {
  readonly #inFlight = new Map<string, Promise<Values>>();
  readonly #holder = randomBytes(8).toString('hex');

  constructor(
    private readonly deps: ServiceDeps,
    private readonly allowInsecureEndpoints: boolean,
    private readonly policy: RefreshPolicy = defaultRefreshPolicy,
  ) {}

  /**
   * Credentials of an organization's connection, refreshed when due. `read` is the connection as the caller
   * already read it with its encrypted credentials (and checked it is the organization's): it is not read again.
   * @throws DomainError not_found, needs_reauth (HTTP 409), refresh_failed (502)
   */
  async credentialsFor(
    organizationId: string,
    connectionId: string,
    read?: ConnectionWithCredentials,
  ): Promise<ConnectionCredentials> {
    const { record, values } = read
      ? openConnection(this.deps, read)
      : await findConnectionWithCredentials(this.deps, organizationId, connectionId);
    if (record.status === 'needs_reauth') throw needsReauth();
    const variables = record.variables ?? {};
    if (record.authKind !== 'oauth2')
      return { connectionId, authKind: record.authKind, credentials: values, variables };
    return {
      connectionId,
      authKind: 'oauth2',
      credentials: usable(this.#fresh(values) ? values : await this.#refresh(record)),
      variables,
    };
  }

  /**
   * Refreshes every active OAuth connection whose token expires within the window; returns how many were due.
   * A connection whose refresh lock another process holds is left to it rather than waited for: every replica
   * runs this over the same rows, and each connection needs one of them.
   */
  async refreshDue(limit = 100): Promise<number> {
    const before = new Date(this.deps.now().getTime() + this.policy.windowMs).toISOString();
    const due = await this.deps.store.listExpiringConnections(before, limit);
    await Promise.allSettled(
      // Not shared with callers in this process: they need a refreshed token, which this may leave to another.
      due.map((record) => this.#inFlight.get(record.id) ?? this.#refreshUnderLock(record, undefined, false)),
    );
    return due.length;
  }

  /**
   * Tells the provider a connection is going away (RFC 7009), when its method has a revocation URL.
   * Best effort: a provider that is down does not keep the connection alive.
   */
  async revoke(record: ConnectionRecord): Promise<void> {
    if (record.authKind !== 'oauth2') return;
    const connector = await this.deps.store.getConnector(record.connectorId);
    const method = connector?.authMethods.find((candidate) => candidate.id === record.authMethodId);
    if (!connector || method?.kind !== 'oauth2' || !method.revocationUrl) return;
    try {
      const values = await this.#read(record);
      const token = values.refreshToken ?? values.accessToken;
      const resolved = await resolveClient(this.deps, connector, method);
      if (!token || !resolved) return;
      const { as, client } = providerOf(filledOAuthMethod(method, record.variables), resolved.clientId);
      const response = await oauth.revocationRequest(as, client, await resolved.authentication(), token, {
        [oauth.allowInsecureRequests]: this.allowInsecureEndpoints,
        [oauth.customFetch]: egressFetch(egressOf(this.deps)),
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      await oauth.processRevocationResponse(response);
    } catch (error) {
      this.deps.logger.warn({ event: 'revocation.failed', connectionId: record.id, name: (error as Error).name });
    }
  }

  async #read(record: ConnectionRecord): Promise<Values> {
    const sealed = await this.deps.store.getCredentials(record.id);
    return sealed ? openCredentials(this.deps.keyring, owner(record), sealed) : {};
  }

  /**
   * Fresh while more than the window is left, or more than half the token's life for tokens shorter
   * than twice the window: a 60-second token is not "due" the moment it is issued.
   */
  #fresh(values: Values): boolean {
    const obtainedAt = Date.parse(values.obtainedAt ?? '');
    const expiresAt = values.expiresAt ? Date.parse(values.expiresAt) : obtainedAt + this.policy.defaultTtlMs;
    const lifetime = expiresAt - obtainedAt;
    const threshold = Number.isFinite(lifetime) ? Math.min(this.policy.windowMs, lifetime / 2) : this.policy.windowMs;
    return expiresAt - this.deps.now().getTime() > threshold;
  }

  /**
   * Refreshes an OAuth 2.0 connection's token because the API refused `rejectedToken`, unless another caller
   * already replaced that token (then its replacement is handed out). @throws DomainError not_found, needs_reauth (HTTP 409), refresh_failed (502)
   */
  async refreshRejected(
    organizationId: string,
    connectionId: string,
    rejectedToken: string,
  ): Promise<ConnectionCredentials> {
    const record = await findConnection(this.deps, organizationId, connectionId);
    if (record.status === 'needs_reauth') throw needsReauth();
    if (record.authKind !== 'oauth2') return this.credentialsFor(organizationId, connectionId);
    const credentials = usable(await this.#refresh(record, rejectedToken));
    return { connectionId, authKind: 'oauth2', credentials, variables: record.variables ?? {} };
  }

  #refresh(record: ConnectionRecord, rejectedToken?: string): Promise<Values> {
    let shared = this.#inFlight.get(record.id);
    if (!shared) {
      shared = this.#refreshUnderLock(record, rejectedToken, true).finally(() => this.#inFlight.delete(record.id));
      this.#inFlight.set(record.id, shared);
    }
    return shared;
  }

  /**
   * @param wait whether to wait for another process's refresh (a caller needs the token) or leave it to that one
   * (background work)
   */
  async #refreshUnderLock(record: ConnectionRecord, rejectedToken: string | undefined, wait: boolean): Promise<Values> {
    const { store, now } = this.deps;
    // After a refusal, "fresh" means someone already replaced the refused token.
    const fresh = (values: Values) =>
      rejectedToken === undefined ? this.#fresh(values) : values.accessToken !== rejectedToken;
    let lockedUntil = 0;
    for (const deadline = now().getTime() + this.policy.lockMs; ; await sleep(25)) {
      const at = now();
      lockedUntil = at.getTime() + this.policy.lockMs;
      const until = new Date(lockedUntil).toISOString();
      if (await store.tryLockRefresh(record.id, this.#holder, until, at.toISOString())) break;
      // Another process is refreshing: its result lands in the database.
      const values = await this.#read(record);
      if (!wait) return values;
      if (fresh(values)) return values;
      if (at.getTime() > deadline) throw refreshFailed('Another server kept the refresh lock too long');
    }
    try {
      const current = await this.#read(record);
      if (fresh(current)) return current;
      return await this.#renew(record, current, lockedUntil);
    } finally {
      await store.unlockRefresh(record.id, this.#holder);
    }
  }

  /** @param lockedUntil when this process's refresh lock lapses (epoch ms) */
  async #renew(record: ConnectionRecord, current: Values, lockedUntil: number): Promise<Values> {
    const connector = await this.deps.store.getConnector(record.connectorId);
    const method = connector?.authMethods.find((candidate) => candidate.id === record.authMethodId);
    if (!connector || method?.kind !== 'oauth2' || !current.refreshToken)
      return this.#markNeedsReauth(record, 'no refresh token');
    const started = performance.now();
    let tokenUrl = method.tokenUrl;
    const log = (outcome: Omit<CallOutcome, 'durationMs'>) =>
      this.#logRefresh(record, connector, tokenUrl, { ...outcome, durationMs: performance.now() - started });
    try {
      const filled = filledOAuthMethod(method, record.variables);
      tokenUrl = filled.tokenUrl;
      const tokens = await this.#callTokenEndpoint(connector, filled, current.refreshToken, lockedUntil);
      const at = this.deps.now();
      const ttl = typeof tokens.expires_in === 'number' ? tokens.expires_in * 1000 : undefined;
      const next: Values = {
        ...current,
        accessToken: tokens.access_token,
        tokenType: tokens.token_type,
        obtainedAt: at.toISOString(),
        // A provider that does not rotate keeps the refresh token it gave before.
        refreshToken: tokens.refresh_token ?? current.refreshToken,
        ...(tokens.scope ? { scope: tokens.scope } : {}),
      };
      if (ttl !== undefined) next.expiresAt = new Date(at.getTime() + ttl).toISOString();
      else delete next.expiresAt;
      // Without expires_in the refresher still needs a date to find the token by: the assumed lifetime.
      const dueAt = next.expiresAt ?? new Date(at.getTime() + this.policy.defaultTtlMs).toISOString();
      // Stored before anyone sees the new access token, so a rotated refresh token is never lost.
      await this.deps.store.updateCredentials(credentialsToStore(this.deps, record, next), dueAt, at.toISOString());
      this.deps.logger.info({ event: 'connection.refreshed', connectionId: record.id });
      await emitConnectionEvent(this.deps, 'connection.refreshed', { ...record, tokenExpiresAt: dueAt });
      log({ status: 200 });
      return next;
    } catch (error) {
      const rejection = await providerRejectionOf(error);
      log({ status: rejection?.status ?? null, errorCode: refreshErrorCode(error, rejection?.code) });
      if (rejection?.code === 'invalid_grant') return this.#markNeedsReauth(record, 'invalid_grant');
      if (EgressBlockedError.is(error)) {
        this.deps.logger.warn({ event: 'refresh.egress_blocked', connectionId: record.id, reason: error.reason });
        throw new ApiError(502, ErrorCode.EgressBlocked, `The connector's token URL is refused: ${error.message}`);
      }
      if (rejection) {
        const { providerError, status } = rejection;
        this.deps.logger.warn({ event: 'refresh.provider_error', connectionId: record.id, providerError, status });
        throw refreshFailed(rejection.message);
      }
      throw DomainError.is(error) ? error : refreshFailed('The provider did not refresh the token');
    }
  }

  async #callTokenEndpoint(
    connector: NonNullable<Awaited<ReturnType<ServiceDeps['store']['getConnector']>>>,
    method: OAuthMethod,
    refreshToken: string,
    lockedUntil: number,
  ) {
    const resolved = await resolveClient(this.deps, connector, method);
    if (!resolved) throw refreshFailed('The connector has no OAuth client any more');
    const { as, client } = providerOf(method, resolved.clientId);
    const clientAuth = await resolved.authentication();
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, {
          [oauth.allowInsecureRequests]: this.allowInsecureEndpoints,
          [oauth.customFetch]: egressFetch(egressOf(this.deps)),
          additionalParameters: method.tokenParams,
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        });
        return await oauth.processRefreshTokenResponse(as, client, response);
      } catch (error) {
        if (!isTransient(error) || attempt >= this.policy.attempts) throw error;
        const backoff = this.policy.backoffMs * 2 ** (attempt - 1);
        // No attempt that could outlast the lock (with a tenth of it to spare for storing the result): once it
        // lapses another process may refresh too, and with the same refresh token a rotating provider revokes both.
        const end = this.deps.now().getTime() + backoff + this.policy.timeoutMs + this.policy.lockMs / 10;
        if (end > lockedUntil) throw error;
        this.deps.logger.warn({ event: 'refresh.retry', connectorId: connector.id, attempt });
        await sleep(backoff);
      }
    }
  }

  /** Records one refresh in the tenant's call log and the refresh metrics. */
  #logRefresh(record: ConnectionRecord, connector: ConnectorRecord, tokenUrl: string, outcome: CallOutcome): void {
    const url = new URL(tokenUrl);
    const facts = {
      kind: 'refresh' as const,
      ...{ organizationId: record.organizationId, tenantId: record.tenantId, connectionId: record.id },
      ...{ connectorId: connector.id, connectorSlug: connector.slug, operation: 'refresh_token' },
      ...{ method: 'POST', url: url.origin, path: url.pathname },
    };
    recordCall(this.deps, facts, outcome);
    const { errorCode } = outcome;
    const refused = errorCode === ErrorCode.NeedsReauth ? 'needs_reauth' : 'failed';
    this.deps.metrics?.observeRefresh(errorCode === undefined ? 'refreshed' : refused);
  }

  async #markNeedsReauth(record: ConnectionRecord, reason: string): Promise<never> {
    await this.deps.store.setConnectionStatus(record.id, 'needs_reauth', this.deps.now().toISOString());
    this.deps.logger.warn({ event: 'connection.needs_reauth', connectionId: record.id, reason });
    await emitConnectionEvent(this.deps, 'connection.needs_reauth', { ...record, status: 'needs_reauth' });
    throw needsReauth();
  }
}

/** The code a failed refresh is logged with: what the caller is told. */
function refreshErrorCode(error: unknown, providerCode: string | undefined): string {
  if (providerCode === 'invalid_grant') return ErrorCode.NeedsReauth;
  if (EgressBlockedError.is(error)) return ErrorCode.EgressBlocked;
  return DomainError.is(error) ? error.code : ErrorCode.RefreshFailed;
}

function needsReauth() {
  return new DomainError(
    ErrorCode.NeedsReauth,
    'The provider no longer accepts this connection; the end user must reconnect it',
  );
}

function refreshFailed(message: string) {
  return new DomainError(ErrorCode.RefreshFailed, message);
}
