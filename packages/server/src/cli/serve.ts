import { createHttpApp } from '../app.js';
import { loadConfig, requirePublicUrl } from '../config.js';
import { findConsoleRoot } from '../http/console-assets.js';
import { createMetricsApp } from '../http/metrics.js';
import { findWidgetBundle } from '../http/widget-bundle.js';
import { createLogger, logLevelOf } from '../logger.js';
import type { Runtime } from '../runtime.js';
import { type RunningServer, startServer } from '../server.js';
import { openRuntime, openServices, runtimeOf } from './open-runtime.js';
import type { CliIo } from './run.js';

/** How long requests in flight may take to finish once `serve` is told to stop; then their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** What `serve` and `worker` print once they have stopped. */
export interface Stopped {
  stopped: string;
}

/** Resolves with the reason (the signal's name) once `signal` aborts; never without one. */
function untilShutdown(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    if (!signal) return;
    const reasonOf = () => (typeof signal.reason === 'string' ? signal.reason : 'shutdown');
    if (signal.aborted) resolve(reasonOf());
    else signal.addEventListener('abort', () => resolve(reasonOf()), { once: true });
  });
}

const workersOf = (runtime: Runtime) => [...runtime.workers.keys()].join(', ');

/**
 * `plugboard serve [--no-workers]`: the API on PORT with the workers (or without, for an API-only replica).
 * When `io.shutdown` aborts it stops accepting, lets requests in flight finish (up to {@link SHUTDOWN_GRACE_MS}),
 * stops the workers after their rounds in progress, and closes the store.
 */
export async function serveCommand(env: NodeJS.ProcessEnv, io: CliIo, { workers }: { workers: boolean }) {
  const publicUrl = requirePublicUrl(loadConfig(env), env);
  const logger = createLogger({ level: logLevelOf(env) });
  const services = await openServices(env);
  const { config } = services;
  let runtime: Runtime | undefined;
  let server: RunningServer;
  try {
    const widgetBundle = findWidgetBundle();
    const consoleRoot = env.PLUGBOARD_CONSOLE_ROOT || findConsoleRoot();
    // The redirect URI is fixed here, from configuration or this server's own address: never a Host header.
    const build = (url: string) => {
      runtime = runtimeOf(services, { logger, workers, publicUrl: publicUrl ?? url });
      return createHttpApp(runtime, {
        trustedProxyHops: config.trustedProxyHops,
        inboundMaxBytes: config.inboundMaxBytes,
        // With a listener of their own, metrics stay off the API's port.
        ...(config.metrics?.token && config.metrics.port === undefined ? { metricsToken: config.metrics.token } : {}),
        ...(consoleRoot ? { consoleRoot } : {}),
        ...(widgetBundle ? { widgetBundle } : {}),
      });
    };
    server = await startServer(build, { port: config.port, hostname: config.host });
  } catch (error) {
    await services.store.close();
    throw error;
  }
  const running = runtime as Runtime;
  let metricsServer: RunningServer | undefined;
  const { metrics } = config;
  if (metrics?.port !== undefined && running.deps.metrics) {
    try {
      const app = createMetricsApp(running.deps.metrics, metrics.token);
      metricsServer = await startServer(app, { port: metrics.port, hostname: metrics.host });
    } catch (error) {
      await server.shutdown(0);
      await running.close();
      throw error;
    }
    // Not "listening on": tools read the API's address from the first line that says so.
    io.err(`Plugboard metrics served at ${metricsServer.url}/metrics `);
  }
  running.startWorkers();
  // The URL is followed by a space: tools (and the e2e helpers) read it up to the first whitespace.
  const shape = workers ? `workers: ${workersOf(running)}` : 'API only, no workers';
  io.err(`Plugboard API listening on ${server.url} (${shape})`);
  const reason = await untilShutdown(io.shutdown);
  io.err(`Plugboard stopping on ${reason}: finishing requests in flight`);
  await server.shutdown(SHUTDOWN_GRACE_MS);
  await metricsServer?.close();
  await running.close();
  // The last requests' lines are still in the logger's buffer.
  await logger.flush?.();
  return { stopped: reason } satisfies Stopped;
}

/**
 * `plugboard worker`: the background workers only (deliveries, polling, retention, token refresh), no HTTP.
 * When `io.shutdown` aborts it stops them after their rounds in progress and closes the store.
 */
export async function workerCommand(env: NodeJS.ProcessEnv, io: CliIo) {
  const logger = createLogger({ level: logLevelOf(env) });
  const runtime = await openRuntime(env, { logger, workers: true });
  runtime.startWorkers();
  // The workers' timers do not hold the process open (an app embedding them decides when to end); here nothing
  // else would, so this one does until the shutdown.
  const keepAlive = setInterval(() => {}, 60 * 60_000);
  io.err(`Plugboard workers running: ${workersOf(runtime)}`);
  const reason = await untilShutdown(io.shutdown);
  clearInterval(keepAlive);
  io.err(`Plugboard workers stopping on ${reason}: finishing rounds in progress`);
  await runtime.close();
  await logger.flush?.();
  return { stopped: reason } satisfies Stopped;
}
