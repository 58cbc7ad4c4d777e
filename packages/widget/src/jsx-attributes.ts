/**
 * The attributes of `<plugboard-connect>`, shared by the JSX typings for React, Preact and Vue. Set objects and
 * functions (`fetchSessionToken`, `messages`, `appearance`) as properties, through a ref.
 */
export interface PlugboardConnectAttributeMap {
  /** Where the Plugboard server runs; the origin the script was loaded from when unset. */
  'api-base'?: string | undefined;
  /** A connect session token (`pb_cs_…`); prefer setting `fetchSessionToken` through a ref. */
  'session-token'?: string | undefined;
  /** Comma-separated connector slugs to show. */
  connectors?: string | undefined;
  /** `popup` (default) or `redirect` for OAuth 2.0 sign-in. */
  mode?: 'popup' | 'redirect' | undefined;
  /** `light`, `dark`, or `auto` (the default) to follow the system. */
  theme?: 'light' | 'dark' | 'auto' | undefined;
  /** `en`, `de`, `fr`, `es`, `pt-BR`, `ja`, `zh-CN` or `ar` (or a tag that falls back to one); the page's `lang` when unset. */
  locale?: string | undefined;
}
