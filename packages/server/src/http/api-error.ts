import { type ErrorBody, ErrorCode, type ValidationIssue } from '@plugboard/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An error that becomes a JSON error response with a stable code; thrown by routes and services. */
export class ApiError extends Error {
  override name = 'ApiError' as const;
  /** Extra response headers, such as `Retry-After`. */
  headers: Record<string, string> = {};

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['error']['details'],
  ) {
    super(message);
  }

  /** Adds response headers and returns the error, for `throw error.withHeaders({ 'Retry-After': '60' })`. */
  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }

  /** The response body. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }

  /** 400 `validation_failed` listing each problem. */
  static validation(issues: ValidationIssue[], message = 'The request is not valid'): ApiError {
    const first = issues[0];
    const summary = first ? `${message}: ${first.path ? `${first.path}: ` : ''}${first.message}` : message;
    return new ApiError(400, ErrorCode.ValidationFailed, summary, { issues });
  }

  /** 404 `not_found` naming what was looked for. */
  static notFound(what: string): ApiError {
    return new ApiError(404, ErrorCode.NotFound, `${what} was not found`);
  }
}

/** Turns zod issues into API issues with dotted paths, prefixed by where the value came from. */
export function toIssues(error: z.ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
