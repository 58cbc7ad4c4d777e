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
  popupClosed:
    'The sign-in window has closed. If you finished signing in, this completes by itself; otherwise choose Cancel.',
  submit: 'Connect',
  submitting: 'Connecting…',
  cancel: 'Cancel',
  close: 'Close',
  connected: '{name} is connected.',
  sessionExpired: 'Your session has expired. Reload the page to continue.',
  unreachable: 'The integrations service could not be reached. Check your connection and try again.',
  somethingWrong: 'Something went wrong. Please try again.',
} as const;

/** The widget's strings, keyed by purpose. */
export type Messages = { [K in keyof typeof defaultMessages]: string };

/**
 * Words a problem for people: the widget's own texts for what it can name (no network, an expired
 * session, a closed sign-in window), the API's message otherwise, since the API writes those for people.
 */
export function problemText(problem: { code: string; message: string }, messages: Messages): string {
  switch (problem.code) {
    case 'network_error':
    case 'timeout':
      return messages.unreachable;
    case 'session_expired':
      return messages.sessionExpired;
    case 'signin_cancelled':
      return messages.signInCancelled;
    default:
      return problem.message || messages.somethingWrong;
  }
}

/** Fills `{placeholders}` in a message. */
export function format(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
}
