import type { Organization, OrganizationUpdate } from '@plugboard/shared';
import type { AdminSend } from './admin-send.js';

/** The organization of the secret key. */
export class OrganizationResource {
  constructor(private readonly send: AdminSend) {}
  /** Gets the organization. */
  get(): Promise<Organization> {
    return this.send({ method: 'GET', path: 'organization' });
  }
  /** Renames it or replaces its allowed widget origins. */
  update(body: OrganizationUpdate): Promise<Organization> {
    return this.send({ method: 'PATCH', path: 'organization', body });
  }
}
