import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, LOG_LEVELS, logLevelOf, REDACTED, requestScope } from './logger.js';

/** A pino destination that keeps each line. */
function captured() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { destination, entries: () => lines.map((line) => JSON.parse(line)), text: () => lines.join('\n') };
}

const CANARY = 'sk_live_canary0123456789';

describe('the pino logger', () => {
  it('redacts secret-bearing fields at the top of an entry and inside its headers, body and error', async () => {
    const out = captured();
    const logger = createLogger({ destination: out.destination });
    logger.info({
      event: 'outbound.sent',
      authorization: `Bearer ${CANARY}`,
      credentials: { apiKey: CANARY },
      headers: { authorization: `Bearer ${CANARY}`, cookie: `session=${CANARY}`, 'x-api-key': CANARY, accept: 'json' },
      body: { client_secret: CANARY, refresh_token: CANARY, grant_type: 'refresh_token' },
      error: { password: CANARY, name: 'TypeError' },
    });
    await logger.flush?.();

    expect(out.text()).not.toContain(CANARY);
    const [entry] = out.entries();
    expect(entry).toMatchObject({
      level: 'info',
      event: 'outbound.sent',
      authorization: REDACTED,
      credentials: REDACTED,
      headers: { authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, accept: 'json' },
      body: { client_secret: REDACTED, refresh_token: REDACTED, grant_type: 'refresh_token' },
      error: { password: REDACTED, name: 'TypeError' },
    });
  });

  it('writes only lines at or above its level', async () => {
    const out = captured();
    const logger = createLogger({ level: 'warn', destination: out.destination });
    logger.debug?.({ event: 'a' });
    logger.info({ event: 'b' });
    logger.warn({ event: 'c' });
    logger.error({ event: 'd' });
    await logger.flush?.();
    expect(out.entries().map((entry) => [entry.level, entry.event])).toEqual([
      ['warn', 'c'],
      ['error', 'd'],
    ]);
  });

  it('adds the request id to every line written while a request is handled', async () => {
    const out = captured();
    const logger = createLogger({ destination: out.destination });
    await requestScope.run({ requestId: 'req-1' }, async () => {
      await Promise.resolve();
      logger.info({ event: 'inside' });
    });
    logger.info({ event: 'outside' });
    await logger.flush?.();
    expect(out.entries().map(({ event, requestId }) => ({ event, requestId }))).toEqual([
      { event: 'inside', requestId: 'req-1' },
      { event: 'outside', requestId: undefined },
    ]);
  });

  it('reads PLUGBOARD_LOG_LEVEL and refuses an unknown level', () => {
    expect(logLevelOf({})).toBe('info');
    for (const level of LOG_LEVELS) expect(logLevelOf({ PLUGBOARD_LOG_LEVEL: level.toUpperCase() })).toBe(level);
    expect(() => logLevelOf({ PLUGBOARD_LOG_LEVEL: 'loud' })).toThrow(/PLUGBOARD_LOG_LEVEL must be one of/);
  });
});
