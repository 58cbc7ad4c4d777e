import type {
  ActionTestResult,
  ActionTestRun,
  Connector,
  ConnectorAction,
  ConnectorCreate,
  ConnectorUpdate,
  Page,
} from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './admin-send.js';
import { pages } from './paging.js';

/** Filters and paging of `connectors.list`. */
export interface ConnectorListQuery {
  /** `own`: this organization's; `public`: others' public ones; `all` (default): both. */
  scope?: 'own' | 'public' | 'all';
  limit?: number;
  cursor?: string;
}

/** Connectors: integration definitions. */
export class ConnectorsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists one page of connectors. */
  list(query: ConnectorListQuery = {}): Promise<Page<Connector>> {
    return this.send({ method: 'GET', path: 'connectors', query: { ...query } });
  }
  /** Iterates over every connector, page by page. */
  listAll(query: Omit<ConnectorListQuery, 'cursor'> = {}): AsyncGenerator<Connector> {
    return pages((cursor) => this.list({ ...query, ...(cursor ? { cursor } : {}) }));
  }
  /** Gets a connector by id or slug. */
  get(idOrSlug: string): Promise<Connector> {
    return this.send({ method: 'GET', path: `connectors/${segment(idOrSlug)}` });
  }
  /** Creates a connector; the slug is generated from the name unless given. */
  create(body: ConnectorCreate): Promise<Connector> {
    return this.send({ method: 'POST', path: 'connectors', body });
  }
  /** Changes a connector the organization owns. */
  update(idOrSlug: string, body: ConnectorUpdate): Promise<Connector> {
    return this.send({ method: 'PATCH', path: `connectors/${segment(idOrSlug)}`, body });
  }
  /** Deletes a connector and all its connections. */
  delete(idOrSlug: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `connectors/${segment(idOrSlug)}` });
  }
  /**
   * A connector's actions, each with your organization's last test (`lastTest`, null before the first).
   *
   * @example
   * ```ts
   * const { data } = await plugboard.connectors.actions('acme-crm');
   * ```
   */
  actions(idOrSlug: string): Promise<{ data: ConnectorAction[] }> {
    return this.send({ method: 'GET', path: `connectors/${segment(idOrSlug)}/actions` });
  }
  /**
   * Runs one action with a connection of the connector and keeps the outcome as the action's last test.
   * @throws ValidationError with code `validation_failed` for input the action's schema refuses
   * @example
   * ```ts
   * const test = await plugboard.connectors.testAction('acme-crm', 'me', { connectionId: 'cxn_1' });
   * console.log(test.passed, test.result.status);
   * ```
   */
  testAction(idOrSlug: string, key: string, body: ActionTestRun): Promise<ActionTestResult> {
    return this.send({
      method: 'POST',
      path: `connectors/${segment(idOrSlug)}/actions/${segment(key)}/test`,
      body,
    });
  }
}
