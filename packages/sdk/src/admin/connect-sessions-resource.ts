import type { ConnectSession, ConnectSessionCreate } from '@plugboard/shared';
import type { AdminSend } from './admin-send.js';

/** Connect sessions: short-lived tokens for the widget. */
export class ConnectSessionsResource {
  constructor(private readonly send: AdminSend) {}
  /** Mints a session for one tenant and end user; hand `token` to the browser. */
  create(body: ConnectSessionCreate): Promise<ConnectSession> {
    return this.send({ method: 'POST', path: 'connect-sessions', body });
  }
}
