import { describe, expect, it } from 'vitest';
import { completeClient, type PartialConsoleClient } from './console-client.js';
import { action, fakeConsole } from './test/fixtures.js';

describe('completeClient', () => {
  it('keeps the methods an SDK has and makes the missing ones fail with not_available', async () => {
    const { client } = fakeConsole({ actions: [action()] });
    const { webhookEndpoints: _endpoints, deliveries: _deliveries, ...older } = client;
    const complete = completeClient(older as PartialConsoleClient);
    expect((await complete.connectors.actions('ctr_sendgrid')).data[0]?.key).toBe('get-contact');
    await expect(complete.webhookEndpoints.list()).rejects.toMatchObject({ code: 'not_available' });
    await expect(complete.deliveries.resend('dlv_1')).rejects.toMatchObject({ code: 'not_available' });
  });
});
