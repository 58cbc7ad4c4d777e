import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { startServer } from './server.js';

describe('startServer', () => {
  it('builds the app from its own listen URL when given a function, before serving anything', async () => {
    const seen: string[] = [];
    const server = await startServer(
      (url) => {
        seen.push(url);
        return new Hono().get('/whoami', (c) => c.text(url));
      },
      { port: 0 },
    );
    expect(seen).toEqual([server.url]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/whoami`, { headers: { 'x-forwarded-host': 'evil.example' } });
    expect(await response.text()).toBe(server.url);
    await server.close();
  });

  it('reports localhost, not the wildcard address, when it listens on every interface', async () => {
    const server = await startServer(new Hono(), { port: 0, hostname: '0.0.0.0' });
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    await server.close();
  });
});
