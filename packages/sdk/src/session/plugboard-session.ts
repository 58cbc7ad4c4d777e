import type {
  Connection,
  ConnectionCreate,
  ConnectorCard,
  OAuthFlow,
  OAuthFlowCreate,
  OAuthFlowStart,
  SessionBootstrap,
  SessionInfo,
} from '@plugboard/shared';
import { type ApiRequest, type ClientOptions, createSender, segment } from '../core/request.js';
import { AuthenticationError } from '../errors/authentication-error.js';

/** Options of {@link PlugboardSession}: a token, a way to get one, or both. */
export interface PlugboardSessionOptions extends ClientOptions {
  /** A connect session token, `pb_cs_…`, minted by your backend. */
  token?: string;
  /**
   * Gets a new token from your backend. Called when there is none yet and once whenever the
   * current one expires; concurrent calls share one fetch.
   */
  fetchToken?: () => Promise<string>;
}

/**
 * The browser client of one connect session: the connectors it may use and its tenant's connections.
 * This is what `<plugboard-connect>` runs on; use it directly to build your own UI.
 *
 * @example
 * ```ts
 * const session = new PlugboardSession({ baseUrl: 'https://plugboard.example.com', fetchToken: getTokenFromMyBackend });
 * const cards = await session.connectors.list();
 * await session.connections.create({ connector: 'stripe', credentials: { token: 'rk_live_…' } });
 * ```
 */
export class PlugboardSession {
  #token: string | undefined;
  #renewal: Promise<string> | undefined;
  readonly #send: ReturnType<typeof createSender>;
  readonly #fetchToken: (() => Promise<string>) | undefined;

  /** The session's connectors, as cards. */
  readonly connectors = {
    /** Lists the connectors the session may use, sorted by name, with the tenant's connection counts. */
    list: async (): Promise<ConnectorCard[]> =>
      (await this.#call<{ data: ConnectorCard[] }>({ method: 'GET', path: 'session/connectors' })).data,
  };

  /** The tenant's connections. Credentials go in; they never come back. */
  readonly connections = {
    /** Lists the tenant's connections. */
    list: async (): Promise<Connection[]> =>
      (await this.#call<{ data: Connection[] }>({ method: 'GET', path: 'session/connections' })).data,
    /** Connects: creates a connection from the credentials the end user typed. */
    create: (body: ConnectionCreate): Promise<Connection> =>
      this.#call({ method: 'POST', path: 'session/connections', body }),
    /** Removes one of the tenant's connections. */
    delete: (id: string): Promise<void> => this.#call({ method: 'DELETE', path: `session/connections/${segment(id)}` }),
  };

  /** OAuth 2.0 sign-in flows: start one, then watch it until it is connected or failed. */
  readonly oauth = {
    /** Starts a flow; open `authorizationUrl` in a popup (or navigate to it). */
    start: (body: OAuthFlowCreate): Promise<OAuthFlowStart> =>
      this.#call({ method: 'POST', path: 'session/oauth/flows', body }),
    /** Where a flow stands: `pending`, `connected` with its connection, or `failed` with an error code. */
    get: (flowId: string): Promise<OAuthFlow> =>
      this.#call({ method: 'GET', path: `session/oauth/flows/${segment(flowId)}` }),
  };

  /** @throws TypeError without a token or `fetchToken`. */
  constructor({ token, fetchToken, ...options }: PlugboardSessionOptions) {
    if (!token && !fetchToken) throw new TypeError('PlugboardSession needs a token or a fetchToken function');
    this.#token = token;
    this.#fetchToken = fetchToken;
    this.#send = createSender(options);
  }

  /** Replaces the token, e.g. after your app minted a new session. */
  setToken(token: string): void {
    this.#token = token;
  }

  /** Describes the session: organization, tenant, end user and expiry. */
  info(): Promise<SessionInfo> {
    return this.#call({ method: 'GET', path: 'session' });
  }

  /**
   * Everything `<plugboard-connect>`'s first paint needs in one request: the session and its connector cards. Call
   * it from your backend with the session you just minted and pass the result to the widget with the page (see
   * `initialData`), so the cards paint without waiting on the network.
   */
  bootstrap(): Promise<SessionBootstrap> {
    return this.#call({ method: 'GET', path: 'session/bootstrap' });
  }

  #renew(): Promise<string> {
    if (!this.#fetchToken) throw new TypeError('No fetchToken to renew the session with');
    this.#renewal ??= this.#fetchToken()
      .then((token) => {
        this.#token = token;
        return token;
      })
      .finally(() => {
        this.#renewal = undefined;
      });
    return this.#renewal;
  }

  async #call<T>(request: ApiRequest): Promise<T> {
    const token = this.#token ?? (await this.#renew());
    try {
      return await this.#send<T>(request, { bearer: token });
    } catch (error) {
      // An expired or replaced session: fetch a new token once and retry once.
      if (!(error instanceof AuthenticationError) || !this.#fetchToken) throw error;
      const renewed = this.#token !== token ? this.#token : await this.#renew();
      return this.#send<T>(request, { bearer: renewed as string });
    }
  }
}
