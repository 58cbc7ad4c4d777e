import type { ErrorBody, ErrorCode, ValidationIssue } from '@plugboard/shared';

/**
 * An error of the domain with a stable code, thrown by services and independent of any transport: HTTP maps
 * it to a status and a JSON body (see `http/error-response.ts`), MCP to a tool error (see `mcp/tool-errors.ts`).
 *
 * @example
 * ```ts
 * throw new DomainError(ErrorCode.NeedsReauth, 'The end user must reconnect Acme CRM');
 * ```
 */
export class DomainError extends Error {
  override name: string = 'DomainError';
  /** Seconds after which a retry may succeed, for `rate_limited` (HTTP sends it as `Retry-After`). */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['error']['details'],
  ) {
    super(message);
  }

  /** Whether a value is a DomainError (an ApiError included). */
  static is(value: unknown): value is DomainError {
    return value instanceof DomainError;
  }

  /** The error as the JSON body every transport shows. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }

  /** `validation_failed` listing each problem; the message names the first. */
  static validation(issues: ValidationIssue[], message = 'The request is not valid'): DomainError {
    const first = issues[0];
    const summary = first ? `${message}: ${first.path ? `${first.path}: ` : ''}${first.message}` : message;
    return new DomainError('validation_failed', summary, { issues });
  }

  /** `not_found` naming what was looked for. */
  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} was not found`);
  }
}
