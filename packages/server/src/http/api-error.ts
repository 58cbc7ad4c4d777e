import type { ErrorBody, ErrorCode, ValidationIssue } from '@plugboard/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { DomainError } from '../services/domain-error.js';

/**
 * A {@link DomainError} that names its HTTP status itself. New service code throws a plain DomainError and lets
 * `http/error-response.ts` pick the status from the code; ApiError remains for HTTP-only concerns (routes,
 * authentication) and for services not yet moved over.
 */
export class ApiError extends DomainError {
  override name = 'ApiError' as const;
  /** Extra response headers, such as `Retry-After`. */
  headers: Record<string, string> = {};

  constructor(
    readonly status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    details?: ErrorBody['error']['details'],
  ) {
    super(code, message, details);
  }

  /** Adds response headers and returns the error, for `throw error.withHeaders({ 'Retry-After': '60' })`. */
  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    const retryAfter = Number(headers['Retry-After']);
    if (Number.isFinite(retryAfter)) this.retryAfterSeconds = retryAfter;
    return this;
  }

  /** 400 `validation_failed` listing each problem. */
  static override validation(issues: ValidationIssue[], message = 'The request is not valid'): ApiError {
    const { message: summary, details } = DomainError.validation(issues, message);
    return new ApiError(400, 'validation_failed', summary, details);
  }

  /** 404 `not_found` naming what was looked for. */
  static override notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} was not found`);
  }
}

/** Turns zod issues into API issues with dotted paths, prefixed by where the value came from. */
export function toIssues(error: z.ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
