/**
 * JSX typings for `<plugboard-connect>` in React 19: import this entry once, for its types only, and the tag
 * type-checks with its attributes and a `ref` to the element. It adds no code. For a component with props for
 * every property and event, use `@plugboard/react`.
 *
 * @example
 * ```tsx
 * import '@plugboard/widget/define';
 * import type {} from '@plugboard/widget/react';
 *
 * const page = <plugboard-connect api-base="https://plugboard.example.com" theme="dark" locale="de" />;
 * ```
 * @packageDocumentation
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PlugboardConnectElement } from './element/plugboard-connect.js';
import type { PlugboardConnectAttributeMap } from './jsx-attributes.js';

/** The attributes of `<plugboard-connect>` as React passes them; set functions through a `ref`. */
export interface PlugboardConnectAttributes
  extends DetailedHTMLProps<HTMLAttributes<PlugboardConnectElement>, PlugboardConnectElement>,
    PlugboardConnectAttributeMap {}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'plugboard-connect': PlugboardConnectAttributes;
    }
  }
}
