import type { ConnectorCard, OAuthFlow } from '@plugboard/shared';
import { describe, expect, it } from 'vitest';
import { card, eventLog, fakeClient } from '../test/fixtures.js';
import { createConnectStore } from './connect-store.js';
import type { OAuthClient, PopupHost } from './oauth-popup.js';

const API = 'https://plugboard.example';
const PAGE = 'https://app.vendor.example';
const oauthCard = card({
  id: 'ctr_acme',
  slug: 'acme',
  name: 'Acme',
  authMethods: [{ id: 'am_o', kind: 'oauth2', label: 'OAuth 2.0', isDefault: true }],
});
const connection = { id: 'cxn_1', connectorId: 'ctr_acme', label: 'Acme' } as OAuthFlow['connection'];

/** A provider popup and a backend whose flow answers follow a script. */
function setup(
  answers: OAuthFlow['status'][],
  options: {
    blocked?: boolean;
    closeAfter?: number;
    returning?: string | undefined;
    mode?: 'redirect';
    pollMs?: number;
    closedGraceMs?: number;
    startFails?: boolean;
    /** The cards as the backend lists them. */
    cards?: ConnectorCard[];
  } = {},
) {
  const redirects: string[] = [];
  let polls = 0;
  const listeners = new Set<(event: MessageEvent) => void>();
  const popup = {
    closed: false,
    location: { href: '' },
    close() {
      this.closed = true;
    },
  };
  const host: PopupHost = {
    origin: PAGE,
    pollMs: options.pollMs ?? 5,
    closedGraceMs: options.closedGraceMs ?? 30,
    open: () => (options.blocked ? null : (popup as unknown as Window)),
    listen: (handler) => {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    returnTo: `${PAGE}/settings/integrations`,
    redirect: (url) => redirects.push(url),
    takeReturningFlow: () => {
      const flowId = options.returning ?? null;
      options.returning = undefined;
      return flowId;
    },
  };
  const starts: unknown[] = [];
  const oauth: OAuthClient = {
    start: async (body) => {
      starts.push(body);
      if (options.startFails) throw { code: 'oauth_not_configured', message: 'No client ID' };
      return {
        id: 'flw_1',
        status: 'pending',
        connection: null,
        error: null,
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        authorizationUrl: 'https://provider.example/authorize?state=s',
      };
    },
    get: async (id) => {
      const status = answers[Math.min(polls++, answers.length - 1)] ?? 'pending';
      if (options.closeAfter !== undefined && polls >= options.closeAfter) popup.closed = true;
      return {
        id,
        status,
        connection: status === 'connected' ? connection : null,
        error: status === 'failed' ? { code: 'access_denied', message: 'You declined' } : null,
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      };
    },
  };
  const client = { ...fakeClient(options.cards ?? [oauthCard]), oauth };
  const log = eventLog();
  const store = createConnectStore(client, log.emit, undefined, {
    popupHost: () => host,
    apiOrigin: API,
    ...(options.mode ? { mode: options.mode } : {}),
  });
  const post = (data: unknown, origin = API) => {
    for (const listener of listeners) listener(new MessageEvent('message', { data, origin }));
  };
  return { store, popup, starts, events: log.events, post, listeners, redirects, polls: () => polls };
}

/**
 * Resolves once every microtask queued so far has run. A message that wakes the flow, the backend call it leads
 * to and that call's answer here are all microtasks (no timer), so after this a wake-up would show as a poll:
 * no guess at how long anything takes.
 */
const microtasksDone = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function openAndSubmit(store: ReturnType<typeof setup>['store']) {
  await store.load();
  store.open('ctr_acme');
  return store.submit({});
}

describe('OAuth sign-in in a popup', () => {
  it('navigates the popup, polls the backend, and counts the new connection', async () => {
    const { store, popup, starts, events } = setup(['pending', 'pending', 'connected']);
    expect(await openAndSubmit(store)).toBe(true);
    expect(popup.location.href).toBe('https://provider.example/authorize?state=s');
    expect(starts).toEqual([{ connector: 'ctr_acme', authMethodId: 'am_o', returnOrigin: PAGE }]);
    expect(store.cards.value[0]?.connectionCount).toBe(1);
    expect(popup.closed).toBe(true);
    expect(events.map((event) => event.type)).toEqual([
      'plugboard:ready',
      'plugboard:auth-started',
      'plugboard:connected',
    ]);
  });

  it('reports a declined sign-in as an error on the form', async () => {
    const { store, events } = setup(['failed']);
    expect(await openAndSubmit(store)).toBe(false);
    expect(store.formError.value).toEqual({ code: 'access_denied', message: 'You declined' });
    expect(events.at(-1)).toMatchObject({ type: 'plugboard:error', detail: { code: 'access_denied' } });
  });

  it('calls a closed popup cancelled only after a grace period in which the backend kept saying nothing arrived', async () => {
    const { store, events, polls } = setup(['pending'], { closeAfter: 1 });
    expect(await openAndSubmit(store)).toBe(false);
    expect(store.formError.value?.code).toBe('signin_cancelled');
    expect(polls()).toBeGreaterThan(2);
    expect(events.filter((event) => event.type === 'plugboard:cancelled')).toHaveLength(1);
  });

  it('keeps waiting for a slow sign-in whose popup looks closed (COOP), and says Cancel ends the wait', async () => {
    const answers: OAuthFlow['status'][] = [...Array(20).fill('pending'), 'connected'];
    const { store, events } = setup(answers, { closeAfter: 1, closedGraceMs: 60_000 });
    const submitted = openAndSubmit(store);
    await expect.poll(() => store.popupClosed.value, { interval: 5 }).toBe(true);
    expect(await submitted).toBe(true);
    expect(events.map((event) => event.type)).not.toContain('plugboard:cancelled');
  });

  it('ends the wait on Cancel after one last look at the backend, and reports the cancel once', async () => {
    const { store, events, polls, popup } = setup(['pending'], { closedGraceMs: 60_000, pollMs: 60_000 });
    const submitted = openAndSubmit(store);
    await expect
      .poll(() => events.some((event) => event.type === 'plugboard:auth-started'), { interval: 5 })
      .toBe(true);
    store.close();
    expect(await submitted).toBe(false);
    expect(polls()).toBe(1);
    expect(popup.closed).toBe(true);
    expect(events.filter((event) => event.type === 'plugboard:cancelled')).toHaveLength(1);
  });

  it('still counts a connection that landed just before Cancel', async () => {
    const { store, events } = setup(['connected'], { pollMs: 60_000 });
    const submitted = openAndSubmit(store);
    await expect
      .poll(() => events.some((event) => event.type === 'plugboard:auth-started'), { interval: 5 })
      .toBe(true);
    store.close();
    expect(await submitted).toBe(true);
    expect(store.cards.value[0]?.connectionCount).toBe(1);
  });

  it('closes the popup when the flow cannot start', async () => {
    const { store, popup } = setup(['pending'], { startFails: true });
    expect(await openAndSubmit(store)).toBe(false);
    expect(popup.closed).toBe(true);
    expect(store.formError.value).toEqual({ code: 'oauth_not_configured', message: 'No client ID' });
  });

  it('still completes when popup.closed lies (COOP) and the backend says connected', async () => {
    const { store } = setup(['pending', 'connected'], { closeAfter: 1 });
    expect(await openAndSubmit(store)).toBe(true);
  });

  it('asks the backend early only for its own flow’s message from the API origin', async () => {
    const { store, post, listeners, polls, events } = setup(['pending', 'connected'], { pollMs: 60_000 });
    const submitted = openAndSubmit(store);
    await expect
      .poll(() => events.some((event) => event.type === 'plugboard:auth-started'), { interval: 5 })
      .toBe(true);
    post({ type: 'plugboard:oauth', flowId: 'flw_1', status: 'connected' }, 'https://evil.example');
    post({ type: 'plugboard:oauth', flowId: 'flw_other', status: 'connected' });
    post({ type: 'something-else', flowId: 'flw_1' });
    await microtasksDone();
    expect(polls()).toBe(0);
    post({ type: 'plugboard:oauth', flowId: 'flw_1', status: 'connected' });
    await expect.poll(polls, { interval: 5 }).toBe(1);
    expect(store.cards.value[0]?.connectionCount).toBe(0);
    post({ type: 'plugboard:oauth', flowId: 'flw_1', status: 'connected' });
    expect(await submitted).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('falls back to a full-page redirect when the browser blocks the popup', async () => {
    const { store, events, starts, redirects } = setup(['connected'], { blocked: true });
    await openAndSubmit(store);
    expect(starts).toEqual([
      { connector: 'ctr_acme', authMethodId: 'am_o', returnOrigin: PAGE, returnTo: `${PAGE}/settings/integrations` },
    ]);
    expect(redirects).toEqual(['https://provider.example/authorize?state=s']);
    expect(events.map((event) => event.type)).toEqual([
      'plugboard:ready',
      'plugboard:popup-blocked',
      'plugboard:auth-started',
    ]);
  });

  it('redirects without trying a popup in redirect mode', async () => {
    const { store, events, popup, redirects } = setup(['connected'], { mode: 'redirect' });
    await openAndSubmit(store);
    expect(popup.location.href).toBe('');
    expect(redirects).toHaveLength(1);
    expect(events.map((event) => event.type)).not.toContain('plugboard:popup-blocked');
  });

  it('reconnects a connection that needs it in place, without counting a new one', async () => {
    const { store, starts } = setup(['connected']);
    await store.load();
    store.cards.value = [{ ...oauthCard, connectionCount: 1, needsReauth: [{ id: 'cxn_1', label: 'Acme' }] }];
    store.open('ctr_acme');
    expect(store.reconnectId.value).toBe('cxn_1');
    expect(await store.submit({})).toBe(true);
    expect(starts[0]).toMatchObject({ connectionId: 'cxn_1' });
    expect(store.cards.value[0]).toMatchObject({ connectionCount: 1, needsReauth: [] });
  });

  it('resumes a flow that a redirect brought back and counts its connection once', async () => {
    // The card had one connection before the redirect; the backend, which finished the flow before it sent the
    // end user back, already counts the new one when the page loads again.
    const { store, events } = setup(['pending', 'connected'], {
      returning: 'flw_1',
      cards: [{ ...oauthCard, connectionCount: 2 }],
    });
    await store.load();
    await expect.poll(() => events.map((event) => event.type), { interval: 5 }).toContain('plugboard:connected');
    expect(store.cards.value[0]?.connectionCount).toBe(2);
    expect(store.announcement.value).toBe('Acme');
    expect(events.map((event) => event.type)).toEqual(['plugboard:ready', 'plugboard:connected']);
  });
});
