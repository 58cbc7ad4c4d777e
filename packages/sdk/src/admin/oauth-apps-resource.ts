import type { OAuthApp, OAuthAppCreate, OAuthAppUpdate, Page } from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './admin-send.js';

/** Managed OAuth apps: client credentials registered once, usable by any connector of the organization. */
export class OAuthAppsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists apps (never their secrets) with the connectors that use each. */
  list(): Promise<Page<OAuthApp>> {
    return this.send({ method: 'GET', path: 'oauth-apps' });
  }
  /** Registers an app; the secret is stored encrypted and never returned. */
  create(body: OAuthAppCreate): Promise<OAuthApp> {
    return this.send({ method: 'POST', path: 'oauth-apps', body });
  }
  /** Changes an app's client ID, secret or default scopes. */
  update(id: string, body: OAuthAppUpdate): Promise<OAuthApp> {
    return this.send({ method: 'PATCH', path: `oauth-apps/${segment(id)}`, body });
  }
  /** Removes an app no connector uses. */
  delete(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `oauth-apps/${segment(id)}` });
  }
}
