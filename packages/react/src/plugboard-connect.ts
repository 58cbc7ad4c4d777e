import type {
  Appearance,
  Messages,
  PlugboardConnectElement,
  PlugboardConnectEventDetails,
  SessionClient,
} from '@plugboard/widget';
import type {} from '@plugboard/widget/react';
import { type CSSProperties, createElement, type Ref, useEffect, useImperativeHandle, useRef } from 'react';

/** The widget's events, as React props: `plugboard:connected` is `onConnected`, and so on. */
export const EVENT_PROPS = {
  onReady: 'plugboard:ready',
  onConnected: 'plugboard:connected',
  onAuthStarted: 'plugboard:auth-started',
  onPopupBlocked: 'plugboard:popup-blocked',
  onCancelled: 'plugboard:cancelled',
  onError: 'plugboard:error',
  onSessionExpired: 'plugboard:session-expired',
} as const satisfies Record<string, keyof PlugboardConnectEventDetails>;

type EventProps = {
  [P in keyof typeof EVENT_PROPS]?: (event: CustomEvent<PlugboardConnectEventDetails[(typeof EVENT_PROPS)[P]]>) => void;
};

/** `<PlugboardConnect>`'s props: the element's properties, its events as callbacks, and a few DOM props. */
export interface PlugboardConnectProps extends EventProps {
  /** A connect session token (`pb_cs_…`). Prefer `fetchSessionToken`, which also renews expired sessions. */
  sessionToken?: string;
  /** Gets a token from your backend: now, and again whenever the session expires. */
  fetchSessionToken?: () => Promise<string>;
  /** Where the Plugboard server runs. */
  apiBase?: string;
  /** Connector slugs to show, as an array or comma-separated; all the session may use when unset. */
  connectors?: string | readonly string[];
  /** `popup` (default) or `redirect` for OAuth 2.0 sign-in. */
  mode?: 'popup' | 'redirect';
  /** `light`, `dark`, or `auto` (the default) to follow the system. */
  theme?: 'light' | 'dark' | 'auto';
  /** `en`, `de`, `fr`, `es`, `pt-BR`, `ja`, `zh-CN` or `ar`; the page's `lang` when unset. */
  locale?: string;
  /** Replaces any of the widget's strings. */
  messages?: Partial<Messages>;
  /** Colours, radius, spacing and font. */
  appearance?: Appearance;
  /** A session client to use instead of the built-in one (custom transports, tests). */
  client?: SessionClient;
  id?: string;
  className?: string;
  style?: CSSProperties;
  /** The `<plugboard-connect>` element, e.g. to call `reload()`. */
  ref?: Ref<PlugboardConnectElement | null>;
}

/** Props that go onto the element as properties (objects and functions cannot be attributes). */
const PROPERTIES = ['sessionToken', 'fetchSessionToken', 'messages', 'appearance', 'client'] as const;

/**
 * `<plugboard-connect>` as a React 19 component: objects and functions are set as properties, events arrive as
 * `onConnected`, `onError`, …, and the element is registered in the browser only (importing this module on a
 * server renders a plain `<plugboard-connect>` tag, which upgrades once the page loads).
 *
 * @example
 * ```tsx
 * <PlugboardConnect
 *   fetchSessionToken={() => fetch('/api/plugboard-session', { method: 'POST' }).then((r) => r.json()).then((b) => b.token)}
 *   appearance={{ colorPrimary: '#0f766e' }}
 *   onConnected={(event) => console.log(event.detail.connector.name)}
 * />
 * ```
 */
export function PlugboardConnect(props: PlugboardConnectProps) {
  const { ref, id, className, style, apiBase, connectors, mode, theme, locale } = props;
  const element = useRef<PlugboardConnectElement | null>(null);
  useImperativeHandle(ref, () => element.current as PlugboardConnectElement, []);

  useEffect(() => {
    // Registering touches customElements, which servers lack: only a browser runs effects.
    void import('@plugboard/widget/define');
  }, []);

  const values = PROPERTIES.map((name) => props[name]);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    PROPERTIES.forEach((name, index) => {
      (target as unknown as Record<string, unknown>)[name] = values[index];
    });
    // biome-ignore lint/correctness/useExhaustiveDependencies: the values list is the dependency list
  }, values);

  // The newest callbacks, read when an event fires, so a new function each render adds no listener.
  const handlers = useRef<EventProps>({});
  handlers.current = props;
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const listeners = Object.entries(EVENT_PROPS).map(([prop, type]) => {
      const listener = (event: Event) => handlers.current[prop as keyof EventProps]?.(event as CustomEvent<never>);
      target.addEventListener(type, listener);
      return () => target.removeEventListener(type, listener);
    });
    return () => {
      for (const remove of listeners) remove();
    };
  }, []);

  // createElement rather than JSX: the package needs no JSX setup of its own, in its build or in a host's.
  return createElement('plugboard-connect', {
    ref: element,
    id,
    className,
    style,
    'api-base': apiBase,
    connectors: typeof connectors === 'string' ? connectors : connectors?.join(','),
    mode,
    theme,
    locale,
  });
}
