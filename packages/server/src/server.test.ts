import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { startServer } from './server.js';
import { createLatch } from './test/latch.js';

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

/** An app whose `/slow` answers only when the test says so; `entered` resolves once a request is inside it. */
function slowApp() {
  const entered = createLatch();
  const released = createLatch();
  const app = new Hono().get('/slow', async (c) => {
    entered.open();
    await released.opened;
    return c.text('finished');
  });
  return { app, entered: entered.opened, release: released.open };
}

describe('RunningServer.shutdown', () => {
  it('stops accepting connections but lets a request in flight finish, then resolves', async () => {
    const { app, entered, release } = slowApp();
    const server = await startServer(app, { port: 0 });
    const inFlight = fetch(`${server.url}/slow`);
    await entered;
    let stopped = false;
    const shutdown = server.shutdown(60_000).then(() => {
      stopped = true;
    });
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow();
    expect(stopped).toBe(false);
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    await shutdown;
    expect(stopped).toBe(true);
  });

  it('cuts a request still in flight when the grace period ends', async () => {
    const { app, entered, release } = slowApp();
    const server = await startServer(app, { port: 0 });
    const inFlight = fetch(`${server.url}/slow`);
    await entered;
    await server.shutdown(1);
    await expect(inFlight).rejects.toThrow();
    release();
  });
});
