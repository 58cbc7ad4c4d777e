import type {
  AdminConnection,
  ConnectionStatus,
  ConnectionTest,
  Connector,
  ConnectorCreate,
  ConnectorUpdate,
  ConnectSession,
  ConsoleAccount,
  OAuthApp,
  OAuthAppCreate,
  OAuthAppUpdate,
  Page,
  Tenant,
} from '@plugboard/shared';

import type {
  ActionTestResult,
  ConnectorAction,
  CreatedWebhookEndpoint,
  Delivery,
  DeliveryListQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
} from './contract.js';

export type { ConnectionTest, ConsoleAccount };

/** A connector as the console lists it, with `connectionCount`: how many connections a delete would remove. */
export type ConsoleConnector = Connector;

/** Filters and paging of the connections table. */
export interface ConnectionQuery {
  tenantId?: string;
  connector?: string;
  status?: ConnectionStatus;
  limit?: number;
  cursor?: string;
}

/**
 * The part of the SDK's `PlugboardConsole` the console uses. Components take this instead of the class,
 * so tests hand them an in-memory fake and no page knows how requests travel.
 */
export interface ConsoleClient {
  signIn(body: { email: string; password: string }): Promise<ConsoleAccount>;
  me(): Promise<ConsoleAccount>;
  signOut(): Promise<void>;
  /** A connect session for the signed-in member, so cards and auth flows run exactly as in the widget. */
  testSession(body?: { tenantId?: string }): Promise<ConnectSession>;
  connectors: {
    list(query?: { limit?: number; cursor?: string }): Promise<Page<ConsoleConnector>>;
    get(id: string): Promise<ConsoleConnector>;
    create(body: ConnectorCreate): Promise<Connector>;
    update(id: string, body: ConnectorUpdate): Promise<Connector>;
    delete(id: string): Promise<void>;
    /** The connector's actions, each with its last test result. */
    actions(id: string): Promise<{ data: ConnectorAction[] }>;
    /** Runs an action with a connection and stores the outcome as the action's last test. */
    testAction(
      id: string,
      key: string,
      body: { connectionId: string; input?: Record<string, unknown> },
    ): Promise<ActionTestResult>;
  };
  connections: {
    list(query?: ConnectionQuery): Promise<Page<AdminConnection>>;
    test(id: string): Promise<ConnectionTest>;
    delete(id: string): Promise<void>;
  };
  tenants: {
    list(query?: { limit?: number; cursor?: string }): Promise<Page<Tenant>>;
  };
  oauthApps: {
    list(): Promise<Page<OAuthApp>>;
    create(body: OAuthAppCreate): Promise<OAuthApp>;
    update(id: string, body: OAuthAppUpdate): Promise<OAuthApp>;
    delete(id: string): Promise<void>;
  };
  webhookEndpoints: {
    list(): Promise<{ data: WebhookEndpoint[] }>;
    create(body: WebhookEndpointCreate): Promise<CreatedWebhookEndpoint>;
    delete(id: string): Promise<void>;
  };
  deliveries: {
    list(query?: DeliveryListQuery): Promise<Page<Delivery>>;
    /** Queues the delivery again; answers the delivery as it now stands, or nothing. */
    resend(id: string): Promise<unknown>;
  };
}

/** The parts of `ConsoleClient` a server without issue 5's API lacks. */
export type PartialConsoleClient = Omit<ConsoleClient, 'connectors' | 'webhookEndpoints' | 'deliveries'> & {
  connectors: Omit<ConsoleClient['connectors'], 'actions' | 'testAction'> & Partial<ConsoleClient['connectors']>;
  webhookEndpoints?: Partial<ConsoleClient['webhookEndpoints']>;
  deliveries?: Partial<ConsoleClient['deliveries']>;
};

/** The error a missing SDK method throws: the pages show it as their error state. */
export const notAvailable = (what: string) =>
  Object.assign(new Error(`${what} is not available in this version of the SDK`), {
    code: 'not_available',
    apiMessage: `${what} is not available yet: this console was built with an SDK that lacks it.`,
  });

/**
 * Fills what an older SDK lacks with methods that fail with `not_available`, so the console builds and runs
 * against it and only the pages that need the new API say so.
 */
export function completeClient(base: PartialConsoleClient): ConsoleClient {
  const missing =
    (what: string) =>
    (..._args: unknown[]): Promise<never> =>
      Promise.reject(notAvailable(what));
  const pick = <T extends object, K extends keyof T>(source: Partial<T> | undefined, key: K, what: string): T[K] => {
    const found = source?.[key];
    return (typeof found === 'function' ? found.bind(source) : missing(what)) as T[K];
  };
  const connectors = base.connectors;
  return {
    signIn: (body) => base.signIn(body),
    me: () => base.me(),
    signOut: () => base.signOut(),
    testSession: (body) => base.testSession(body),
    connections: base.connections,
    tenants: base.tenants,
    oauthApps: base.oauthApps,
    connectors: {
      list: (query) => connectors.list(query),
      get: (id) => connectors.get(id),
      create: (body) => connectors.create(body),
      update: (id, body) => connectors.update(id, body),
      delete: (id) => connectors.delete(id),
      actions: pick<ConsoleClient['connectors'], 'actions'>(connectors, 'actions', 'Actions'),
      testAction: pick<ConsoleClient['connectors'], 'testAction'>(connectors, 'testAction', 'Testing actions'),
    },
    webhookEndpoints: {
      list: pick<ConsoleClient['webhookEndpoints'], 'list'>(base.webhookEndpoints, 'list', 'Webhook endpoints'),
      create: pick<ConsoleClient['webhookEndpoints'], 'create'>(base.webhookEndpoints, 'create', 'Webhook endpoints'),
      delete: pick<ConsoleClient['webhookEndpoints'], 'delete'>(base.webhookEndpoints, 'delete', 'Webhook endpoints'),
    },
    deliveries: {
      list: pick<ConsoleClient['deliveries'], 'list'>(base.deliveries, 'list', 'The delivery log'),
      resend: pick<ConsoleClient['deliveries'], 'resend'>(base.deliveries, 'resend', 'Resending deliveries'),
    },
  };
}
