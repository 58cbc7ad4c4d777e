import { computed, signal } from '@preact/signals';

/** Where the backend serves the console; every route lives under it. */
export const BASE = '/console';

/** A page of the console, parsed from the address. */
export type Route =
  | { name: 'connectors' }
  | { name: 'build' }
  | { name: 'connector'; id: string; tab: 'settings' | 'actions' }
  | { name: 'connections' }
  | { name: 'oauth-apps' }
  | { name: 'webhooks' }
  | { name: 'mcp' }
  | { name: 'logs' }
  | { name: 'not-found' };

const stripBase = (pathname: string) => {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return rest.replace(/\/+$/, '') || '/';
};

/** The path inside the console, e.g. `/connectors`. */
export const currentPath = signal(typeof location === 'undefined' ? '/' : stripBase(location.pathname));

/** Reads a console path into a route. */
export function parseRoute(path: string): Route {
  if (path === '/' || path === '/connectors') return { name: 'connectors' };
  if (path === '/connectors/build') return { name: 'build' };
  if (path === '/connections') return { name: 'connections' };
  if (path === '/settings' || path === '/settings/oauth-apps') return { name: 'oauth-apps' };
  if (path === '/settings/webhooks') return { name: 'webhooks' };
  if (path === '/mcp') return { name: 'mcp' };
  if (path === '/logs') return { name: 'logs' };
  const connector = /^\/connectors\/([^/]+)(\/actions)?$/.exec(path);
  if (connector?.[1])
    return { name: 'connector', id: decodeURIComponent(connector[1]), tab: connector[2] ? 'actions' : 'settings' };
  return { name: 'not-found' };
}

/** The route on screen. */
export const route = computed(() => parseRoute(currentPath.value));

/** Goes to a console path with the History API, e.g. `navigate('/connections')`. */
export function navigate(path: string, { replace = false } = {}): void {
  const url = `${BASE}${path}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  currentPath.value = stripBase(path);
}

/** Follows the browser's back and forward buttons; returns the function that stops it. */
export function listenToHistory(): () => void {
  const update = () => {
    currentPath.value = stripBase(location.pathname);
  };
  window.addEventListener('popstate', update);
  return () => window.removeEventListener('popstate', update);
}

/** The address of a console path, for `href`. */
export const hrefOf = (path: string) => `${BASE}${path}`;
