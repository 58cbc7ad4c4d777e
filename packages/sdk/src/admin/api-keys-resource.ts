import type { ApiKey, ApiKeyCreate, CreatedApiKey, Page } from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './admin-send.js';

/** Secret keys of the organization. */
export class ApiKeysResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists keys without their secrets. */
  list(): Promise<Page<ApiKey>> {
    return this.send({ method: 'GET', path: 'api-keys' });
  }
  /** Creates a key; `secret` in the result is the only copy. */
  create(body: ApiKeyCreate): Promise<CreatedApiKey> {
    return this.send({ method: 'POST', path: 'api-keys', body });
  }
  /** Revokes a key (not the one in use). */
  revoke(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `api-keys/${segment(id)}` });
  }
}
