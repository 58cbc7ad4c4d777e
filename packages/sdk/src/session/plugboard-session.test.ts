import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionExpiredError } from '../errors/session-expired-error.js';
import { BASE, errorResponse, received, sessionHandlers, TOKEN } from '../test/mock-api.js';
import { PlugboardSession } from './plugboard-session.js';

const server = setupServer(...sessionHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  received.length = 0;
});
afterAll(() => server.close());

describe('PlugboardSession', () => {
  const session = new PlugboardSession({ baseUrl: BASE, token: TOKEN });

  it('reads its session, cards and connections, unwrapping lists', async () => {
    expect(await session.info()).toEqual({ tenantId: 'acme' });
    expect(await session.connectors.list()).toEqual([{ id: 'ctr_1', slug: 'stripe' }]);
    expect(await session.connections.list()).toEqual([{ id: 'cxn_1' }]);
  });

  it('reads everything the first paint needs in one request', async () => {
    expect(await session.bootstrap()).toEqual({
      session: { tenantId: 'acme' },
      connectors: [{ id: 'ctr_1', slug: 'stripe' }],
    });
    expect(received.at(-1)).toMatchObject({ method: 'GET', path: '/v1/session/bootstrap' });
  });

  it('creates and deletes connections', async () => {
    const body = { connector: 'stripe', credentials: { token: 'rk_test' } };
    expect(await session.connections.create(body)).toEqual({ id: 'cxn_2' });
    expect(received.at(-1)).toMatchObject({ method: 'POST', path: '/v1/session/connections', body });
    expect(await session.connections.delete('cxn_2')).toBeUndefined();
    expect(received.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/session/connections/cxn_2' });
  });

  it('starts an OAuth flow and reads where it stands', async () => {
    const started = await session.oauth.start({ connector: 'acme', returnOrigin: 'https://app.example' });
    expect(started.authorizationUrl).toBe('https://p/a');
    expect(received.at(-1)).toMatchObject({ method: 'POST', path: '/v1/session/oauth/flows' });
    expect(await session.oauth.get('flw_1')).toEqual({ id: 'flw_1', status: 'pending' });
    expect(received.at(-1)).toMatchObject({ method: 'GET', path: '/v1/session/oauth/flows/flw_1' });
  });

  it('fetches a token first when it has none', async () => {
    const fetchToken = vi.fn(async () => TOKEN);
    await new PlugboardSession({ baseUrl: BASE, fetchToken }).connectors.list();
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('renews an expired session once and retries, sharing one renewal between concurrent calls', async () => {
    server.use(...sessionHandlers('pb_cs_fresh'));
    server.use(
      http.get(`${BASE}/v1/session/connectors`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer pb_cs_fresh'
          ? undefined
          : errorResponse(401, 'session_expired', 'The connect session has expired'),
      ),
    );
    const fetchToken = vi.fn(async () => 'pb_cs_fresh');
    const renewing = new PlugboardSession({ baseUrl: BASE, token: 'pb_cs_stale', fetchToken });
    const results = await Promise.all([
      renewing.connectors.list(),
      renewing.connectors.list(),
      renewing.connectors.list(),
    ]);
    expect(results.every((cards) => cards[0]?.slug === 'stripe')).toBe(true);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('gives up with SessionExpiredError when the new token is refused too', async () => {
    server.use(http.get(`${BASE}/v1/session/connectors`, () => errorResponse(401, 'session_expired', 'Expired')));
    const fetchToken = vi.fn(async () => 'pb_cs_also_expired');
    const expiring = new PlugboardSession({ baseUrl: BASE, token: 'pb_cs_old', fetchToken });
    await expect(expiring.connectors.list()).rejects.toBeInstanceOf(SessionExpiredError);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('does not retry without a way to renew', async () => {
    server.use(http.get(`${BASE}/v1/session/connectors`, () => errorResponse(401, 'session_expired', 'Expired')));
    await expect(new PlugboardSession({ baseUrl: BASE, token: 'pb_cs_old' }).connectors.list()).rejects.toMatchObject({
      code: 'session_expired',
    });
  });

  it('needs a token or a way to get one', () => {
    expect(() => new PlugboardSession({ baseUrl: BASE })).toThrow(/token/);
  });
});
