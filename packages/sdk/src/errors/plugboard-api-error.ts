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
