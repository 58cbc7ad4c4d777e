import { join } from 'node:path';

/** Settings read from the environment. */
export interface ServerConfig {
  /** @default 4400 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** SQLite path or `file:` URL. @default 'file:.plugboard/plugboard.db' */
  databaseUrl: string;
  /** Folder for local data: the SQLite file and the development master key. @default '.plugboard' */
  dataDir: string;
  /**
   * `PLUGBOARD_PUBLIC_URL`: the server's public URL, which fixes the OAuth redirect URI. `plugboard serve`
   * requires it when `NODE_ENV=production` (see {@link requirePublicUrl}) and falls back to its own listen
   * address elsewhere.
   */
  publicUrl?: string;
  /** `PLUGBOARD_EGRESS_ALLOW_HOSTS`: comma-separated `host[:port]` entries for the egress allowlist. @default [] */
  egressAllowHosts: string[];
  /**
   * `PLUGBOARD_ALLOW_INSECURE_OAUTH=1` (or `true`): OAuth connectors may use plain-http endpoints, for a local
   * provider during development; never set it in production. @default false
   */
  allowInsecureOAuthEndpoints: boolean;
  /**
   * `PLUGBOARD_LLM_URL` (an OpenAI-compatible API, e.g. `https://api.openai.com/v1`), `PLUGBOARD_LLM_API_KEY` and
   * `PLUGBOARD_LLM_MODEL` (default `gpt-4o-mini`): the connector agent's optional model. Set only when URL and key are.
   */
  llm?: { url: string; apiKey: string; model: string };
}

/**
 * Reads the server's configuration from environment variables.
 *
 * @throws Error when `PORT` is not a port
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const dataDir = env.PLUGBOARD_DATA_DIR || '.plugboard';
  const port = Number(env.PORT || 4400);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const publicUrl = env.PLUGBOARD_PUBLIC_URL || undefined;
  const egressAllowHosts = (env.PLUGBOARD_EGRESS_ALLOW_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.PLUGBOARD_DATABASE_URL || `file:${join(dataDir, 'plugboard.db')}`,
    dataDir,
    ...(publicUrl ? { publicUrl } : {}),
    egressAllowHosts,
    allowInsecureOAuthEndpoints: /^(1|true)$/i.test(env.PLUGBOARD_ALLOW_INSECURE_OAUTH ?? ''),
    ...(env.PLUGBOARD_LLM_URL && env.PLUGBOARD_LLM_API_KEY
      ? {
          llm: {
            url: env.PLUGBOARD_LLM_URL,
            apiKey: env.PLUGBOARD_LLM_API_KEY,
            model: env.PLUGBOARD_LLM_MODEL || 'gpt-4o-mini',
          },
        }
      : {}),
  };
}

/**
 * The configured public URL, required in production: there the OAuth redirect URI must be the deployment's
 * real address, and it must never come from request headers.
 *
 * @returns the public URL, or undefined outside production when none is set
 * @throws Error when `NODE_ENV=production` and `PLUGBOARD_PUBLIC_URL` is not set
 * @example
 * ```ts
 * const publicUrl = requirePublicUrl(loadConfig(process.env), process.env) ?? listenUrl;
 * ```
 */
export function requirePublicUrl(config: ServerConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (!config.publicUrl && env.NODE_ENV === 'production') {
    throw new Error(
      'Set PLUGBOARD_PUBLIC_URL to the URL the server is reached at (e.g. https://plugboard.example.com): ' +
        'it fixes the OAuth redirect URI, which must not come from request headers.',
    );
  }
  return config.publicUrl;
}
