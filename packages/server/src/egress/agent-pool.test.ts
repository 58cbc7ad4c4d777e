import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EgressBlockedError } from './egress-error.js';
import { createEgressPolicy, type Resolver } from './egress-policy.js';
import { sendOutbound } from './send-outbound.js';

/** A loopback server that records, for each request, its Host header and the client port it came from. */
async function socketRecorder() {
  const seen: { host: string; clientPort: number }[] = [];
  const server = createServer((req, res) => {
    seen.push({ host: req.headers.host ?? '', clientPort: req.socket.remotePort ?? 0 });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let api: Awaited<ReturnType<typeof socketRecorder>>;
beforeAll(async () => {
  api = await socketRecorder();
});
afterAll(() => api.close());
beforeEach(() => {
  api.seen.length = 0;
});

/** A policy that lets the loopback server's address through, by address, whatever name resolves to it. */
const policyWith = (resolve: Resolver) => createEgressPolicy({ allowHosts: [`127.0.0.1:${api.port}`], resolve });
const get = (host: string) => ({ method: 'GET', url: new URL(`http://${host}:${api.port}/`) });

describe('pooled outbound sockets', () => {
  it("reuses one keep-alive socket for a host's requests one after another", async () => {
    const policy = policyWith(async () => ['127.0.0.1']);
    for (let n = 0; n < 3; n++) await sendOutbound(policy, get('api.test'));
    expect(new Set(api.seen.map((request) => request.clientPort)).size).toBe(1);
    expect(api.seen).toHaveLength(3);
  });

  it('never hands a pooled socket to another host, even one at the same address', async () => {
    const policy = policyWith(async () => ['127.0.0.1']);
    await sendOutbound(policy, get('a.test'));
    await sendOutbound(policy, get('b.test'));
    await sendOutbound(policy, get('a.test'));
    const [a1, b, a2] = api.seen;
    expect([a1?.host, b?.host, a2?.host]).toEqual([`a.test:${api.port}`, `b.test:${api.port}`, `a.test:${api.port}`]);
    expect(b?.clientPort).not.toBe(a1?.clientPort);
    expect(a2?.clientPort).toBe(a1?.clientPort);
  });

  it('checks the DNS answer again while a socket is pooled: a change to a private address is refused', async () => {
    const answers = [['127.0.0.1'], ['10.0.0.7'], ['169.254.169.254']];
    const policy = policyWith(async () => answers.shift() ?? []);
    await sendOutbound(policy, get('rebind.test'));
    expect(policy.agents.size).toBe(1);
    for (const _ of [1, 2]) {
      const refused = await sendOutbound(policy, get('rebind.test')).catch((error: unknown) => error);
      expect(EgressBlockedError.is(refused)).toBe(true);
    }
    expect(api.seen).toHaveLength(1);
  });

  it('keeps one agent per host and address set, and closes the idle ones past the limit', async () => {
    const policy = createEgressPolicy({
      allowHosts: [`127.0.0.1:${api.port}`],
      resolve: async () => ['127.0.0.1'],
      pool: { maxAgents: 2 },
    });
    for (const host of ['a.test', 'b.test', 'c.test', 'c.test']) await sendOutbound(policy, get(host));
    expect(policy.agents.size).toBe(2);
    // a.test's agent was closed: its next request opens a new socket.
    await sendOutbound(policy, get('a.test'));
    const ports = api.seen.map((request) => request.clientPort);
    expect(ports[4]).not.toBe(ports[0]);
    expect(ports[3]).toBe(ports[2]);
  });
});
