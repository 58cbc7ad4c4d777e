/**
 * Every error the Plugboard API returns carries one of these stable codes.
 * Programs branch on the code; people read the message.
 *
 * @example
 * ```ts
 * if (error.code === ErrorCode.SessionExpired) renewToken();
 * ```
 */
export const ErrorCode = {
  /** The body is not valid JSON. */
  InvalidJson: 'invalid_json',
  /** The request body, query or path failed validation; `details.issues` lists each problem. */
  ValidationFailed: 'validation_failed',
  /** The body is larger than the server accepts. */
  PayloadTooLarge: 'payload_too_large',
  /** The request needs `Content-Type: application/json`. */
  UnsupportedMediaType: 'unsupported_media_type',
  /** No credential, or one the server does not know. */
  Unauthenticated: 'unauthenticated',
  /** The console sign-in failed: the email is unknown or the password is wrong (one answer for both). */
  InvalidCredentials: 'invalid_credentials',
  /** The connect session token has expired; mint a new one. */
  SessionExpired: 'session_expired',
  /** The credential is valid but may not do this. */
  Forbidden: 'forbidden',
  /**
   * A console request that changes something lacked the `x-plugboard-csrf` header of its session, or came
   * from another origin.
   */
  CsrfFailed: 'csrf_failed',
  /** The request's `Origin` is not one of the allowed origins. */
  OriginNotAllowed: 'origin_not_allowed',
  /** Nothing with that id exists, or it is not visible to this credential. */
  NotFound: 'not_found',
  /** The route exists but not for this HTTP method. */
  MethodNotAllowed: 'method_not_allowed',
  /** Another connector of the organization already uses that slug. */
  SlugTaken: 'slug_taken',
  /** The connector does not offer that auth method, or it cannot be used this way yet. */
  AuthMethodNotSupported: 'auth_method_not_supported',
  /** The connector's OAuth 2.0 method lacks a client ID or secret, or uses an endpoint the server may not call. */
  OAuthNotConfigured: 'oauth_not_configured',
  /** The provider no longer accepts the connection's grant: the end user must reconnect. */
  NeedsReauth: 'needs_reauth',
  /** The provider could not refresh the token right now; retry later. */
  RefreshFailed: 'refresh_failed',
  /**
   * The server refused to send a request to a URL its egress policy blocks (a loopback, private, link-local or
   * otherwise internal address); nothing was sent.
   */
  EgressBlocked: 'egress_blocked',
  /** An action or proxy path would change the scheme, host or port of the connector's API base URL. */
  PathNotAllowed: 'path_not_allowed',
  /** The third-party API did not answer within the timeout. */
  UpstreamTimeout: 'upstream_timeout',
  /** The third-party API's answer was larger than the server accepts. */
  UpstreamTooLarge: 'upstream_too_large',
  /** An MCP tool's third-party API answered 4xx or 5xx; the tool error carries its status and body. */
  UpstreamError: 'upstream_error',
  /** An MCP tool's connector has no connection for the tenant yet; the tool error carries a connect link. */
  NotConnected: 'not_connected',
  /** The third party refused or failed while connecting (a custom auth handler's call, for instance). */
  ProviderError: 'provider_error',
  /** An inbound webhook's signature is missing or does not match the connection's secret; nothing was stored. */
  InvalidSignature: 'invalid_signature',
  /** The connect link has expired; ask the app for a new one. */
  LinkExpired: 'link_expired',
  /** The connect link was revoked by the app. */
  LinkRevoked: 'link_revoked',
  /** The connect link was opened as many times as it may be; ask the app for a new one. */
  LinkUsedUp: 'link_used_up',
  /** The server lacks a setting this needs, such as its public URL; nothing was changed. */
  NotConfigured: 'not_configured',
  /** The request conflicts with the current state. */
  Conflict: 'conflict',
  /** Too many requests; retry after the time in `Retry-After`. */
  RateLimited: 'rate_limited',
  /** The server is up but cannot serve yet: its database does not answer (`GET /readyz`). */
  NotReady: 'not_ready',
  /** Something failed on the server; nothing secret is in the message. */
  Internal: 'internal_error',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem found while validating a request. `path` is dotted, e.g. `credentials.apiKey`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { issues?: ValidationIssue[] } & Record<string, unknown>;
  };
}
