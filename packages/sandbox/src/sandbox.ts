import { Hono } from 'hono';
import { type AuthorizeRequest, consentPage } from './consent-page.js';
import type { SandboxClient, SandboxOptions } from './options.js';
import { GrantError, TokenStore } from './token-store.js';

const AUTHORIZE_FIELDS = [
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
] as const;

function pick(source: Record<string, unknown>): AuthorizeRequest {
  return Object.fromEntries(
    AUTHORIZE_FIELDS.map((field) => [field, String(source[field] ?? '')]),
  ) as unknown as AuthorizeRequest;
}

function redirectWith(target: string, params: Record<string, string>) {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.toString();
}

/** Client authentication at the token endpoint: HTTP Basic or client_secret_post. */
function clientFrom(header: string | undefined, form: Record<string, string>, clients: SandboxClient[]) {
  let id = form.client_id;
  let secret = form.client_secret;
  if (header?.startsWith('Basic ')) {
    const [user, pass] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    id = decodeURIComponent(user ?? '');
    secret = decodeURIComponent(pass ?? '');
  }
  const client = clients.find((candidate) => candidate.clientId === id);
  if (!client || client.clientSecret !== secret) throw new GrantError('invalid_client', 'Client authentication failed');
  return client;
}

const CONTACTS = [
  { id: 'c_1', name: 'Ada Lovelace', email: 'ada@example.com' },
  { id: 'c_2', name: 'Grace Hopper', email: 'grace@example.com' },
];

/**
 * A local OAuth 2.0 provider ("Acme Sandbox") with a small protected API, as a user would meet a real one:
 * a sign-in and consent page, codes bound to PKCE, short-lived access tokens, rotating refresh tokens with
 * reuse detection, revocation, and an optional `Cross-Origin-Opener-Policy` on its pages.
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({ issuer: 'http://127.0.0.1:4401', clients: [{ clientId: 'plugboard', clientSecret: 's', redirectUris: [callback] }] });
 * serve({ fetch: sandbox.app.fetch, port: 4401 });
 * ```
 */
