/**
 * `@plugboard/react`: the `<plugboard-connect>` widget as a typed React 19 component.
 * @packageDocumentation
 */

export { EVENT_PROPS, PlugboardConnect, type PlugboardConnectProps } from './plugboard-connect.js';
