import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type McpWorld, startMcpWorld } from '../test/mcp-world.js';

// Whatever a caller sends to /v1/mcp, it never gets a 500.
let world: McpWorld;
let token: string;
beforeAll(async () => {
  world = await startMcpWorld();
  token = (await world.mintToken()).token;
});
afterAll(() => world.close());

const send = (body: string, contentType = 'application/json', method = 'POST') =>
  fetch(`${world.server.url}/v1/mcp`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': contentType,
      accept: 'application/json, text/event-stream',
    },
    ...(method === 'POST' ? { body } : {}),
  });

describe('bad input to /v1/mcp', () => {
  it.each([
    ['a body that is not JSON', '{not json'],
    ['an empty body', ''],
    ['a JSON-RPC call to an unknown method', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'nope/nope' })],
    ['tools/call without a name', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: {} })],
    [
      'tools/call with arguments that are not an object',
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'acme-crm_list-contacts', arguments: 'x' },
      }),
    ],
    ['a batch of garbage', JSON.stringify([1, 2, 3])],
  ])('answers %s without a 500', async (_name, body) => {
    const response = await send(body);
    expect(response.status).toBeLessThan(500);
  });

  it('answers a body of another media type and a GET without a 500', async () => {
    expect((await send('hello', 'text/plain')).status).toBeLessThan(500);
    expect((await send('', 'application/json', 'GET')).status).toBeLessThan(500);
    expect((await send('', 'application/json', 'DELETE')).status).toBeLessThan(500);
  });

  it('answers a body over the size limit with 413 payload_too_large', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(70_000) } });
    const response = await send(big);
    expect(response.status).toBe(413);
  });
});
