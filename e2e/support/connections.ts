import { expect } from 'vitest';
import type { RunningDemo } from './demo.js';

/** The demo tenant's Acme CRM connections as the server holds them, read with the secret key. */
export async function serverConnections(demo: RunningDemo) {
  const response = await fetch(`${demo.url}/v1/connections?tenantId=globex&limit=200`, {
    headers: { authorization: `Bearer ${demo.secretKey}` },
  });
  const { data } = (await response.json()) as { data: { id: string; connectorSlug: string; status: string }[] };
  return data.filter((connection) => connection.connectorSlug === 'acme-crm');
}

/** Makes the provider refuse one connection's grant; the next API call through it marks it needs_reauth. */
export async function breakConnection(demo: RunningDemo, connectionId: string) {
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${demo.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${demo.secretKey}`, 'content-type': 'application/json' },
    });
  const { credentials } = (await (await api(`/v1/connections/${connectionId}/credentials`)).json()) as {
    credentials: { accessToken: string };
  };
  demo.sandbox.tokens.revoke(credentials.accessToken);
  const body = JSON.stringify({ connectionId, method: 'GET', path: '/me' });
  await api('/v1/proxy', { method: 'POST', body });
  const broken = (await serverConnections(demo)).find((connection) => connection.id === connectionId);
  expect(broken?.status).toBe('needs_reauth');
}
