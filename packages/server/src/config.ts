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
}

/**
 * Reads the server's configuration from environment variables.
 *
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
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.PLUGBOARD_DATABASE_URL || `file:${join(dataDir, 'plugboard.db')}`,
    dataDir,
  };
}
