import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlugboardAdmin } from '../admin/plugboard-admin.js';
import { BASE, errorResponse, SECRET_KEY } from '../test/mock-api.js';
import { AuthenticationError } from './authentication-error.js';
import { ConflictError } from './conflict-error.js';
import { NetworkError } from './network-error.js';
import { NotFoundError } from './not-found-error.js';
import { PermissionError } from './permission-error.js';
import { PlugboardApiError } from './plugboard-api-error.js';
import { isPlugboardError, PlugboardError } from './plugboard-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServerError } from './server-error.js';
import { SessionExpiredError } from './session-expired-error.js';
import { TimeoutError } from './timeout-error.js';
import { ValidationError } from './validation-error.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const admin = new PlugboardAdmin({ baseUrl: BASE, secretKey: SECRET_KEY, timeout: 200 });

function answer(response: () => Response | Promise<Response>) {
  server.use(http.get(`${BASE}/v1/organization`, response));
  return admin.organization.get().then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('errors', () => {
  it.each([
    [400, 'validation_failed', ValidationError],
    [413, 'payload_too_large', ValidationError],
    [415, 'unsupported_media_type', ValidationError],
    [401, 'unauthenticated', AuthenticationError],
    [401, 'session_expired', SessionExpiredError],
    [403, 'origin_not_allowed', PermissionError],
    [404, 'not_found', NotFoundError],
    [409, 'slug_taken', ConflictError],
    [429, 'rate_limited', RateLimitError],
    [500, 'internal_error', ServerError],
    [503, 'internal_error', ServerError],
  ])('maps %i %s to %s', async (status, code, ErrorClass) => {
    const error = await answer(() => errorResponse(status, code, 'Told by the API'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(PlugboardApiError);
    expect(error).toMatchObject({ status, code, apiMessage: 'Told by the API', request: 'GET /v1/organization' });
    expect((error as Error).message).toBe(`GET /v1/organization failed (${status} ${code}): Told by the API`);
    expect((error as Error).name).toBe(ErrorClass.name);
  });

  it('carries validation issues', async () => {
    const issues = [{ path: 'credentials.apiKey', message: 'Enter an API key' }];
    const error = (await answer(() =>
      errorResponse(400, 'validation_failed', 'Invalid', { issues }),
    )) as ValidationError;
    expect(error.issues).toEqual(issues);
    expect(error.details).toEqual({ issues });
  });

  it('reads Retry-After on rate limits', async () => {
    const error = (await answer(
      () =>
        new HttpResponse(JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down' } }), {
          status: 429,
          headers: { 'retry-after': '7', 'content-type': 'application/json' },
        }),
    )) as RateLimitError;
    expect(error.retryAfter).toBe(7);
  });

  it('still gives a ServerError with a useful message for an HTML error page', async () => {
    const error = await answer(() => new HttpResponse('<html>502 Bad Gateway</html>', { status: 502 }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain('502 Bad Gateway');
  });

  it('throws NetworkError, with the cause, when no answer comes', async () => {
    const error = await answer(() => HttpResponse.error());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network_error' });
    expect((error as Error).cause).toBeDefined();
  });

  it('sends a GET that got no answer again, and gets its data', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/organization`, () =>
        ++calls < 3 ? HttpResponse.error() : HttpResponse.json({ id: 'org_1', name: 'Acme' }),
      ),
    );
    await expect(admin.organization.get()).resolves.toMatchObject({ id: 'org_1' });
    expect(calls).toBe(3);
  });

  it('sends a GET again when a replica answers 503 during a deploy, after the Retry-After it asked for', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/organization`, () =>
        ++calls < 2
          ? new HttpResponse('restarting', { status: 503, headers: { 'retry-after': '0' } })
          : HttpResponse.json({ id: 'org_1', name: 'Acme' }),
      ),
    );
    await expect(admin.organization.get()).resolves.toMatchObject({ id: 'org_1' });
    expect(calls).toBe(2);
  });

  it('gives up on a GET after two more 502s, and never retries a write that got one', async () => {
    let gets = 0;
    let posts = 0;
    server.use(
      http.get(`${BASE}/v1/organization`, () => {
        gets++;
        return new HttpResponse('bad gateway', { status: 502, headers: { 'retry-after': '0' } });
      }),
      http.post(`${BASE}/v1/connect-sessions`, () => {
        posts++;
        return new HttpResponse('bad gateway', { status: 502 });
      }),
    );
    expect(await admin.organization.get().catch((caught) => caught)).toBeInstanceOf(ServerError);
    expect(gets).toBe(3);
    const error = await admin.connectSessions.create({ tenantId: 't', endUserId: 'u' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(posts).toBe(1);
  });

  it('never sends a write again after it got no answer, since it may have happened', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/v1/connect-sessions`, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const error = await admin.connectSessions.create({ tenantId: 't', endUserId: 'u' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(calls).toBe(1);
  });

  it('throws TimeoutError after the timeout', async () => {
    const error = await answer(
      () => new Promise<Response>((resolve) => setTimeout(() => resolve(HttpResponse.json({})), 1000)),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('200 ms');
  });

  it('recognises errors from another copy of the SDK', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('plugboard.error')]: true, code: 'not_found' });
    expect(isPlugboardError(foreign)).toBe(true);
    expect(isPlugboardError(new PlugboardError('timeout', 'x'))).toBe(true);
    expect(isPlugboardError(new Error('x'))).toBe(false);
    expect(isPlugboardError(null)).toBe(false);
  });
});
