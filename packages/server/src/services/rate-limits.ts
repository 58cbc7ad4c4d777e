import { ErrorCode } from '@plugboard/shared';
import { ApiError } from '../http/api-error.js';
import type { RateLimit } from '../storage/store.js';
import type { ServiceDeps } from './deps.js';

/** The budgets the server enforces through the database, so that they hold across replicas. */
export interface RateLimits {
  /** Console sign-in attempts from one client address, whatever the email. @default 20 at once, then 2 a minute */
  signInPerClient: RateLimit;
  /** Console sign-in attempts for one email; a success resets it. @default 10 at once, then 10 per 15 minutes */
  signInPerEmail: RateLimit;
  /** Webhooks posted to one inbound URL. @default 100 at once, then 10 a second */
  inboundPerUrl: RateLimit;
  /** Connect sessions one organization mints (secret key, CLI and console test sessions). @default 200 at once, then 10 a second */
  sessionsPerOrganization: RateLimit;
}

/** The default budgets. */
export const defaultRateLimits: RateLimits = {
  signInPerClient: { burst: 20, perSecond: 2 / 60 },
  signInPerEmail: { burst: 10, perSecond: 10 / (15 * 60) },
  inboundPerUrl: { burst: 100, perSecond: 10 },
  sessionsPerOrganization: { burst: 200, perSecond: 10 },
};

/** The deps' budgets, defaults filled in. */
export const rateLimitsOf = (deps: ServiceDeps): RateLimits => ({ ...defaultRateLimits, ...deps.rateLimits });

/**
 * Takes one token from a database bucket, or refuses the request.
 *
 * @throws ApiError 429 `rate_limited` with `Retry-After` (seconds) when the bucket is empty; nothing was taken
 */
export async function takeOrRefuse(deps: ServiceDeps, key: string, limit: RateLimit, message: string): Promise<void> {
  const wait = await deps.store.takeRateLimitToken(key, limit, deps.now());
  if (wait > 0) {
    throw new ApiError(429, ErrorCode.RateLimited, message).withHeaders({ 'Retry-After': String(wait) });
  }
}
