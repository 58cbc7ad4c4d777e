/**
 * JSX typings for `<plugboard-connect>` in React 19: import this entry once, for its types only, and the tag
 * type-checks with its attributes and a `ref` to the element. It adds no code.
 *
 * @example
 * ```tsx
 * import '@plugboard/widget/define';
 * import type {} from '@plugboard/widget/react';
 *
 * const page = <plugboard-connect api-base="https://plugboard.example.com" theme="dark" />;
 * ```
 * @packageDocumentation
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PlugboardConnectElement } from './element/plugboard-connect.js';

/** The attributes of `<plugboard-connect>` as React passes them; set functions through a `ref`. */
export interface PlugboardConnectAttributes
  extends DetailedHTMLProps<HTMLAttributes<PlugboardConnectElement>, PlugboardConnectElement> {
  /** Where the Plugboard server runs; the origin the script was loaded from when unset. */
  'api-base'?: string;
  /** A connect session token (`pb_cs_…`); prefer setting `fetchSessionToken` through a ref. */
  'session-token'?: string;
  /** Comma-separated connector slugs to show. */
  connectors?: string;
  /** `popup` (default) or `redirect` for OAuth 2.0 sign-in. */
  mode?: 'popup' | 'redirect';
  /** `light`, `dark`, or `auto` (the default) to follow the system. */
  theme?: 'light' | 'dark' | 'auto';
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'plugboard-connect': PlugboardConnectAttributes;
    }
  }
}
