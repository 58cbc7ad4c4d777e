/**
 * Where the server writes its log lines. Entries are structured objects; the server never puts
 * bodies, query strings, tokens or credentials in them.
 */
export interface Logger {
  info(entry: Record<string, unknown>): void;
  warn(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
}

/** Writes one JSON line per entry to stdout (info) or stderr (warn, error). */
export const jsonLogger: Logger = {
  info: (entry) => process.stdout.write(`${JSON.stringify({ level: 'info', ...entry })}\n`),
  warn: (entry) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...entry })}\n`),
  error: (entry) => process.stderr.write(`${JSON.stringify({ level: 'error', ...entry })}\n`),
};

/** Discards every entry. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
