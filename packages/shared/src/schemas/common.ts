import { z } from 'zod';
import { sampleFilled } from '../variables.js';

/** A server-generated id with a type prefix, e.g. `ctr_3k9...`. */
export const idSchema = z
  .string()
  .min(4)
  .max(64)
  .regex(/^[a-z]+_[A-Za-z0-9]+$/, 'Must be a Plugboard id');

/** An ISO 8601 timestamp string. */
export const timestampSchema = z.iso.datetime();

/** An id chosen by the vendor for its tenants and end users: up to 200 printable characters. */
export const externalIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:@|+-]+$/, 'Use letters, digits and . _ : @ | + - only');

/**
 * The URL a string names, or undefined when it does not parse. Refinements use it instead of `new URL()`:
 * a check that throws turns bad input into a 500 where it should be an issue.
 */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** A web origin such as `https://app.example.com` (scheme, host and port; no path). */
export const originSchema = z
  .string()
  .max(300)
  .refine((value) => {
    const url = parseUrl(value);
    return url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  }, 'Must be an origin like https://app.example.com, without a path or trailing slash')
  .meta({ format: 'uri' });

/** An https URL, e.g. for icons. */
export const httpsUrlSchema = z.url({ protocol: /^https$/, error: 'Must be an https:// URL' }).max(2048);

/** A page of results. `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** Query parameters shared by list endpoints. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/**
 * A URL field that may hold `{name}` placeholders of connector variables: judged by `schema` as the URL it stands
 * for (see {@link sampleFilled}), stored as written.
 */
export function urlTemplateSchema(schema: z.ZodType<string>) {
  return z
    .string()
    .max(2048)
    .superRefine((value, ctx) => {
      const result = schema.safeParse(value.includes('{') ? sampleFilled(value) : value);
      for (const issue of result.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message });
    })
    .meta({ format: 'uri' });
}
