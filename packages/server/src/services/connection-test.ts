import {
  type ActionDefinition,
  AUTH_KIND_LABELS,
  type ConnectionStatus,
  type ConnectionTest,
  ErrorCode,
} from '@plugboard/shared';
import { CustomAuthError, type CustomAuthHandler } from '../custom-auth/handler.js';
import { httpStatusOf } from '../http/error-response.js';
import type { ConnectionRecord } from '../storage/store.js';
import { testAction } from './actions.js';
import { findConnection, openConnectionCredentials } from './connections.js';
import type { ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';
import type { TokenRefresher } from './token-refresh.js';

type Outcome = Pick<ConnectionTest, 'result' | 'message'> & { status?: ConnectionStatus };

/** OAuth 2.0: a valid access token through the refresh path, which also marks a refused grant needs_reauth. */
async function testOAuth(refresher: TokenRefresher, record: ConnectionRecord): Promise<Outcome> {
  try {
    await refresher.credentialsFor(record.organizationId, record.id);
    return { result: 'passed', message: 'Plugboard holds a valid access token for this connection' };
  } catch (error) {
    if (DomainError.is(error) && (error.code === ErrorCode.NeedsReauth || error.code === ErrorCode.RefreshFailed)) {
      return { result: 'failed', message: error.message };
    }
    throw error;
  }
}

/** Custom: the handler's own check. A refusal marks the connection `error`; a pass clears that again. */
async function testCustom(deps: ServiceDeps, handler: CustomAuthHandler, record: ConnectionRecord): Promise<Outcome> {
  const verify = handler.verify as NonNullable<CustomAuthHandler['verify']>;
  let refusal: string | undefined;
  try {
    const accepted = await verify(await openConnectionCredentials(deps, record), { fetch });
    if (!accepted) refusal = 'The service no longer accepts the stored credentials; reconnect to replace them';
  } catch (error) {
    if (!(error instanceof CustomAuthError)) {
      deps.logger.warn({ event: 'connection.test_failed', connectionId: record.id, name: (error as Error).name });
      return {
        result: 'failed',
        message: 'The service could not be reached to check the credentials; try again later',
      };
    }
    refusal = error.message;
  }
  const status: ConnectionStatus = refusal ? 'error' : record.status === 'error' ? 'active' : record.status;
  if (status !== record.status) await deps.store.setConnectionStatus(record.id, status, deps.now().toISOString());
  return refusal
    ? { result: 'failed', message: refusal, status }
    : { result: 'passed', message: 'The service accepted the stored credentials', status };
}

/** The connector's `verify` action: passed on a 2xx answer; the test is kept as the action's last test. */
async function testWithAction(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  record: ConnectionRecord,
  connectorId: string,
  verify: ActionDefinition,
): Promise<Outcome> {
  try {
    const test = await testAction(deps, refresher, record.organizationId, connectorId, verify.key, {
      connectionId: record.id,
    });
    const message = `${verify.name} answered ${test.status}`;
    return { result: test.passed ? 'passed' : 'failed', message };
  } catch (error) {
    // Conflicts and upstream failures say the connection does not work; the caller's mistakes are errors.
    if (!DomainError.is(error) || httpStatusOf(error) < 409) throw error;
    return { result: 'failed', message: error.message };
  }
}

/**
 * Checks that a connection's credentials still work, where its connector defines how: OAuth 2.0 through the
 * token refresh path, custom auth through its handler's `verify`. Other kinds answer `unsupported`.
 * @throws ApiError 404 for a connection of another organization
 */
export async function testConnection(
  deps: ServiceDeps,
  refresher: TokenRefresher,
  organizationId: string,
  connectionId: string,
): Promise<ConnectionTest> {
  const record = await findConnection(deps, organizationId, connectionId);
  const connector = await deps.store.getConnector(record.connectorId);
  const method = connector?.authMethods.find((candidate) => candidate.id === record.authMethodId);
  const handler = method?.kind === 'custom' ? deps.customAuth?.[method.handler] : undefined;
  const verify = connector?.actions.find((action) => action.verify);
  let outcome: Outcome;
  if (connector && verify) outcome = await testWithAction(deps, refresher, record, connector.id, verify);
  else if (record.authKind === 'oauth2') outcome = await testOAuth(refresher, record);
  else if (handler?.verify) outcome = await testCustom(deps, handler, record);
  else {
    outcome = {
      result: 'unsupported',
      message: `${connector?.name ?? 'This connector'} defines no check for ${AUTH_KIND_LABELS[record.authKind]} connections yet`,
    };
  }
  const status = outcome.status ?? (await deps.store.getConnection(record.id))?.status ?? record.status;
  return { result: outcome.result, message: outcome.message, status, checkedAt: deps.now().toISOString() };
}
