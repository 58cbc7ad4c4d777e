import type { Page, Tenant } from '@plugboard/shared';
import type { AdminSend } from './admin-send.js';

/** Tenants: the organization's customers. */
export class TenantsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists tenants with their connection counts. */
  list(query: { limit?: number; cursor?: string } = {}): Promise<Page<Tenant>> {
    return this.send({ method: 'GET', path: 'tenants', query: { ...query } });
  }
}
