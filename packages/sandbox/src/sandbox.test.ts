import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox.js';

const ISSUER = 'http://sandbox.test';
const CALLBACK = 'http://plugboard.test/v1/oauth/callback';
const client = { clientId: 'plugboard', clientSecret: 'sandbox-secret', redirectUris: [CALLBACK] };
const basic = `Basic ${Buffer.from('plugboard:sandbox-secret').toString('base64')}`;

let sandbox: Sandbox;
let clock: number;
beforeEach(() => {
  clock = Date.parse('2026-01-01T00:00:00Z');
  sandbox = createSandbox({
    issuer: ISSUER,
    clients: [client],
    now: () => clock,
    crossOriginOpenerPolicy: 'same-origin',
  });
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

async function authorize(verifier: string, decision = 'approve') {
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = {
    client_id: 'plugboard',
    redirect_uri: CALLBACK,
    state: 'st4te',
    scope: 'contacts',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  const page = await sandbox.app.request(`/oauth/authorize?${form({ ...query, response_type: 'code' })}`);
  expect(page.status).toBe(200);
  const response = await sandbox.app.request('/oauth/authorize', {
    method: 'POST',
    headers: formHeaders,
    body: form({ ...query, username: 'demo', password: 'demo', decision }),
  });
  return new URL(response.headers.get('location') ?? '');
}

async function token(fields: Record<string, string>, authorization = basic) {
  const response = await sandbox.app.request('/oauth/token', {
    method: 'POST',
    headers: { ...formHeaders, authorization },
    body: form(fields),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

async function exchange(verifier = randomBytes(32).toString('base64url')) {
  const location = await authorize(verifier);
  return token({
    grant_type: 'authorization_code',
    code: location.searchParams.get('code') ?? '',
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  });
}

describe('Acme Sandbox', () => {
  it('shows a self-contained consent page with the configured COOP header', async () => {
    const response = await sandbox.app.request(
      `/oauth/authorize?${form({ client_id: 'plugboard', redirect_uri: CALLBACK, response_type: 'code' })}`,
    );
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(await response.text()).not.toMatch(/(src|href)="https?:/);
  });

  it('refuses an unknown redirect URI without redirecting', async () => {
    const response = await sandbox.app.request(
      `/oauth/authorize?${form({ client_id: 'plugboard', redirect_uri: `${CALLBACK}/`, response_type: 'code' })}`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('returns code, state and iss, and exchanges the code once with the right verifier', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const location = await authorize(verifier);
    expect(location.searchParams.get('state')).toBe('st4te');
    expect(location.searchParams.get('iss')).toBe(ISSUER);
    const code = location.searchParams.get('code') ?? '';
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CALLBACK,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    // A failed attempt spends the code too.
    const retry = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    expect(retry.json.error).toBe('invalid_grant');
    const fresh = await exchange();
    expect(fresh.json).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: 'contacts' });
  });

  it('reports a denied consent as access_denied', async () => {
    const location = await authorize('v'.repeat(43), 'deny');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('serves the API with a valid token until it expires', async () => {
    const { json } = await exchange();
    const me = await sandbox.app.request('/api/me', { headers: { authorization: `Bearer ${json.access_token}` } });
    expect(await me.json()).toEqual({ username: 'demo', name: 'Demo User' });
    clock += 61_000;
    const expired = await sandbox.app.request('/api/me', { headers: { authorization: `Bearer ${json.access_token}` } });
    expect(expired.status).toBe(401);
  });

  it('rotates refresh tokens and revokes the family when a spent one is reused', async () => {
    const first = (await exchange()).json;
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    const reuse = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reuse.json.error).toBe('invalid_grant');
    const afterReuse = await token({ grant_type: 'refresh_token', refresh_token: second.json.refresh_token });
    expect(afterReuse.json.error).toBe('invalid_grant');
    expect(sandbox.tokens.calls.refresh_token).toBe(3);
  });

  it('answers invalid_grant after the user revokes access, and invalid_client for a wrong secret', async () => {
    const { json } = await exchange();
    sandbox.tokens.revokeUser('demo');
    expect((await token({ grant_type: 'refresh_token', refresh_token: json.refresh_token })).json.error).toBe(
      'invalid_grant',
    );
    const wrongSecret = `Basic ${Buffer.from('plugboard:nope').toString('base64')}`;
    const refused = await token({ grant_type: 'refresh_token', refresh_token: 'x' }, wrongSecret);
    expect(refused).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Acme Sandbox"');
  });

  it('accepts client_secret_post as well as Basic', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = (await authorize(verifier)).searchParams.get('code') ?? '';
    const response = await token(
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
        client_id: 'plugboard',
        client_secret: 'sandbox-secret',
      },
      '',
    );
    expect(response.status).toBe(200);
  });
});

describe('password login', () => {
  it('exchanges account, username and password for a session token that opens the API', async () => {
    const login = (body: object) =>
      sandbox.app.request('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await login({ account: 'nope', username: 'demo', password: 'demo' })).status).toBe(404);
    expect((await login({ account: 'acme', username: 'demo', password: 'wrong' })).status).toBe(401);
    const { session_token: token } = await (
      await login({ account: 'acme', username: 'demo', password: 'demo' })
    ).json();
    const me = await sandbox.app.request('/api/me', { headers: { authorization: `Session ${token}` } });
    expect(await me.json()).toEqual({ username: 'demo', name: 'Demo User' });
  });
});

describe('the API', () => {
  const sessionToken = async () => {
    const login = await sandbox.app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'acme', username: 'demo', password: 'demo' }),
    });
    return `Session ${((await login.json()) as { session_token: string }).session_token}`;
  };

  it('reads one contact, creates one, and answers 404 and 422 for unknown ids and missing names', async () => {
    const authorization = await sessionToken();
    expect(await (await sandbox.app.request('/api/contacts/c_2', { headers: { authorization } })).json()).toMatchObject(
      {
        name: 'Grace Hopper',
      },
    );
    expect((await sandbox.app.request('/api/contacts/c_9', { headers: { authorization } })).status).toBe(404);
    const create = (body: object) =>
      sandbox.app.request('/api/contacts', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await create({ name: 'Katherine Johnson' })).status).toBe(201);
    expect((await create({})).status).toBe(422);
  });

  it('refuses a valid bearer token while rejectAccessTokens counts down', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = (await authorize(verifier)).searchParams.get('code') ?? '';
    const token = await sandbox.app.request('/oauth/token', {
      method: 'POST',
      headers: { ...formHeaders, authorization: basic },
      body: form({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier }),
    });
    const authorization = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;
    sandbox.faults.rejectAccessTokens = 1;
    expect((await sandbox.app.request('/api/me', { headers: { authorization } })).status).toBe(401);
    expect((await sandbox.app.request('/api/me', { headers: { authorization } })).status).toBe(200);
  });

  it('opens /keyed with the API key in a header or the query, and only with it', async () => {
    expect((await sandbox.app.request('/keyed/status')).status).toBe(401);
    expect((await sandbox.app.request('/keyed/status', { headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
    const byHeader = await sandbox.app.request('/keyed/status', { headers: { 'x-api-key': 'sbx_key_demo_4f2a9c' } });
    expect(await byHeader.json()).toEqual({ ok: true, plan: 'sandbox' });
    expect((await sandbox.app.request('/keyed/invoices?api_key=sbx_key_demo_4f2a9c')).status).toBe(200);
  });
});
