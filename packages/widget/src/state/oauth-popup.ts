import type { Connection, OAuthFlow, OAuthFlowCreate, OAuthFlowStart } from '@plugboard/shared';

/** The OAuth part of the session client. */
export interface OAuthClient {
  start(body: OAuthFlowCreate): Promise<OAuthFlowStart>;
  get(flowId: string): Promise<OAuthFlow>;
}

/** What the flow needs from the browser; replaceable in tests. */
export interface PopupHost {
  /** Opens an empty popup. Called synchronously in the click, before any await, or browsers block it. */
  open(): Window | null;
  /** Subscribes to `message` events; returns the unsubscribe function. */
  listen(handler: (event: MessageEvent) => void): () => void;
  /** The embedding page's origin, sent as the flow's return origin. */
  origin: string;
  /** The page to come back to after a full-page redirect. */
  returnTo: string;
  /** Leaves the page for the provider (redirect mode, or when the popup is blocked). */
  redirect(url: string): void;
  /** The flow id a redirect brought back in the address (`#plugboard-flow=…`), removed from the address once read. */
  takeReturningFlow(): string | null;
  /** How often to ask the backend. @default 1000 */
  pollMs?: number;
  /** How long to keep waiting once the popup looks closed (it may only be severed by COOP). @default 120_000 */
  closedGraceMs?: number;
}

/** How a popup flow ended. */
export type PopupOutcome =
  | { status: 'connected'; connection: Connection; flowId: string }
  | { status: 'failed'; code: string; message: string; flowId: string }
  | { status: 'cancelled'; flowId: string };

/** The default host: the real window. */
export const browserPopupHost = (): PopupHost => ({
  open: () => window.open('', 'plugboard-oauth', 'popup,width=520,height=720'),
  listen: (handler) => {
    window.addEventListener('message', handler);
    return () => window.removeEventListener('message', handler);
  },
  origin: window.location.origin,
  returnTo: window.location.href.split('#')[0] ?? window.location.href,
  redirect: (url) => window.location.assign(url),
  takeReturningFlow: () => {
    const match = /^#plugboard-flow=([\w-]+)$/.exec(window.location.hash);
    if (!match) return null;
    history.replaceState(history.state, '', window.location.href.split('#')[0]);
    return match[1] ?? null;
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function outcomeOf(flow: OAuthFlow): PopupOutcome | null {
  if (flow.status === 'connected' && flow.connection) {
    return { status: 'connected', connection: flow.connection, flowId: flow.id };
  }
  if (flow.status === 'failed') {
    return { status: 'failed', ...(flow.error ?? { code: 'unknown', message: 'The sign-in failed' }), flowId: flow.id };
  }
  return null;
}

/** Follows a flow that came back from a full-page redirect until the backend says how it ended. */
export async function resumeRedirectFlow(oauth: OAuthClient, flowId: string, pollMs = 1000): Promise<PopupOutcome> {
  for (;;) {
    const flow = await oauth.get(flowId);
    const outcome = outcomeOf(flow);
    if (outcome) return outcome;
    if (Date.parse(flow.expiresAt) <= Date.now()) return { status: 'cancelled', flowId };
    await sleep(pollMs);
  }
}

/** What {@link runPopupFlow} reports while it waits, and how it can be stopped. */
export interface PopupFlowControl {
  /** Called with the new flow's id once the backend started it. */
  onStarted(flowId: string): void;
  /** Called once when the popup looks closed while the flow is still pending. */
  onPopupClosed?(): void;
  /** Aborting it (the end user chose Cancel) ends the wait after one last look at the backend. */
  signal?: AbortSignal;
}

/**
 * Runs the provider sign-in in an already opened popup. The backend is the source of truth: the
 * callback page's message (checked for origin, shape and flow id) only wakes the poll early.
 *
 * A popup that looks closed does not end the flow at once: a provider page that sets
 * `Cross-Origin-Opener-Policy` severs the popup, and `popup.closed` then reads true while the end user is
 * still signing in. So a closed popup only starts a grace period (`closedGraceMs`), and Cancel (`signal`)
 * ends the wait early; either way the flow counts as cancelled only once the backend confirms nothing arrived.
 */
export async function runPopupFlow(
  oauth: OAuthClient,
  popup: Window,
  host: PopupHost,
  apiOrigin: string,
  body: Omit<OAuthFlowCreate, 'returnOrigin'>,
  control: PopupFlowControl,
): Promise<PopupOutcome> {
  let wake: () => void = () => {};
  const abort = () => wake();
  control.signal?.addEventListener('abort', abort);
  let started: OAuthFlowStart | undefined;
  const stop = host.listen((event) => {
    const data = event.data as { type?: unknown; flowId?: unknown } | null;
    if (event.origin === apiOrigin && data?.type === 'plugboard:oauth' && started && data.flowId === started.id) wake();
  });
  try {
    started = await oauth.start({ ...body, returnOrigin: host.origin });
    control.onStarted(started.id);
    popup.location.href = started.authorizationUrl;
    let closedSince: number | null = null;
    for (;;) {
      if (!control.signal?.aborted) {
        await Promise.race([sleep(host.pollMs ?? 1000), new Promise<void>((resolve) => (wake = resolve))]);
      }
      const flow = await oauth.get(started.id);
      const outcome = outcomeOf(flow);
      if (outcome) return outcome;
      if (popup.closed && closedSince === null) {
        closedSince = Date.now();
        control.onPopupClosed?.();
      }
      const graceOver = closedSince !== null && Date.now() - closedSince >= (host.closedGraceMs ?? 120_000);
      if (control.signal?.aborted || graceOver || Date.parse(flow.expiresAt) <= Date.now())
        return { status: 'cancelled', flowId: started.id };
    }
  } finally {
    stop();
    control.signal?.removeEventListener('abort', abort);
    if (!popup.closed) popup.close();
  }
}
