import type { Keyring } from '../crypto/keyring.js';
import type { CustomAuthRegistry } from '../custom-auth/handler.js';
import { createEgressPolicy, type EgressPolicy, type OutboundOptions } from '../egress/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { CallLogWriter } from './call-log-writer.js';
import type { Metrics } from './metrics.js';
import type { RateLimits } from './rate-limits.js';
import type { TenantRateLimiter } from './tenant-rate-limit.js';

/** What every service needs: storage, the keyring, a clock and a logger. */
export interface ServiceDeps {
  store: Store;
  keyring: Keyring;
  now: () => Date;
  logger: Logger;
  /** Custom auth handlers by name. */
  customAuth?: CustomAuthRegistry;
  /** Where the server may send requests. @default a policy with an empty allowlist (see {@link egressOf}) */
  egress?: EgressPolicy;
  /** Timeout, size cap and redirect limit of calls to third-party APIs (actions, proxy). @default see {@link OutboundOptions} */
  outbound?: OutboundOptions;
  /** Each tenant's budget of calls to third-party APIs. @default no limit */
  tenantLimiter?: TenantRateLimiter;
  /** Budgets kept in the database (sign-in, inbound URLs, session minting). @default defaultRateLimits */
  rateLimits?: Partial<RateLimits>;
  /** The server's public URL, which connect links point at. @default none: connect links cannot be minted */
  publicUrl?: string;
  /** Let OAuth connectors save and use plain-http endpoints (a local provider sandbox only). @default false */
  allowInsecureOAuthEndpoints?: boolean;
  /** Where calls to third-party APIs are logged per tenant (see `recordCall`). @default none: nothing is logged */
  callLog?: CallLogWriter;
  /** The process's Prometheus metrics. @default none: nothing is counted */
  metrics?: Metrics;
}

const strictEgress = createEgressPolicy();

/** The deps' egress policy; without one, the strictest: no allowlist. */
export const egressOf = (deps: ServiceDeps): EgressPolicy => deps.egress ?? strictEgress;
