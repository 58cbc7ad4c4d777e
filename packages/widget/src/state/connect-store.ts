import type { Connection, ConnectionCreate, ConnectorCard, PublicAuthMethod } from '@plugboard/shared';
// Signals without their Preact integration, which hooks every vnode and component of the 200-card first render:
// `<plugboard-connect>` tracks what its render reads itself, and the `components` entry loads the integration.
import { computed, signal } from '@preact/signals-core';
import type { Emit, EventConnector } from '../events.js';
import {
  type OAuthClient,
  type PopupHost,
  type PopupOutcome,
  resumeRedirectFlow,
  runPopupFlow,
} from './oauth-popup.js';

/** What the store needs from the API: the part of `PlugboardSession` the widget uses. */
export interface SessionClient {
  connectors: { list(): Promise<ConnectorCard[]> };
  connections: { create(body: ConnectionCreate): Promise<Connection> };
  oauth?: OAuthClient;
}

/** Where OAuth sign-in runs. */
export interface OAuthOptions {
  /** The popup and message events; the real window by default. */
  popupHost: () => PopupHost;
  /** The API's origin: the only one whose messages are read. */
  apiOrigin: string;
  /** `redirect` leaves the page for the provider instead of opening a popup. @default 'popup' */
  mode?: 'popup' | 'redirect';
}

/**
 * What a card's button asks for: `add` a new connection, or `reconnect` the card's first connection that
 * needs the end user to sign in again.
 */
export type CardAction = 'add' | 'reconnect';

/** Where loading the cards stands. */
export type LoadStatus = 'loading' | 'ready' | 'failed';

/**
 * Something that went wrong, kept as a code and the API's message rather than as display text, so the
 * view words it from the vendor's `messages` (see `problemText`).
 */
export interface Problem {
  /** An API `ErrorCode`, `network_error`, `timeout`, `signin_cancelled` or `unknown`. */
  code: string;
  /** The API's message, when it sent one; meant for people. */
  message: string;
}

interface ErrorLike {
  code?: string;
  message?: string;
  apiMessage?: string;
  issues?: { path: string; message: string }[];
}

const asError = (error: unknown): ErrorLike => (typeof error === 'object' && error !== null ? error : {});

/** The API's own message when there is one: the SDK's `message` also names the method and URL. */
const problemOf = (error: ErrorLike): Problem => ({
  code: error.code ?? 'unknown',
  message: error.apiMessage ?? error.message ?? '',
});

const eventConnector = ({ id, slug, name }: ConnectorCard): EventConnector => ({ id, slug, name });

/**
 * The widget's state, as signals, and what can change it. It knows nothing of the DOM, so it is
 * tested on its own; components only read it and call its actions.
 *
 * @param client - the session client (a `PlugboardSession`)
 * @param emit - sends the widget's DOM events
 * @param only - slugs to show, when the vendor narrowed the list
 */
const withVariables = (variables: Record<string, string>) => (Object.keys(variables).length > 0 ? { variables } : {});

