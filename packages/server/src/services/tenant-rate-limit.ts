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
 * A token bucket per organization and tenant for calls to third-party APIs (actions and proxy), so one tenant's
 * loop cannot exhaust a provider's quota for every other tenant, or use Plugboard to flood a third party.
 * In memory, per process: several servers each enforce their own budget.
 */
export class TenantRateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => Date,
    private readonly limit: TenantRateLimit = defaultTenantRateLimit,
  ) {}

  /** Takes one call from the tenant's budget; returns 0 when allowed, else the seconds to wait. */
  take(organizationId: string, tenantId: string): number {
    const key = `${organizationId}\u0000${tenantId}`;
    const at = this.now().getTime();
    const bucket = this.#buckets.get(key) ?? { tokens: this.limit.burst, at };
    const tokens = Math.min(this.limit.burst, bucket.tokens + ((at - bucket.at) / 1000) * this.limit.perSecond);
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at });
      return Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond));
    }
    this.#buckets.set(key, { tokens: tokens - 1, at });
    return 0;
  }
}
