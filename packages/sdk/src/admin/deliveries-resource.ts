import type { Delivery, DeliveryListQuery, Page } from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './admin-send.js';

/** The delivery log: each event sent to each endpoint, with its attempts. */
export class DeliveriesResource {
  constructor(private readonly send: AdminSend) {}
  /**
   * Lists deliveries, newest first, by endpoint and status.
   * @example
   * ```ts
   * const { data } = await plugboard.deliveries.list({ status: 'failed' });
   * ```
   */
  list(query: DeliveryListQuery = {}): Promise<Page<Delivery>> {
    return this.send({ method: 'GET', path: 'deliveries', query: { ...query } });
  }
  /** Sends a delivery's event to its endpoint again, as a new delivery. */
  resend(id: string): Promise<Delivery> {
    return this.send({ method: 'POST', path: `deliveries/${segment(id)}/resend` });
  }
}