export function createConnectStore(
  client: SessionClient,
  emit: Emit,
  only?: readonly string[],
  oauthOptions?: OAuthOptions,
) {
  const status = signal<LoadStatus>('loading');
  const loadError = signal<Problem | null>(null);
  const cards = signal<ConnectorCard[]>([]);
  const openId = signal<string | null>(null);
  /** Set when the open form reconnects an existing connection instead of adding one. */
  const reconnectId = signal<string | null>(null);
  const methodId = signal<string | null>(null);
  const submitting = signal(false);
  const fieldErrors = signal<Record<string, string>>({});
  const formError = signal<Problem | null>(null);
  const announcement = signal('');
  /** The sign-in popup looks closed while its flow is pending: the form says Cancel ends the wait. */
  const popupClosed = signal(false);
  let signInAbort: AbortController | null = null;

  const openCard = computed(() => cards.value.find((card) => card.id === openId.value) ?? null);
  const method = computed<PublicAuthMethod | null>(
    () => openCard.value?.authMethods.find((candidate) => candidate.id === methodId.value) ?? null,
  );

  function fail(error: ErrorLike, connectorId?: string) {
    const { code, message } = problemOf(error);
    if (code === 'session_expired') emit('plugboard:session-expired', {});
    emit('plugboard:error', { code, message, ...(connectorId ? { connectorId } : {}) });
  }

  const shown = (all: readonly ConnectorCard[]) =>
    only?.length ? all.filter((card) => only.includes(card.slug)) : [...all];

  async function fetchCards() {
    return shown(await client.connectors.list());
  }

  function ready(all: readonly ConnectorCard[]) {
    cards.value = shown(all);
    status.value = 'ready';
    emit('plugboard:ready', { connectors: cards.value.length });
    void resumeSignIn().catch((error) => fail(asError(error)));
  }

  /**
   * Shows the cards the page passed with itself (`initialData`) as a load would, without asking the API: the
   * first paint then waits on no request.
   */
  function show(initial: readonly ConnectorCard[]) {
    ready(initial);
  }

  async function load() {
    status.value = 'loading';
    try {
      ready(await client.connectors.list());
    } catch (error) {
      loadError.value = problemOf(asError(error));
      status.value = 'failed';
      fail(asError(error));
    }
  }

  function resetForm() {
    submitting.value = false;
    popupClosed.value = false;
    fieldErrors.value = {};
    formError.value = null;
  }

  /** Opens a card's form; without `action`, it reconnects the card's broken connection when it has one. */
  function open(connectorId: string, action?: CardAction) {
    const card = cards.value.find((candidate) => candidate.id === connectorId);
    if (!card) return;
    resetForm();
    openId.value = card.id;
    reconnectId.value = action === 'add' ? null : (card.needsReauth[0]?.id ?? null);
    methodId.value = (card.authMethods.find((candidate) => candidate.isDefault) ?? card.authMethods[0])?.id ?? null;
  }

  function selectMethod(id: string) {
    resetForm();
    methodId.value = id;
  }

  function close() {
    const card = openCard.value;
    // A running sign-in ends after one last look at the backend; if it did connect, the card still counts it.
    signInAbort?.abort();
    openId.value = null;
    resetForm();
    if (card) emit('plugboard:cancelled', { connector: eventConnector(card) });
  }

  function connected(card: ConnectorCard, connection: Connection) {
    const reconnected = card.needsReauth.some((broken) => broken.id === connection.id);
    const update = (c: ConnectorCard) =>
      reconnected
        ? { ...c, needsReauth: c.needsReauth.filter((broken) => broken.id !== connection.id) }
        : { ...c, connectionCount: c.connectionCount + 1 };
    cards.value = cards.value.map((c) => (c.id === card.id ? update(c) : c));
    return announceConnected(card, connection);
  }

  function announceConnected(card: ConnectorCard, connection: Connection) {
    openId.value = null;
    announcement.value = card.name;
    emit('plugboard:connected', { connection, connector: eventConnector(card) });
    return true;
  }

  /** Runs an OAuth sign-in; the popup opens before anything awaits, inside the user's click. */
  async function signIn(
    card: ConnectorCard,
    chosen: PublicAuthMethod,
    label: string | undefined,
    variables: Record<string, string>,
  ) {
    if (!oauthOptions || !client.oauth) throw { code: 'unknown', message: 'OAuth sign-in is not available here' };
    const host = oauthOptions.popupHost();
    const popup = oauthOptions.mode === 'redirect' ? null : host.open();
    const body = {
      connector: card.id,
      authMethodId: chosen.id,
      ...(label ? { label } : {}),
      // A reconnect keeps the connection's own values; a new sign-in goes to the authorize URL of those typed.
      ...(reconnectId.value ? { connectionId: reconnectId.value } : withVariables(variables)),
    };
    const started = (flowId: string) => emit('plugboard:auth-started', { connector: eventConnector(card), flowId });
    if (!popup) {
      // Blocked (or redirect mode): go to the provider in this tab and resume when the callback sends us back.
      if (oauthOptions.mode !== 'redirect') emit('plugboard:popup-blocked', { connector: eventConnector(card) });
      const flow = await client.oauth.start({ ...body, returnOrigin: host.origin, returnTo: host.returnTo });
      started(flow.id);
      host.redirect(flow.authorizationUrl);
      return false;
    }
    const abort = new AbortController();
    signInAbort = abort;
    try {
      const outcome = await runPopupFlow(client.oauth, popup, host, oauthOptions.apiOrigin, body, {
        onStarted: started,
        onPopupClosed: () => (popupClosed.value = true),
        signal: abort.signal,
      });
      // Closing the form already reported the cancel.
      if (outcome.status === 'cancelled' && abort.signal.aborted) return false;
      return finishSignIn(card, outcome);
    } finally {
      if (signInAbort === abort) signInAbort = null;
    }
  }

  function finishSignIn(card: ConnectorCard, outcome: PopupOutcome) {
    if (outcome.status === 'connected') return connected(card, outcome.connection);
    if (outcome.status === 'cancelled') {
      emit('plugboard:cancelled', { connector: eventConnector(card) });
      formError.value = { code: 'signin_cancelled', message: '' };
      return false;
    }
    throw { code: outcome.code, message: outcome.message };
  }

  /** After a redirect sign-in, the page loads again: follow the flow the address brought back. */
  async function resumeSignIn() {
    const host = oauthOptions?.popupHost();
    const flowId = host && client.oauth ? host.takeReturningFlow() : null;
    if (!host || !flowId || !client.oauth) return;
    const outcome = await resumeRedirectFlow(client.oauth, flowId, host.pollMs);
    if (outcome.status === 'failed') fail({ code: outcome.code, message: outcome.message });
    if (outcome.status !== 'connected') return;
    // The cards loaded with the page may already count this connection (the callback usually finished the
    // flow before it sent the end user back), so ask the backend again rather than add one to them.
    cards.value = await fetchCards();
    const card = cards.value.find((candidate) => candidate.id === outcome.connection.connectorId);
    if (card) announceConnected(card, outcome.connection);
  }

  /**
   * Creates the connection with the credentials and variable values typed; on success the card counts it and the
   * form closes. For OAuth 2.0 the popup opens before anything awaits, inside the end user's click.
   */
  async function submit(credentials: Record<string, string>, label?: string, variables: Record<string, string> = {}) {
    const card = openCard.value;
    const chosen = method.value;
    if (!card || !chosen || submitting.value) return false;
    resetForm();
    submitting.value = true;
    try {
      if (chosen.kind === 'oauth2') return await signIn(card, chosen, label, variables);
      const connection = await client.connections.create({
        connector: card.id,
        authMethodId: chosen.id,
        credentials,
        ...(label ? { label } : {}),
        ...withVariables(variables),
      });
      return connected(card, connection);
    } catch (error) {
      const problem = asError(error);
      const fields: Record<string, string> = {};
      for (const issue of problem.issues ?? []) {
        const [scope, field] = issue.path.split('.');
        if (scope === 'variables' && field) fields[issue.path] ??= issue.message;
        else if ((scope === 'credentials' || scope === 'label') && !fields[field ?? scope])
          fields[field ?? scope] = issue.message;
      }
      fieldErrors.value = fields;
      if (Object.keys(fields).length === 0) formError.value = problemOf(problem);
      fail(problem, card.id);
      return false;
    } finally {
      submitting.value = false;
    }
  }

  return {
    status,
    loadError,
    cards,
    openCard,
    reconnectId,
    method,
    submitting,
    fieldErrors,
    formError,
    announcement,
    popupClosed,
    load,
    show,
    open,
    selectMethod,
    close,
    submit,
  };
}

/** The widget's state and actions. */
export type ConnectStore = ReturnType<typeof createConnectStore>;
