import type { ErrorCode, ValidationIssue } from '@plugboard/shared';
import { PlugboardError } from './plugboard-error.js';

/** What the API said about a failed request. */
export interface ApiErrorInit {
  status: number;
  code: ErrorCode;
  message: string;
  method: string;
  path: string;
  details?: Record<string, unknown> | undefined;
  retryAfter?: number | undefined;
  cause?: unknown;
}

/** The API answered with an error. `code` is one of the API's stable codes. */
export class PlugboardApiError extends PlugboardError {
  override name: string = 'PlugboardApiError';
  declare readonly code: ErrorCode;
  /** The HTTP status. */
  readonly status: number;
  /** Extra data, such as validation issues. */
  readonly details: Record<string, unknown> | undefined;
  /** The HTTP method and path of the failed request, e.g. `POST /v1/session/connections`. */
  readonly request: string;
  /** The API's own message, without the request prefix: suitable to show to people. */
  readonly apiMessage: string;

  constructor(init: ApiErrorInit) {
    super(init.code, `${init.method} ${init.path} failed (${init.status} ${init.code}): ${init.message}`, {
      cause: init.cause,
    });
    this.status = init.status;
    this.details = init.details;
    this.request = `${init.method} ${init.path}`;
    this.apiMessage = init.message;
  }

  /** Each problem the API found in the request, with a dotted path such as `credentials.apiKey`. */
  get issues(): ValidationIssue[] {
    const issues = this.details?.issues;
    return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
  }
}

/** 400, 413, 415, 422: the request itself is wrong; see `issues`. */
export class ValidationError extends PlugboardApiError {
  override name = 'ValidationError' as const;
}

/** 401: no credential, an unknown one, or an expired session. */
export class AuthenticationError extends PlugboardApiError {
  override name: string = 'AuthenticationError';
}

/** 401 `session_expired`: mint a new connect session. */
export class SessionExpiredError extends AuthenticationError {
  override name = 'SessionExpiredError' as const;
}

/** 403: the credential is valid but may not do this (including a refused origin). */
export class PermissionError extends PlugboardApiError {
  override name = 'PermissionError' as const;
}

/** 404: nothing with that id, or nothing this credential may see. */
export class NotFoundError extends PlugboardApiError {
  override name = 'NotFoundError' as const;
}

/** 409: conflicts with the current state, e.g. `slug_taken`. */
export class ConflictError extends PlugboardApiError {
  override name = 'ConflictError' as const;
}

/** 429: too many requests. */
export class RateLimitError extends PlugboardApiError {
  override name = 'RateLimitError' as const;
  /** Seconds to wait before retrying, when the API said. */
  readonly retryAfter: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/** 5xx: the server failed; retrying later may work. */
export class ServerError extends PlugboardApiError {
  override name = 'ServerError' as const;
}

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
