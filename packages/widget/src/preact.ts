/**
 * JSX typings for `<plugboard-connect>` in Preact: import this entry once, for its types only. It adds no code.
 *
 * @example
 * ```tsx
 * import '@plugboard/widget/define';
 * import type {} from '@plugboard/widget/preact';
 *
 * const page = <plugboard-connect theme="dark" locale="fr" />;
 * ```
 * @packageDocumentation
 */
import type { JSX } from 'preact';
import type { PlugboardConnectElement } from './element/plugboard-connect.js';
import type { PlugboardConnectAttributeMap } from './jsx-attributes.js';

/** The attributes of `<plugboard-connect>` as Preact passes them. */
export type PlugboardConnectPreactAttributes = JSX.HTMLAttributes<PlugboardConnectElement> &
  PlugboardConnectAttributeMap;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'plugboard-connect': PlugboardConnectPreactAttributes;
    }
  }
}
