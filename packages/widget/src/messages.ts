/** Every string the widget shows. Override any of them through the element's `messages` property. */
export const defaultMessages = {
  loading: 'Loading integrations…',
  empty: 'No integrations are available yet.',
  loadFailed: 'Integrations could not be loaded.',
  retry: 'Try again',
  connect: 'Connect',
  addConnection: '+ Add Connection',
  reconnect: 'Reconnect',
  needsReauth: '{label} needs you to sign in again.',
  reconnectTitle: 'Reconnect {name}',
  personal: 'PERSONAL',
  createdBy: 'Created by: {name}',
  createdByYou: 'Created by: You',
  connectionCount: '{count} connections',
  oneConnection: '1 connection',
  dialogTitle: 'Connect {name}',
  authMethod: 'How to sign in',
  label: 'Label (optional)',
  labelHint: 'Tells several connections apart, e.g. "Production".',
  apiKey: 'API key',
  apiKeyHint: 'Sent as {where}.',
  token: 'Token',
  username: 'Username',
  password: 'Password',
  noAuth: '{name} needs no credentials. Connect to start using it.',
  notAvailable: 'This sign-in method is not available in this version yet.',
  oauthNote: 'You will sign in to {name} in a new window.',
  oauthWaiting: 'Waiting for you to finish signing in…',
  signInCancelled: 'The sign-in window was closed before you finished.',
  submit: 'Connect',
  submitting: 'Connecting…',
  cancel: 'Cancel',
  close: 'Close',
  connected: '{name} is connected.',
  sessionExpired: 'Your session has expired. Reload the page to continue.',
} as const;

/** The widget's strings, keyed by purpose. */
export type Messages = { [K in keyof typeof defaultMessages]: string };

/** Fills `{placeholders}` in a message. */
export function format(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
}
