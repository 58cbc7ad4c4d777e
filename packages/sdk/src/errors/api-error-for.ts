import { AuthenticationError } from './authentication-error.js';
import { ConflictError } from './conflict-error.js';
import { NotFoundError } from './not-found-error.js';
import { PermissionError } from './permission-error.js';
import { type ApiErrorInit, PlugboardApiError } from './plugboard-api-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServerError } from './server-error.js';
import { SessionExpiredError } from './session-expired-error.js';
import { ValidationError } from './validation-error.js';

/** Picks the error class for an API error response. */
export function apiErrorFor(init: ApiErrorInit): PlugboardApiError {
  if (init.status === 401) {
    return init.code === 'session_expired' ? new SessionExpiredError(init) : new AuthenticationError(init);
  }
  const byStatus: Record<number, new (init: ApiErrorInit) => PlugboardApiError> = {
    400: ValidationError,
    403: PermissionError,
    404: NotFoundError,
    409: ConflictError,
    413: ValidationError,
    415: ValidationError,
    422: ValidationError,
    429: RateLimitError,
  };
  const ErrorClass = byStatus[init.status] ?? (init.status >= 500 ? ServerError : PlugboardApiError);
  return new ErrorClass(init);
}
