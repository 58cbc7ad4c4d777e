/**
 * `<plugboard-connect>` without registering it: import `@plugboard/widget/define` (or load the
 * drop-in `plugboard-connect.js`) to use the tag; import from here for types, the store and the class. The Preact
 * components are in `@plugboard/widget/components`.
 * @packageDocumentation
 */

export { APPEARANCE_PROPERTIES, type Appearance } from './appearance.js';
export { type InitialData, PlugboardConnectElement } from './element/plugboard-connect.js';
export type { EventConnector, PlugboardConnectEventDetails, PlugboardConnectEventMap } from './events.js';
export { isRightToLeft, type Locale, languageOf, loadMessages, SUPPORTED_LOCALES, supportedLocale } from './locale.js';
export { defaultMessages, format, type Messages, type PluralKey, plural } from './messages.js';
export {
  type CardAction,
  type ConnectStore,
  createConnectStore,
  type LoadStatus,
  type OAuthOptions,
  type SessionClient,
} from './state/connect-store.js';
export { browserPopupHost } from './state/oauth-popup.js';
export { styles } from './styles.js';
