import type { Connection } from '@plugboard/shared';

/** The connector an event is about. */
export interface EventConnector {
  id: string;
  slug: string;
  name: string;
}

/** Details of the widget's events. None of them ever carries a credential. */
export interface PlugboardConnectEventDetails {
  /** The cards are on screen. */
  'plugboard:ready': { connectors: number };
  /** A connection was created. */
  'plugboard:connected': { connection: Connection; connector: EventConnector };
  /** An OAuth 2.0 sign-in started in a popup. */
  'plugboard:auth-started': { connector: EventConnector; flowId: string };
  /** The browser blocked the sign-in popup. */
  'plugboard:popup-blocked': { connector: EventConnector };
  /** The end user closed the form or the sign-in window without connecting. */
  'plugboard:cancelled': { connector: EventConnector };
  /** Something failed; `code` is an API error code (see `ErrorCode`), `network_error` or `timeout`. */
  'plugboard:error': { code: string; message: string; connectorId?: string };
  /** The session expired and no new token could be had. */
  'plugboard:session-expired': Record<string, never>;
}

/** The widget's events as DOM events, for `addEventListener`. */
export type PlugboardConnectEventMap = {
  [K in keyof PlugboardConnectEventDetails]: CustomEvent<PlugboardConnectEventDetails[K]>;
};

/** Sends one of the widget's events. */
export type Emit = <K extends keyof PlugboardConnectEventDetails>(
  type: K,
  detail: PlugboardConnectEventDetails[K],
) => void;
