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
  signInDeclined: 'Access was declined, so nothing was connected.',
  signInExpired: 'The sign-in expired or was already used. Please try again.',
  signInUnavailable: 'The service is having a temporary problem. Please try again in a few minutes.',
  signInNotSetUp:
    'This integration is not set up correctly, so the sign-in could not be completed. Please contact support.',
  signInFailed: 'The sign-in could not be completed. Please try again.',
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
 * session, a closed sign-in window, each kind of failed OAuth sign-in), the API's message otherwise, since
 * the API writes those for people.
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
    // How an OAuth flow failed: the API's message for these is for the vendor (which setting is wrong), not people.
    case 'access_denied':
      return messages.signInDeclined;
    case 'invalid_state':
    case 'flow_expired':
      return messages.signInExpired;
    case 'server_error':
    case 'temporarily_unavailable':
      return messages.signInUnavailable;
    case 'invalid_client':
    case 'unauthorized_client':
    case 'unsupported_grant_type':
    case 'unsupported_response_type':
    case 'invalid_scope':
    case 'invalid_request':
    case 'egress_blocked':
    case 'issuer_mismatch':
    case 'connector_changed':
      return messages.signInNotSetUp;
    case 'invalid_grant':
    case 'token_exchange_failed':
    case 'provider_error':
      return messages.signInFailed;
    default:
      return problem.message || messages.somethingWrong;
  }
}

/** Fills `{placeholders}` in a message. */
export function format(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
}
