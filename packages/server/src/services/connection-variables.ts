import {
  type AuthMethod,
  ErrorCode,
  fillUrlTemplate,
  placeholdersOf,
  placesOfAll,
  templatedUrls,
  type ValidationIssue,
  variableValueProblem,
} from '@plugboard/shared';
import { checkEgress } from '../egress/index.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectorSummaryRecord } from '../storage/store.js';
import { egressOf, type ServiceDeps } from './deps.js';
import { DomainError } from './domain-error.js';

type OAuthFields = { authorizationUrl: string; tokenUrl: string; revocationUrl?: string | undefined };

/**
 * Fills a connector URL with a connection's variable values.
 * @throws DomainError conflict when the connection lacks a value (the connector gained a variable since), or the
 *   stored values would no longer give the URL's host
 */
export function fillConnectorUrl(template: string, values: Readonly<Record<string, string>> = {}): string {
  if (placeholdersOf(template).length === 0) return template;
  const filled = fillUrlTemplate(template, values);
  if (filled.ok) return filled.url;
  const why = filled.missing
    ? `the connector now needs {${filled.missing}}, which this connection has no value for: connect again`
    : filled.message;
  throw new DomainError(ErrorCode.Conflict, `The connection cannot reach its API: ${why}`);
}

/** An OAuth 2.0 method with its authorization, token and revocation URLs filled with a connection's values. */
export function filledOAuthMethod<M extends OAuthFields>(method: M, values: Readonly<Record<string, string>> = {}): M {
  return {
    ...method,
    authorizationUrl: fillConnectorUrl(method.authorizationUrl, values),
    tokenUrl: fillConnectorUrl(method.tokenUrl, values),
    ...(method.revocationUrl ? { revocationUrl: fillConnectorUrl(method.revocationUrl, values) } : {}),
  };
}

/** The connector's URLs a connection with `method` uses: the API base URL and, for OAuth 2.0, its endpoints. */
function urlsFor(connector: ConnectorSummaryRecord, method: AuthMethod | undefined): Array<[string, string]> {
  const methods = connector.authMethods.map((candidate) => (candidate === method ? candidate : { kind: 'other' }));
  return templatedUrls({ apiBaseUrl: connector.apiBaseUrl, authMethods: methods });
}

function valueIssues(connector: ConnectorSummaryRecord, values: Readonly<Record<string, string>>): ValidationIssue[] {
  const declared = connector.variables ?? [];
  const places = placesOfAll(templatedUrls(connector).map(([, url]) => url));
  const issues: ValidationIssue[] = Object.keys(values)
    .filter((name) => !declared.some((variable) => variable.name === name))
    .map((name) => ({ path: `variables.${name}`, message: `${connector.name} has no variable named ${name}` }));
  for (const variable of declared) {
    const problem = variableValueProblem(variable, values[variable.name] ?? '', places.get(variable.name) ?? []);
    if (problem) issues.push({ path: `variables.${variable.name}`, message: problem });
  }
  return issues;
}

/**
 * Checks the variable values an end user gives when connecting: each declared variable has a value of its pattern
 * and of the safe form for where it sits (one DNS label in a host), no unknown names, and every URL they fill
 * passes the egress policy with the host it RESULTS in, so no value can aim the server at a private address.
 *
 * @returns the values to store with the connection (only the declared ones)
 * @throws ApiError 400 validation_failed (each problem at `variables.<name>`), egress_blocked
 */
export async function checkVariableValues(
  deps: ServiceDeps,
  connector: ConnectorSummaryRecord,
  method: AuthMethod | undefined,
  values: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const declared = connector.variables ?? [];
  const issues = valueIssues(connector, values);
  if (issues.length > 0) throw ApiError.validation(issues, `Check what you entered for ${connector.name}`);
  if (declared.length === 0) return {};
  const kept = Object.fromEntries(declared.map((variable) => [variable.name, values[variable.name] as string]));
  for (const [field, template] of urlsFor(connector, method)) {
    const names = placeholdersOf(template);
    if (names.length === 0) continue;
    const path = `variables.${names[0]}`;
    const filled = fillUrlTemplate(template, kept);
    if (!filled.ok) throw ApiError.validation([{ path, message: filled.message }]);
    const decision = await checkEgress(filled.url, egressOf(deps));
    if (decision.allowed) continue;
    const host = new URL(filled.url).host;
    if (decision.reason === 'unresolvable') {
      throw ApiError.validation([{ path, message: `${host} does not resolve: check what you entered` }]);
    }
    throw new ApiError(
      400,
      ErrorCode.EgressBlocked,
      `${host} (the connector's ${field}) is refused: ${decision.message}`,
      {
        issues: [{ path, message: `${host} is not a host this server may call` }],
      },
    );
  }
  return kept;
}
