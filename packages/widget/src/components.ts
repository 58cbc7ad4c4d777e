/**
 * The widget's Preact components, for a Preact app that draws connector cards itself, inside its own shadow
 * root with the widget's `styles` (the admin console does): `ConnectorCard` for one card and `AuthDialog` for the
 * connect form of the store's open card. `<plugboard-connect>` needs none of this.
 *
 * @example
 * ```tsx
 * import { type CardAction, type ConnectStore, defaultMessages } from '@plugboard/widget';
 * import { AuthDialog, ConnectorCard } from '@plugboard/widget/components';
 *
 * function Cards({ store }: { store: ConnectStore }) {
 *   const onConnect = (card: string) => (_button: HTMLElement, action: CardAction) => store.open(card, action);
 *   return (
 *     <>
 *       {store.cards.value.map((card) => (
 *         <ConnectorCard key={card.id} card={card} messages={defaultMessages} onConnect={onConnect(card.id)} />
 *       ))}
 *       {store.openCard.value && <AuthDialog store={store} messages={defaultMessages} />}
 *     </>
 *   );
 * }
 * ```
 * @packageDocumentation
 */
// The components read the store's signals as they render: Preact re-renders them when those change once
// @preact/signals' integration is loaded, as it is here (`<plugboard-connect>` does without it).
import '@preact/signals';

export { AuthDialog } from './components/auth-dialog.js';
export { ConnectorCard } from './components/connector-card.js';
