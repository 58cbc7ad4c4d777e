import * as oauth from 'oauth4webapi';

/**
 * The error codes of RFC 6749 (sections 4.1.2.1 and 5.2) a provider answers with, and what each tells the vendor.
 * Flows and refreshes that fail with one keep it as their stable code; any other code becomes `provider_error`.
 */
export const PROVIDER_ERRORS = {
  invalid_client:
    'The provider rejected the client credentials: check the client ID and secret of the connector’s OAuth app',
  unauthorized_client: 'The provider does not let this OAuth app use the authorization code or refresh token grant',
  invalid_grant:
    'The provider refused the grant: the code or refresh token expired, was used already, or was issued to another client or redirect URI',
  invalid_scope: 'The provider refused the requested scopes: check the connector’s scopes',
  invalid_request: 'The provider found the request malformed or missing a parameter',
  unsupported_grant_type: 'The provider does not support this grant type for the OAuth app',
  unsupported_response_type: 'The provider does not support the authorization code flow for the OAuth app',
  access_denied: 'The end user, or the provider, declined access',
  server_error: 'The provider failed with an internal error; try again later',
  temporarily_unavailable: 'The provider is temporarily unavailable; try again later',
} as const;

/** One of the codes of {@link PROVIDER_ERRORS}, or `provider_error` for a code outside RFC 6749. */
export type ProviderErrorCode = keyof typeof PROVIDER_ERRORS | 'provider_error';

/** What a provider said when it refused a request: safe to log and to show the vendor, never a secret. */
export interface ProviderRejection {
  code: ProviderErrorCode;
  message: string;
  /** The provider's own `error`, as sent when it is a plain token (logged), else undefined. */
  providerError: string | undefined;
  /** The HTTP status of the provider's answer, when there was one. */
  status: number | undefined;
}

// RFC 6749 limits `error` to printable ASCII without quotes or backslashes; a longer or odder value is not logged.
const asErrorCode = (value: unknown) =>
  typeof value === 'string' && /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/.test(value) ? value : undefined;

async function bodyErrorOf(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = JSON.parse(await response.text());
    return asErrorCode((body as { error?: unknown } | null)?.error);
  } catch {
    return undefined;
  }
}

/**
 * The provider's refusal behind an oauth4webapi error: the `error` of an authorization response, of a token
 * response body, or of a `WWW-Authenticate` challenge (a 401 for bad client credentials, whose body oauth4webapi
 * leaves unread, so it is read here). Undefined for errors that are not a provider's answer.
 */
export async function providerRejectionOf(error: unknown): Promise<ProviderRejection | undefined> {
  let providerError: string | undefined;
  let status: number | undefined;
  if (error instanceof oauth.AuthorizationResponseError) {
    providerError = asErrorCode(error.error);
  } else if (error instanceof oauth.ResponseBodyError) {
    providerError = asErrorCode(error.error);
    status = error.status;
  } else if (error instanceof oauth.WWWAuthenticateChallengeError) {
    status = error.status;
    const challenged = error.cause.map((challenge) => asErrorCode(challenge.parameters.error)).find(Boolean);
    providerError = challenged ?? (await bodyErrorOf(error.response));
    // A 401 challenge without a code is the provider refusing the client's authentication (RFC 6749 section 5.2).
    providerError ??= status === 401 ? 'invalid_client' : undefined;
  } else {
    return undefined;
  }
  const known = providerError !== undefined && Object.hasOwn(PROVIDER_ERRORS, providerError);
  const code = known ? (providerError as keyof typeof PROVIDER_ERRORS) : 'provider_error';
  const message = known
    ? PROVIDER_ERRORS[code as keyof typeof PROVIDER_ERRORS]
    : `The provider refused the request${providerError ? ` with "${providerError}"` : ''}`;
  return { code, message, providerError, status };
}
