import type { ConnectLinkCreate, ConnectLinkInfo, CreatedConnectLink, Page } from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './resources.js';

/**
 * Connect links: a page on your Plugboard server where an end user connects apps, for when you have no page of
 * your own to embed the widget in (an email, a chat with an AI agent, a support ticket).
 */
export class ConnectLinksResource {
  constructor(private readonly send: AdminSend) {}
  /**
   * Mints a link for one tenant and end user. Hand `url` to that end user only: it carries the link's token.
   * It lives 7 days unless `ttlSeconds` says otherwise (at most 30 days) and opens at most 5 times.
   * @throws ValidationError when `returnUrl` is not on the organization's allowed origins
   * @throws NotFoundError for an unknown connector slug
   * @example
   * ```ts
   * const { url } = await plugboard.connectLinks.create({
   *   tenantId: 'customer-42',
   *   endUserId: 'user-7',
   *   connectors: ['github'],
   *   returnUrl: 'https://app.example.com/settings/integrations',
   * });
   * ```
   */
  create(body: ConnectLinkCreate): Promise<CreatedConnectLink> {
    return this.send({ method: 'POST', path: 'connect-links', body });
  }
  /** Lists links, newest first, with how often each was opened; never their URLs. */
  list(query: { limit?: number; cursor?: string } = {}): Promise<Page<ConnectLinkInfo>> {
    return this.send({ method: 'GET', path: 'connect-links', query: { ...query } });
  }
  /** Revokes a link at once; its page then says it was cancelled. */
  revoke(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `connect-links/${segment(id)}` });
  }
}
