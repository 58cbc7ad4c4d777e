import { type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import { PlugboardSession } from '@plugboard/sdk/session';
import type { ConnectorCard } from '@plugboard/shared';
import { effect } from '@preact/signals-core';
import { h, render } from 'preact';
import { type Appearance, applyAppearance } from '../appearance.js';
import { ConnectView } from '../components/connect-view.js';
import type { PlugboardConnectEventDetails, PlugboardConnectEventMap } from '../events.js';
import { isRightToLeft, type Locale, languageOf, loadMessages, supportedLocale } from '../locale.js';
import { defaultMessages, type Messages } from '../messages.js';
import { type ConnectStore, createConnectStore, type SessionClient } from '../state/connect-store.js';
import { browserPopupHost } from '../state/oauth-popup.js';
import { tokenSource } from '../state/token-source.js';
import { styles } from '../styles.js';

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/**
 * Runs `work` in a task after the next frame has painted. A hidden page paints no frames, so there it runs in the
 * next task.
 */
const afterPaint = (work: () => void) => {
  if (document.visibilityState === 'hidden') setTimeout(work, 0);
  else requestAnimationFrame(() => setTimeout(work, 0));
};

/** Where the widget module was served from: the default API base, so a bundle served by Plugboard needs no setting. */
const moduleOrigin = originOf(import.meta.url);

/**
 * `<plugboard-connect>`: connector cards for one connect session, and the forms that connect them.
 *
 * @example
 * ```html
 * <script type="module" src="https://plugboard.example.com/widget/plugboard-connect.js"></script>
 * <plugboard-connect></plugboard-connect>
 * <script type="module">
 *   document.querySelector('plugboard-connect').fetchSessionToken = () => myBackend.mintPlugboardSession();
 * </script>
 * ```
 *
 * @fires plugboard:ready - the cards are on screen; `detail.connectors` counts them
 * @fires plugboard:connected - a connection was created; `detail.connection`, `detail.connector` (never credentials)
 * @fires plugboard:auth-started - an OAuth 2.0 sign-in started; `detail.connector`, `detail.flowId`
 * @fires plugboard:popup-blocked - the sign-in popup was blocked; the widget continues with a redirect
 * @fires plugboard:cancelled - the form or the sign-in window was closed without connecting; `detail.connector`
 * @fires plugboard:error - something failed; `detail.code`, `detail.message`, `detail.connectorId`
 * @fires plugboard:session-expired - the session expired and no new token could be had
 * @csspart grid - the list of cards
 * @csspart card - one connector card
 * @csspart card-icon - the connector's icon, or its letter when there is none
 * @csspart card-name - the connector's name
 * @csspart card-description - the connector's description
 * @csspart badge - the PERSONAL badge
 * @csspart card-meta - who created the connector and how many connections it has
 * @csspart card-warning - a connection that needs the end user to sign in again
 * @csspart actions - the row of the card's buttons
 * @csspart action - a card's button; also `action-connect`, `action-add` or `action-reconnect`
 * @csspart dialog - the connect form's modal dialog
 * @csspart form - the form inside the dialog
 * @csspart field - one labelled field
 * @csspart input - an input or the sign-in method select
 * @csspart field-error - a field's error message
 * @csspart form-error - an error that belongs to no field
 * @csspart submit - the form's Connect button
 * @csspart cancel - the form's Cancel button
 * @cssprop --plugboard-color-primary - buttons, badge and focus rings (purple by default)
 * @cssprop --plugboard-color-primary-text - text on primary buttons
 * @cssprop --plugboard-color-background - dialog background
 * @cssprop --plugboard-color-surface - card and input background
 * @cssprop --plugboard-color-text - text
 * @cssprop --plugboard-color-muted - secondary text
 * @cssprop --plugboard-color-border - borders
 * @cssprop --plugboard-color-danger - errors
 * @cssprop --plugboard-radius - corner radius of cards
 * @cssprop --plugboard-spacing - gaps and padding
 * @cssprop --plugboard-font-family - font
 * @attr locale - the language to show; see `locale`
 * @attr theme - `light`, `dark` or `auto`
 * @attr mode - `popup` or `redirect`
 * @attr connectors - comma-separated connector slugs to show
 * @attr api-base - where the Plugboard server runs
 * @attr session-token - a connect session token
 */
export class PlugboardConnectElement extends ReactiveElement {
  static override styles = styles;
  static override properties = {
    sessionToken: { attribute: 'session-token' },
    apiBase: { attribute: 'api-base' },
    connectors: {},
    theme: { reflect: true },
    mode: {},
    fetchSessionToken: { attribute: false },
    messages: { attribute: false },
    locale: {},
    appearance: { attribute: false },
    client: { attribute: false },
    initialData: { attribute: false },
  };

  /** A connect session token (`pb_cs_…`). Use `fetchSessionToken` instead to renew sessions by yourself. */
  declare sessionToken: string | undefined;
  /** Gets a token from your backend: now, and again whenever the session expires. */
  declare fetchSessionToken: (() => Promise<string>) | undefined;
  /** Where the Plugboard server runs. @default the origin this module was loaded from */
  declare apiBase: string | undefined;
  /** Comma-separated connector slugs to show; all the session may use when unset. */
  declare connectors: string | undefined;
  /** How OAuth 2.0 sign-in runs: `popup` (default; falls back to a redirect when blocked) or `redirect`. */
  declare mode: 'popup' | 'redirect' | undefined;
  /** `light` or `dark` pins the colour scheme; `auto` (or unset) follows the system. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Replaces any of the widget's strings, in whichever locale is shown. */
  declare messages: Partial<Messages> | undefined;
  /**
   * The language to show (`en`, `de`, `fr`, `es`, `pt-BR`, `ja`, `zh-CN`, `ar`, or a tag that falls back to one of
   * them). @default the `lang` of the nearest ancestor (through shadow roots), else the browser's language
   */
  declare locale: string | undefined;
  /** Colours, radius, spacing and font as one object; each sets a `--plugboard-*` custom property. */
  declare appearance: Appearance | undefined;
  /** A session client to use instead of the built-in one (custom transports, tests). */
  declare client: SessionClient | undefined;
  /**
   * The first cards, passed with the page so they paint without waiting on a request: what your backend's
   * `GET /v1/session/bootstrap` (the SDK's `session.bootstrap()`) returned for the session in `session-token`.
   * In HTML, put the same JSON in a `<script type="application/json">` inside the element. Used only while
   * `session-token` is the token it came with; `reload()` and a new session fetch the cards.
   */
  declare initialData: InitialData | undefined;

  #store: ConnectStore | undefined;
  #locale: Locale | undefined;
  /** The locale's messages, once loaded: nothing is drawn before, so no English flashes by. */
  #localeMessages: Partial<Messages> | undefined;
  #langObserver: MutationObserver | undefined;
  /** The page's first cards and the session token they belong to; read from the child script once. */
  #initial: { token: string | undefined; connectors: readonly ConnectorCard[] } | undefined;
  #initialRead = false;
  /** Stops watching the signals the last render read. */
  #untrack: (() => void) | undefined;
  #renderQueued = false;

  #emit = <K extends keyof PlugboardConnectEventDetails>(type: K, detail: PlugboardConnectEventDetails[K]) => {
    const dispatch = () => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    // Ready means on screen: the page's listeners run once the cards have painted, not in the way of that paint.
    if (type === 'plugboard:ready') afterPaint(dispatch);
    else dispatch();
  };

  #apiBase(): string {
    return this.apiBase ?? moduleOrigin;
  }

  #createClient(): SessionClient | undefined {
    if (this.client) return this.client;
    if (!this.sessionToken && !this.fetchSessionToken) return undefined;
    return new PlugboardSession({
      baseUrl: this.#apiBase(),
      ...(this.sessionToken ? { token: this.sessionToken } : {}),
      ...(this.fetchSessionToken
        ? { fetchToken: tokenSource(this.fetchSessionToken, Boolean(this.sessionToken)) }
        : {}),
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    const sessionChanged = [
      'sessionToken',
      'fetchSessionToken',
      'apiBase',
      'client',
      'connectors',
      'mode',
      'initialData',
    ].some((key) => changed.has(key as keyof PlugboardConnectElement));
    if (sessionChanged || !this.#store) {
      const client = this.#createClient();
      const only = this.connectors
        ?.split(',')
        .map((slug) => slug.trim())
        .filter(Boolean);
      const mode = this.mode === 'redirect' ? 'redirect' : 'popup';
      const oauth = { popupHost: browserPopupHost, apiOrigin: originOf(this.#apiBase()), mode } as const;
      this.#store = client ? createConnectStore(client, this.#emit, only, oauth) : undefined;
      const initial = this.#initialCards(changed.has('initialData'));
      if (initial) this.#store?.show(initial);
      else void this.#store?.load();
    }
    if (changed.has('appearance')) applyAppearance(this.style, this.appearance, changed.get('appearance'));
    if (changed.has('locale')) this.#pickLocale();
    this.#render();
  }

  /**
   * The cards the page passed for the current session token, if any: `initialData` when it was just set, else
   * the JSON script inside the element (read once). Cards passed for another token are dropped for good.
   */
  #initialCards(given: boolean): readonly ConnectorCard[] | undefined {
    if (given) this.#initial = initialFrom(this.initialData, this.sessionToken);
    else if (!this.#initialRead) {
      const script = this.querySelector(':scope > script[type="application/json"]');
      this.#initial = initialFrom(parseJson(script?.textContent), this.sessionToken);
    }
    this.#initialRead = true;
    if (this.#initial?.token !== this.sessionToken) this.#initial = undefined;
    return this.#initial?.connectors;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A page that switches its language (or moves the widget) re-renders it, unless `locale` pins one.
    this.#langObserver = new MutationObserver(() => this.#pickLocale());
    this.#langObserver.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    this.#pickLocale();
    if (this.hasUpdated) this.#render();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver?.disconnect();
    this.#untrack?.();
    this.#untrack = undefined;
    render(null, this.renderRoot as unknown as Element);
  }

  #pickLocale() {
    const locale = supportedLocale(this.locale || languageOf(this));
    if (locale === this.#locale) return;
    this.#locale = locale;
    this.#localeMessages = undefined;
    void loadMessages(locale).then((messages) => {
      if (this.#locale !== locale) return;
      this.#localeMessages = messages;
      this.#render();
    });
  }

  #render() {
    const store = this.#store;
    const locale = this.#locale;
    if (!store || !locale || !this.#localeMessages) return;
    const messages = { ...defaultMessages, ...this.#localeMessages, ...this.messages };
    const dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
    // The whole view renders inside an effect, which so learns every signal it read; the first change to one of
    // them queues one render of the view in a microtask (the store's writes in a row coalesce into it).
    this.#untrack?.();
    let rendered = false;
    this.#untrack = effect(() => {
      if (rendered) {
        this.#queueRender();
        return;
      }
      rendered = true;
      render(h(ConnectView, { store, messages, locale, dir }), this.renderRoot as unknown as Element);
    });
  }

  #queueRender() {
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      if (this.isConnected) this.#render();
    });
  }

  /** Loads the cards again, e.g. after connections changed elsewhere. */
  reload(): Promise<void> {
    return this.#store?.load() ?? Promise.resolve();
  }
}

/** The first cards a page may pass to the widget: `GET /v1/session/bootstrap`'s answer, or its `connectors`. */
export interface InitialData {
  connectors: readonly ConnectorCard[];
}

const parseJson = (text: string | null | undefined): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** Anything but `{ connectors: [...] }` is ignored: the widget then fetches its cards as it would without. */
const initialFrom = (data: unknown, token: string | undefined) => {
  const connectors = (data as Partial<InitialData> | null | undefined)?.connectors;
  return Array.isArray(connectors) ? { token, connectors } : undefined;
};

declare global {
  interface HTMLElementTagNameMap {
    'plugboard-connect': PlugboardConnectElement;
  }
  interface HTMLElementEventMap extends PlugboardConnectEventMap {}
}
