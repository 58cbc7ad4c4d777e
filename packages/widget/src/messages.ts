/**
 * Every string the widget shows, reads out or announces, in English. Override any of them through the element's
 * `messages` property; other locales load on demand (see `locale`). Placeholders are named (`{name}`); a key
 * ending in `_one`, `_other` (or `_zero`, `_two`, `_few`, `_many`) is one plural form, picked with
 * `Intl.PluralRules`.
 */
export const defaultMessages = {
  loading: 'Loading integrations…',
  empty: 'No integrations are available yet.',
  loadFailed: 'Integrations could not be loaded.',
  retry: 'Try again',
  connect: 'Connect',
  connectLabel: 'Connect {name}',
  addConnection: '+ Add Connection',
  addConnectionLabel: 'Add Connection to {name}',
  reconnect: 'Reconnect',
  reconnectLabel: 'Reconnect {name}',
  needsReauth: '{label} needs you to sign in again.',
  reconnectTitle: 'Reconnect {name}',
  personal: 'PERSONAL',
  createdBy: 'Created by: {name}',
  createdByYou: 'Created by: You',
  connections_one: '{count} connection',
  connections_other: '{count} connections',
  dialogTitle: 'Connect {name}',
  authMethod: 'How to sign in',
  label: 'Label (optional)',
  labelHint: 'Tells several connections apart, e.g. "Production".',
  variableRequired: 'Enter {label}.',
  variableInvalid: '{label} does not look right: enter something like {example}.',
  apiKey: 'API key',
  apiKeyHeader: 'Sent as the {name} header.',
  apiKeyQuery: 'Sent as the {name} query parameter.',
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

/** The plural forms `Intl.PluralRules` picks from, besides `one` and `other`, which every locale's messages have. */
type ExtraPluralForm = 'zero' | 'two' | 'few' | 'many';

/** The widget's strings, keyed by purpose: the English keys, and the plural forms other languages need. */
export type Messages = { [K in keyof typeof defaultMessages]: string } & {
  [K in `connections_${ExtraPluralForm}`]?: string;
};

/** The keys of `Messages` that have plural forms. */
export type PluralKey = 'connections';

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

/**
 * One formatter per locale for the page's life: building an `Intl` formatter costs far more than using one, and
 * 200 cards with connections would otherwise build two each.
 */
const cached = <T>(make: (locale: string) => T) => {
  const made = new Map<string, T>();
  return (locale: string) => {
    let found = made.get(locale);
    if (found === undefined) {
      found = make(locale);
      made.set(locale, found);
    }
    return found;
  };
};
const numberFormat = cached((locale) => new Intl.NumberFormat(locale));
const pluralRules = cached((locale) => new Intl.PluralRules(locale));

/**
 * Fills `{placeholders}` in a message; numbers are written the locale's way (`Intl.NumberFormat`).
 *
 * @example format('{count} connections', { count: 1200 }, 'de') // '1.200 connections'
 */
export function format(message: string, values: Record<string, string | number>, locale = 'en'): string {
  return message.replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined) return match;
    return typeof value === 'number' ? numberFormat(locale).format(value) : value;
  });
}

/**
 * The plural form of `key` that `count` takes in `locale` (`Intl.PluralRules`: Arabic has six), with `{count}`
 * filled in; `_other` when the messages lack that form.
 *
 * @example plural(defaultMessages, 'connections', 1, 'en') // '1 connection'
 */
export function plural(messages: Messages, key: PluralKey, count: number, locale = 'en'): string {
  const form = pluralRules(locale).select(count) as ExtraPluralForm | 'one' | 'other';
  return format(messages[`${key}_${form}`] ?? messages[`${key}_other`], { count }, locale);
}
