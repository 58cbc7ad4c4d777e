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

/**
 * Runs the provider sign-in in an already opened popup. The backend is the source of truth: the
 * callback page's message (checked for origin, shape and flow id) only wakes the poll early, and a
 * closed popup counts as cancelled only once the backend confirms nothing arrived. That keeps working
 * when the provider sets `Cross-Origin-Opener-Policy` and `popup.closed` reports a severed window.
 */
export async function runPopupFlow(
  oauth: OAuthClient,
  popup: Window,
  host: PopupHost,
  apiOrigin: string,
  body: Omit<OAuthFlowCreate, 'returnOrigin'>,
  onStarted: (flowId: string) => void,
): Promise<PopupOutcome> {
  const started = await oauth.start({ ...body, returnOrigin: host.origin });
  onStarted(started.id);
  popup.location.href = started.authorizationUrl;
  let wake: () => void = () => {};
  const stop = host.listen((event) => {
    const data = event.data as { type?: unknown; flowId?: unknown } | null;
    if (event.origin === apiOrigin && data?.type === 'plugboard:oauth' && data.flowId === started.id) wake();
  });
  try {
    let closedChecks = 0;
    for (;;) {
      await Promise.race([sleep(host.pollMs ?? 1000), new Promise<void>((resolve) => (wake = resolve))]);
      const flow = await oauth.get(started.id);
      const outcome = outcomeOf(flow);
      if (outcome) return outcome;
      // A closed popup with a still pending flow: give the callback a few more polls to land first.
      closedChecks = popup.closed ? closedChecks + 1 : 0;
      if (closedChecks >= 3 || Date.parse(flow.expiresAt) <= Date.now())
        return { status: 'cancelled', flowId: started.id };
    }
  } finally {
    stop();
    if (!popup.closed) popup.close();
  }
}
