import { ErrorCode } from '@plugboard/shared';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, toIssues } from './api-error.js';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Parses a value with a schema or throws 400 `validation_failed` with every issue. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw ApiError.validation(toIssues(result.error, prefix));
  return result.data;
}

/**
 * Reads a JSON body within {@link MAX_BODY_BYTES} and validates it.
 * @throws ApiError 415 without a JSON content type, 413 when too large, 400 for bad JSON or schema failures.
 */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ApiError(
      415,
      ErrorCode.UnsupportedMediaType,
      'Send the body as JSON with Content-Type: application/json',
    );
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(400, ErrorCode.InvalidJson, 'The body is not valid JSON');
  }
  return parseWith(schema, value);
}

function tooLarge(): ApiError {
  return new ApiError(413, ErrorCode.PayloadTooLarge, `The body is larger than ${MAX_BODY_BYTES / 1024} KB`);
}
