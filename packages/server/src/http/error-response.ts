import { ErrorCode } from '@plugboard/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainError } from '../services/domain-error.js';
import { ApiError } from './api-error.js';

/**
 * The HTTP status of each error code: the one place a domain error's code becomes a status (an {@link ApiError}
 * brings its own, which a route then declares), and what the OpenAPI document lists each code under.
 */
export const ERROR_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  [ErrorCode.InvalidJson]: 400,
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.EgressBlocked]: 400,
  [ErrorCode.PathNotAllowed]: 400,
  [ErrorCode.AuthMethodNotSupported]: 400,
  [ErrorCode.OAuthNotConfigured]: 400,
  [ErrorCode.NotConfigured]: 400,
  [ErrorCode.NotConnected]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.SessionExpired]: 401,
  [ErrorCode.InvalidSignature]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.CsrfFailed]: 403,
  [ErrorCode.OriginNotAllowed]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.NeedsReauth]: 409,
  [ErrorCode.SlugTaken]: 409,
  [ErrorCode.LinkExpired]: 410,
  [ErrorCode.LinkRevoked]: 410,
  [ErrorCode.LinkUsedUp]: 410,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Internal]: 500,
  [ErrorCode.ProviderError]: 502,
  [ErrorCode.RefreshFailed]: 502,
  [ErrorCode.UpstreamTooLarge]: 502,
  [ErrorCode.UpstreamError]: 502,
  [ErrorCode.NotReady]: 503,
  [ErrorCode.UpstreamTimeout]: 504,
};

/** The HTTP status of a domain error: its own for an ApiError, else the one its code maps to. */
export const httpStatusOf = (error: DomainError): ContentfulStatusCode =>
  error instanceof ApiError ? error.status : (ERROR_STATUS[error.code] ?? 400);

/** The HTTP status, body and headers of a domain error. */
export function httpErrorOf(error: DomainError): {
  status: ContentfulStatusCode;
  body: ReturnType<DomainError['toBody']>;
  headers: Record<string, string>;
} {
  const status = httpStatusOf(error);
  const headers = error instanceof ApiError ? { ...error.headers } : {};
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
  return { status, body: error.toBody(), headers };
}
