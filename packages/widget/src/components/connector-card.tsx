import type { ConnectorCard as Card } from '@plugboard/shared';
import type { ComponentChildren } from 'preact';
import { format, type Messages, plural } from '../messages.js';
import type { CardAction } from '../state/connect-store.js';
import { connectorIcon } from './connector-icon.js';

/**
 * One connector: who made it, how many connections the tenant has, and the action to add one. While a
 * connection needs the end user to sign in again, Reconnect comes first, and + Add Connection stays beside it
 * when the tenant has other, working connections. The admin console draws its cards with this component too,
 * adding its own links as `children`.
 */
export function ConnectorCard({
  card,
  messages,
  locale = 'en',
  onConnect,
  children,
}: {
  card: Card;
  messages: Messages;
  /** Writes counts the locale's way. @default 'en' */
  locale?: string;
  /** Called with the clicked button and what it asks for. */
  onConnect(button: HTMLElement, action: CardAction): void;
  /** Drawn under the action button, e.g. a link to the connector's settings. */
  children?: ComponentChildren;
}) {
  const connected = card.connectionCount > 0;
  const broken = card.needsReauth[0];
  const working = card.connectionCount > card.needsReauth.length;
  const headingId = `card-${card.id}`;
  return (
    <li part="card" class="card" aria-labelledby={headingId}>
      <div class="card-head">
        {connectorIcon(card.name, card.iconUrl)}
        <div class="card-title">
          <h3 part="card-name" id={headingId} dir="auto">
            {card.name}
          </h3>
          {card.personal && (
            <span part="badge" class="badge">
              {messages.personal}
            </span>
          )}
        </div>
      </div>
      {card.description && (
        <p part="card-description" class="description" dir="auto">
          {card.description}
        </p>
      )}
      <p part="card-meta" class="meta">
        <span>{card.personal ? messages.createdByYou : format(messages.createdBy, { name: card.createdBy.name })}</span>
        {connected && <span>{plural(messages, 'connections', card.connectionCount, locale)}</span>}
      </p>
      {broken && (
        <p part="card-warning" class="warning">
          {format(messages.needsReauth, { label: broken.label })}
        </p>
      )}
      <div part="actions" class="actions">
        {broken && (
          <button
            type="button"
            part="action action-reconnect"
            class="action primary"
            aria-label={format(messages.reconnectLabel, { name: card.name })}
            onClick={(event) => onConnect(event.currentTarget, 'reconnect')}
          >
            {messages.reconnect}
          </button>
        )}
        {(!broken || working) && (
          <button
            type="button"
            part={connected ? 'action action-add' : 'action action-connect'}
            class={connected ? 'action secondary' : 'action primary'}
            aria-label={format(connected ? messages.addConnectionLabel : messages.connectLabel, { name: card.name })}
            onClick={(event) => onConnect(event.currentTarget, 'add')}
          >
            {connected ? messages.addConnection : messages.connect}
          </button>
        )}
      </div>
      {children}
    </li>
  );
}
