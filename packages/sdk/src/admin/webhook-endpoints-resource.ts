import type { CreatedWebhookEndpoint, Page, WebhookEndpoint, WebhookEndpointCreate } from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './admin-send.js';

/** Your endpoints that receive events (connection lifecycle and third-party events), signed. */
export class WebhookEndpointsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists endpoints, without their secrets. */
  list(): Promise<Page<WebhookEndpoint>> {
    return this.send({ method: 'GET', path: 'webhook-endpoints' });
  }
  /**
   * Adds an endpoint. Keep `signingSecret` from the result: it is shown only this once, and
   * {@link verifyWebhook} needs it.
   * @throws ValidationError with code `egress_blocked` when the URL points at an internal address
   * @example
   * ```ts
   * const { signingSecret } = await plugboard.webhookEndpoints.create({ url: 'https://api.example.com/plugboard' });
   * ```
   */
  create(body: WebhookEndpointCreate): Promise<CreatedWebhookEndpoint> {
    return this.send({ method: 'POST', path: 'webhook-endpoints', body });
  }
  /** Removes an endpoint with its deliveries. */
  delete(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `webhook-endpoints/${segment(id)}` });
  }
}