export function createSandbox(options: SandboxOptions) {
  const now = options.now ?? Date.now;
  const users = options.users ?? [{ username: 'demo', password: 'demo', name: 'Demo User' }];
  const tokens = new TokenStore(now, options.accessTokenTtl ?? 60, {
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
    omitExpiresIn: options.omitExpiresIn ?? false,
  });
  /** Faults to inject: the next N token requests answer 503, as a provider having a bad minute. */
  // Counters a test sets to make the next answers fail: the token endpoint with 503, the API with 401.
  const faults = { tokenEndpointUnavailable: 0, rejectAccessTokens: 0 };
  const app = new Hono<{ Variables: { username: string } }>();

  const clientFor = (request: AuthorizeRequest) => {
    const client = options.clients.find((candidate) => candidate.clientId === request.client_id);
    return client?.redirectUris.includes(request.redirect_uri) ? client : undefined;
  };

  app.get('/oauth/authorize', (c) => {
    const request = pick(c.req.query());
    // Without a known client and an exact redirect URI, redirecting would make the sandbox an open redirector.
    if (!clientFor(request)) return c.text('Unknown client_id or redirect_uri', 400);
    if (c.req.query('response_type') !== 'code') {
      return c.redirect(
        redirectWith(request.redirect_uri, { error: 'unsupported_response_type', state: request.state }),
      );
    }
    if (request.code_challenge && request.code_challenge_method !== 'S256') {
      return c.redirect(redirectWith(request.redirect_uri, { error: 'invalid_request', state: request.state }));
    }
    if (options.crossOriginOpenerPolicy) c.header('Cross-Origin-Opener-Policy', options.crossOriginOpenerPolicy);
    c.header('Cache-Control', 'no-store');
    return c.html(consentPage(request));
  });

  app.post('/oauth/authorize', async (c) => {
    const form = (await c.req.parseBody()) as Record<string, string>;
    const request = pick(form);
    if (!clientFor(request)) return c.text('Unknown client_id or redirect_uri', 400);
    if (form.decision !== 'approve') {
      return c.redirect(
        redirectWith(request.redirect_uri, { error: 'access_denied', state: request.state, iss: options.issuer }),
      );
    }
    const user = users.find(
      (candidate) => candidate.username === form.username && candidate.password === form.password,
    );
    if (!user) return c.html(consentPage(request, 'Wrong username or password'), 401);
    const code = tokens.issueCode({
      clientId: request.client_id,
      username: user.username,
      scope: request.scope,
      redirectUri: request.redirect_uri,
      codeChallenge: request.code_challenge || undefined,
    });
    return c.redirect(redirectWith(request.redirect_uri, { code, state: request.state, iss: options.issuer }));
  });

  app.post('/oauth/token', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (faults.tokenEndpointUnavailable > 0) {
      faults.tokenEndpointUnavailable--;
      return c.json({ error: 'temporarily_unavailable' }, 503);
    }
    try {
      const form = (await c.req.parseBody()) as Record<string, string>;
      const client = clientFrom(c.req.header('authorization'), form, options.clients);
      if (form.grant_type === 'authorization_code') {
        return c.json(tokens.redeemCode(form.code ?? '', client.clientId, form.redirect_uri ?? '', form.code_verifier));
      }
      if (form.grant_type === 'refresh_token') return c.json(tokens.refresh(form.refresh_token ?? '', client.clientId));
      throw new GrantError('unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
    } catch (error) {
      if (!(error instanceof GrantError)) throw error;
      // RFC 6749 section 5.2: a client that authenticated with an Authorization header gets a challenge for that
      // scheme with its 401, as certified servers send it.
      if (error.error === 'invalid_client' && c.req.header('authorization')) {
        c.header('WWW-Authenticate', 'Basic realm="Acme Sandbox"');
      }
      return c.json(
        { error: error.error, error_description: error.message },
        error.error === 'invalid_client' ? 401 : 400,
      );
    }
  });

  app.post('/oauth/revoke', async (c) => {
    const form = (await c.req.parseBody()) as Record<string, string>;
    try {
      clientFrom(c.req.header('authorization'), form, options.clients);
    } catch {
      return c.json({ error: 'invalid_client' }, 401);
    }
    tokens.revoke(form.token ?? '');
    return c.body(null, 200);
  });

  // A password login for custom auth: account + username + password in, a session token out.
  app.post('/auth/login', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    if (body.account !== 'acme') return c.json({ error: 'unknown_account' }, 404);
    const user = users.find(
      (candidate) => candidate.username === body.username && candidate.password === body.password,
    );
    if (!user) return c.json({ error: 'invalid_credentials' }, 401);
    return c.json({ session_token: tokens.issueSession(user.username) });
  });

  app.use('/api/*', async (c, next) => {
    const [, scheme, token] = /^(Bearer|Session) (\S+)$/.exec(c.req.header('authorization') ?? '') ?? [];
    const grant = token
      ? scheme === 'Session'
        ? tokens.authenticateSession(token)
        : tokens.authenticate(token)
      : undefined;
    const rejected = faults.rejectAccessTokens > 0 && scheme === 'Bearer';
    if (rejected) faults.rejectAccessTokens--;
    if (!grant || rejected) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return c.json({ error: 'invalid_token' }, 401);
    }
    c.set('username', grant.username);
    await next();
  });

  app.get('/api/me', (c) => {
    const username = c.get('username');
    const user = users.find((candidate) => candidate.username === username);
    return c.json({ username, name: user?.name ?? username });
  });

  app.get('/api/contacts', (c) => c.json({ data: CONTACTS }));

  app.get('/api/contacts/:id', (c) => {
    const contact = CONTACTS.find((candidate) => candidate.id === c.req.param('id'));
    return contact ? c.json(contact) : c.json({ error: 'not_found' }, 404);
  });

  app.post('/api/contacts', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    if (typeof body.name !== 'string' || body.name === '') return c.json({ error: 'name_required' }, 422);
    const email = typeof body.email === 'string' ? body.email : null;
    return c.json({ id: `c_${CONTACTS.length + 1}`, name: body.name, email }, 201);
  });

  // A second API, protected by an API key instead of a token.
  const apiKeys = new Set(options.apiKeys ?? ['sbx_key_demo_4f2a9c']);
  app.use('/keyed/*', async (c, next) => {
    const key = c.req.header('x-api-key') ?? c.req.query('api_key');
    if (!key || !apiKeys.has(key)) return c.json({ error: 'invalid_api_key' }, 401);
    await next();
  });

  app.get('/keyed/status', (c) => c.json({ ok: true, plan: 'sandbox' }));

  app.get('/keyed/invoices', (c) =>
    c.json({ data: [{ id: 'inv_1', amount: 4200, currency: 'EUR', status: c.req.query('status') ?? 'open' }] }),
  );

  return { app, tokens, options, faults };
}

/** A running sandbox's parts. */
export type Sandbox = ReturnType<typeof createSandbox>;
