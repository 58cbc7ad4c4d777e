import { AsyncLocalStorage } from 'node:async_hooks';
import { type DestinationStream, type Level, pino } from 'pino';

/**
 * Where the server writes its log lines. Entries are structured objects; the server never puts
 * bodies, query strings, tokens or credentials in them.
 */
export interface Logger {
  debug?(entry: Record<string, unknown>): void;
  info(entry: Record<string, unknown>): void;
  warn(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
  /** Writes out what is buffered; resolves once it is written. */
  flush?(): Promise<void>;
  /** The least severe level it writes, when known; `silent` writes nothing, so callers may skip building entries. */
  readonly level?: LogLevel;
}

/** The levels `PLUGBOARD_LOG_LEVEL` accepts, most verbose first; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Fields whose values are secrets wherever they appear, at the top of an entry or in one of its
 * {@link CONTAINERS}. The server does not log them to begin with: this is the second line of defence, for a
 * field someone adds later.
 */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'credentials',
  'token',
  'tokens',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'secret',
  'secrets',
  'secretKey',
  'clientSecret',
  'client_secret',
  'apiKey',
  'api_key',
  'password',
  'passwordHash',
  'x-api-key',
  'masterKey',
  'codeVerifier',
  'code_verifier',
];

/**
 * Where entries nest what a caller sent or a provider answered: secret fields are redacted inside these too.
 * Listed by name rather than as `*.field`: pino runs a wildcard-first path on every value of every line.
 */
const CONTAINERS = ['headers', 'body', 'query', 'params', 'input', 'request', 'response', 'error', 'cause', 'values'];

const pathOf = (field: string) => (/^[A-Za-z_]\w*$/.test(field) ? field : `["${field}"]`);

/** The redaction paths: each secret field, at the top of an entry and inside each of the {@link CONTAINERS}. */
export const REDACTED_PATHS = [
  ...SECRET_FIELDS.map(pathOf),
  ...CONTAINERS.flatMap((container) => SECRET_FIELDS.map((field) => `${container}.${pathOf(field)}`)),
];

/** What a redacted value reads as. */
export const REDACTED = '[redacted]';

/** The request a line is written for: set by the app's request middleware for everything the request does. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @default 'info' */
  level?: LogLevel;
  /**
   * Where lines go. @default stdout through an asynchronous, buffered writer (lines are written in batches of
   * 4 KB or more, and on exit)
   */
  destination?: DestinationStream;
}

/**
 * A JSON-lines logger on pino: one object per line with `level`, `time` and, for lines written while a request
 * is handled, its `requestId`; values of secret-bearing fields (see {@link REDACTED_PATHS}) read `[redacted]`.
 *
 * @example
 * ```ts
 * const logger = createLogger({ level: 'warn' });
 * logger.warn({ event: 'refresh.retry', attempt: 2 });
 * await logger.flush?.();
 * ```
 */
export function createLogger({ level = 'info', destination }: LoggerOptions = {}): Logger {
  const stream = destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const base = pino(
    {
      level,
      base: null,
      messageKey: 'message',
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    stream,
  );
  const at = (name: Level) => (entry: Record<string, unknown>) => base[name](entry);
  return {
    level,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    flush: () => new Promise<void>((done) => base.flush(() => done())),
  };
}

/**
 * The level `PLUGBOARD_LOG_LEVEL` names. @default 'info' when unset
 * @throws Error when it is not one of {@link LOG_LEVELS}
 */
export function logLevelOf(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.PLUGBOARD_LOG_LEVEL;
  if (raw === undefined || raw === '') return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw.toLowerCase());
  if (!level) throw new Error(`PLUGBOARD_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${raw}"`);
  return level;
}

/** Discards every entry. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
