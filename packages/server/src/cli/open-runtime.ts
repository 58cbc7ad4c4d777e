import { loadConfig, type ServerConfig } from '../config.js';
import { type Keyring, loadKeyring } from '../crypto/keyring.js';
import type { Logger } from '../logger.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';

/** What a CLI command's runtime is built from: the configuration, the opened store and the keyring. */
export interface ProcessServices {
  config: ServerConfig;
  store: Store;
  keyring: Keyring;
}

/**
 * Reads the configuration, opens the store and loads the keyring (generating a development key outside
 * production). The store is closed again when the keyring cannot be loaded.
 */
export async function openServices(env: NodeJS.ProcessEnv): Promise<ProcessServices> {
  const config = loadConfig(env);
  const store = await openStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  try {
    const keyring = await loadKeyring({
      env,
      dataDir: config.dataDir,
      generateIfMissing: env.NODE_ENV !== 'production',
    });
    return { config, store, keyring };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** How one command wants its runtime. */
export interface RuntimeShape {
  logger: Logger;
  /** Whether the runtime gets the background workers (they start only when asked). */
  workers: boolean;
  /** @default the configured `PLUGBOARD_PUBLIC_URL` */
  publicUrl?: string | undefined;
}

/**
 * The one runtime every CLI command runs on, configured from the environment: egress allowlist, budgets, OAuth
 * rules, the agent's model, retention, and the workers when the command runs them.
 */
export function runtimeOf({ config, store, keyring }: ProcessServices, shape: RuntimeShape): Runtime {
  const publicUrl = shape.publicUrl ?? config.publicUrl;
  return createRuntime({
    store,
    keyring,
    logger: shape.logger,
    egressAllowHosts: config.egressAllowHosts,
    rateLimits: config.rateLimits,
    ...(config.tenantRateLimit ? { tenantRateLimit: config.tenantRateLimit } : {}),
    allowInsecureOAuthEndpoints: config.allowInsecureOAuthEndpoints,
    retention: { eventDays: config.retentionDays, callLogDays: config.logRetentionDays },
    agentRunLeaseMs: config.agentRunLeaseSeconds * 1000,
    agentLimits: config.agentLimits,
    ...(publicUrl ? { publicUrl } : {}),
    ...(config.llm ? { llm: config.llm } : {}),
    ...(shape.workers ? config.workerIntervals : {}),
    ...(config.workerLeaseSeconds ? { workerLeaseMs: config.workerLeaseSeconds * 1000 } : {}),
  });
}

/** {@link openServices} then {@link runtimeOf}; the store is closed again when the runtime cannot be built. */
export async function openRuntime(env: NodeJS.ProcessEnv, shape: RuntimeShape): Promise<Runtime> {
  const services = await openServices(env);
  try {
    return runtimeOf(services, shape);
  } catch (error) {
    await services.store.close();
    throw error;
  }
}
