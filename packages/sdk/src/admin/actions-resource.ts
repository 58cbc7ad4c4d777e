import type { ActionResult, ActionRun, ProxyRequest } from '@plugboard/shared';
import type { AdminSend } from './admin-send.js';

/** Calls to third-party APIs with a connection's credentials, which never leave Plugboard. */
export class ActionsResource {
  constructor(private readonly send: AdminSend) {}
  /**
   * Runs a connector action: the input is checked against the action's schema, the connection's credentials
   * are added, and the third party's answer comes back (secrets masked in `request`).
   * @throws ValidationError (`validation_failed`, `egress_blocked`, `path_not_allowed`), PlugboardApiError
   * with `upstream_timeout` or `upstream_too_large`
   * @example
   * ```ts
   * const { status, body } = await plugboard.actions.run({ connectionId: 'cxn_1', action: 'get-contact', input: { id: 'c_1' } });
   * ```
   */
  run(body: ActionRun): Promise<ActionResult> {
    return this.send({ method: 'POST', path: 'actions/run', body });
  }
  /**
   * Sends any request to a path of the connection's connector API, with its credentials. The path cannot
   * leave the API (`//host`, `https://…` are refused with `path_not_allowed`).
   * @example
   * ```ts
   * await plugboard.actions.proxy({ connectionId: 'cxn_1', method: 'GET', path: '/contacts', query: { limit: 10 } });
   * ```
   */
  proxy(body: ProxyRequest): Promise<ActionResult> {
    return this.send({ method: 'POST', path: 'proxy', body });
  }
}
