import type { Context } from 'hono';

/** The URL this server is reached at, without a trailing slash: the public URL when configured, else the request's origin. */
export const publicBaseOf = (c: Context, options: { publicUrl?: string | undefined }): string =>
  (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
