/**
 * Template typings for `<plugboard-connect>` in Vue 3 (Volar / vue-tsc): import this entry once, for its types
 * only. It adds no code. Tell Vue the tag is a custom element with `compilerOptions.isCustomElement`.
 *
 * @example
 * ```ts
 * import '@plugboard/widget/define';
 * import type {} from '@plugboard/widget/vue';
 * ```
 * @packageDocumentation
 */
import type { DefineComponent } from 'vue';
import type { PlugboardConnectAttributeMap } from './jsx-attributes.js';

declare module 'vue' {
  interface GlobalComponents {
    'plugboard-connect': DefineComponent<PlugboardConnectAttributeMap>;
  }
}
