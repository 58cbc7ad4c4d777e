// The Acme Sandbox on loopback, and the end user's part of a sign-in played with fetch.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandbox, type Sandbox, type SandboxOptions } from '@plugboard/sandbox';
import { expect } from 'vitest';
import { ORIGIN, type TestContext } from './context.js';

export const PUBLIC_URL = 'http://localhost';
export const CALLBACK = `${PUBLIC_URL}/v1/oauth/callback`;
export const CLIENT_SECRET = 'sandbox-client-secret-4c1d';

/**
 * App options for tests against the sandbox on loopback: a fixed public URL, plain http, and the
 * sandbox's host on the egress allowlist (loopback is blocked otherwise).
 */
export const sandboxAppOptions = (sandboxUrl: string) => ({
  publicUrl: PUBLIC_URL,
  allowInsecureOAuthEndpoints: true,
  egressAllowHosts: [new URL(sandboxUrl).host],
});

/** A sandbox server whose behaviour each test can replace with `reset(options)`. */
export async function startSandboxServer() {
  let sandbox: Sandbox;
  let url = '';
  const close = await new Promise<() => void>((resolve) => {
    const server = serve(
      { fetch: (request) => sandbox.app.fetch(request), port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}`;
        resolve(() => server.close());
      },
    );
  });
  const reset = (options: Partial<SandboxOptions> = {}) => {
    sandbox = createSandbox({
      issuer: url,
      clients: [{ clientId: 'plugboard', clientSecret: CLIENT_SECRET, redirectUris: [CALLBACK] }],
      ...options,
    });
    return sandbox;
  };
  reset();
  return { url, reset, close };
}

/** The connector body of an OAuth connector that signs in with the sandbox. */
export const sandboxConnector = (url: string) => ({
  name: 'Acme CRM',
  authMethods: [
    {
      kind: 'oauth2' as const,
      authorizationUrl: `${url}/oauth/authorize`,
      tokenUrl: `${url}/oauth/token`,
      revocationUrl: `${url}/oauth/revoke`,
      issuer: url,
      scopes: ['contacts', 'profile'],
      authorizationParams: { prompt: 'consent' },
      clientId: 'plugboard',
      clientSecret: CLIENT_SECRET,
    },
  ],
});

/** Starts a flow through the API as the widget does. */
export async function startFlow(t: TestContext, token: string, body: Record<string, unknown> = {}) {
  const response = await t.request('POST', '/v1/session/oauth/flows', {
    key: token,
    body: { connector: 'acme-crm', returnOrigin: ORIGIN, ...body },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; authorizationUrl: string };
}

/** Plays the end user at the provider: opens the consent page and answers it. Returns the redirect back. */
export async function consent(sandboxUrl: string, authorizationUrl: string, decision: 'approve' | 'deny' = 'approve') {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  const fields = Object.fromEntries(new URL(authorizationUrl).searchParams);
  const answer = await fetch(`${sandboxUrl}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, username: 'demo', password: 'demo', decision }),
  });
  return new URL(answer.headers.get('location') ?? '');
}

/** Runs a whole sign-in and returns the new connection's id. */
export async function connectWithSandbox(t: TestContext, token: string, sandboxUrl: string) {
  const flow = await startFlow(t, token);
  const back = await consent(sandboxUrl, flow.authorizationUrl);
  expect((await t.request('GET', `${back.pathname}${back.search}`)).status).toBe(200);
  const status = await t.request('GET', `/v1/session/oauth/flows/${flow.id}`, { key: token });
  return status.json.connection.id as string;
}
