/**
 * The Plugboard reference backend: the API app, its storage, the keyring, and helpers to run it.
 *
 * @example
 * ```ts
 * import { createApp, loadConfig, loadKeyring, openStore, startServer } from '@plugboard/server';
 *
 * const config = loadConfig(process.env);
 * const store = await openStore(config.databaseUrl);
 * const keyring = await loadKeyring({ env: process.env, dataDir: config.dataDir });
 * const server = await startServer(createApp({ store, keyring }), { port: config.port });
 * ```
 *
 * The demo's seed data is in `@plugboard/server/demo`.
 * @packageDocumentation
 */
export { type AppOptions, createApp, createHttpApp, DEFAULT_INBOUND_MAX_BYTES, type HttpOptions } from './app.js';
export { type CliIo, run as runCli } from './cli/run.js';
export { loadConfig, requirePublicUrl, type ServerConfig } from './config.js';
export { CredentialDecryptionError } from './crypto/credential-cipher.js';
export { Keyring, type LoadKeyringOptions, loadKeyring, type MasterKey } from './crypto/keyring.js';
export {
  type CustomAuthContext,
  CustomAuthError,
  type CustomAuthHandler,
  type CustomAuthRegistry,
} from './custom-auth/handler.js';
export { type SessionLoginOptions, sessionLoginHandler } from './custom-auth/session-login.js';
export {
  type AddressVerdict,
  assertEgress,
  type BlockedAddressReason,
  checkEgress,
  classifyAddress,
  createEgressPolicy,
  EgressBlockedError,
  type EgressBlockReason,
  type EgressDecision,
  type EgressFetch,
  type EgressPolicy,
  type EgressPolicyOptions,
  egressFetch,
} from './egress/index.js';
export { ApiError } from './http/api-error.js';
export { createMetricsApp, METRICS_PATH } from './http/metrics.js';
export { findWidgetBundle, WIDGET_BUNDLE_PATH } from './http/widget-bundle.js';
export {
  createLogger,
  LOG_LEVELS,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  logLevelOf,
  REDACTED_PATHS,
  silentLogger,
} from './logger.js';
export {
  type BackgroundWorker,
  createRuntime,
  Runtime,
  type RuntimeOptions,
  type WorkerName,
} from './runtime.js';
export { type RunningServer, startServer } from './server.js';
export { type CallLogWriterOptions, defaultCallLogWriterOptions } from './services/call-log-writer.js';
export { type DeliveryPolicy, DeliveryWorker, defaultDeliveryPolicy } from './services/delivery-worker.js';
export { type KeyRotationOptions, type KeyRotationResult, rotateKeys } from './services/key-rotation.js';
export type { Metrics } from './services/metrics.js';
export { defaultRateLimits, type RateLimits } from './services/rate-limits.js';
export { RefreshWorker } from './services/refresh-worker.js';
export { defaultRetentionPolicy, type RetentionPolicy, RetentionWorker } from './services/retention-worker.js';
export type { RoundOutcome } from './services/round-worker.js';
export { defaultRefreshPolicy, type RefreshPolicy, TokenRefresher } from './services/token-refresh.js';
export { type OpenStoreOptions, openStore, SchemaTooNewError } from './storage/open-store.js';
export type { PruneCounts, RateLimit, Store } from './storage/store.js';
