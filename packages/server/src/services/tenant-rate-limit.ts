import type { RateLimitStore } from '../storage/store.js';

/** How many third-party calls one tenant may make. */
export interface TenantRateLimit {
  /** Calls allowed in a burst. @default 60 */
  burst: number;
  /** Calls added back each second. @default 10 */
  perSecond: number;
}

/** The default budget: bursts of 60 calls, 10 a second sustained. */
export const defaultTenantRateLimit: TenantRateLimit = { burst: 60, perSecond: 10 };

/**
 * A token bucket per organization and tenant for calls to third-party APIs (actions, the proxy and MCP tool
 * calls), so one tenant's loop cannot exhaust a provider's quota for every other tenant, or use Plugboard to flood
 * a third party. The buckets live in the database, so several replicas share one budget.
 */
export class TenantRateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly now: () => Date,
    private readonly limit: TenantRateLimit = defaultTenantRateLimit,
  ) {}

  /** Takes one call from the tenant's budget; resolves 0 when allowed, else the seconds to wait. */
  take(organizationId: string, tenantId: string): Promise<number> {
    return this.store.takeRateLimitToken(`tenant-calls:${organizationId}:${tenantId}`, this.limit, this.now());
  }
}
