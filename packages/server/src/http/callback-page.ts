import { randomBytes } from 'node:crypto';
import { strictPageHeaders } from './strict-page-headers.js';

/** What the callback page may tell its opener: never a code, token or key. */
export interface CallbackMessage {
  flowId: string | null;
  status: 'connected' | 'failed';
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

// What the person in the popup reads about a failure: its kind, in plain words, with nothing of the details
// (those go to the vendor through the flow API and the log).
const FAILURE_TEXTS: [RegExp, string][] = [
  [/^access_denied$/, 'Access was declined, so nothing was connected.'],
  [/^(invalid_state|flow_expired)$/, 'This sign-in link has expired or was already used. Start again from the app.'],
  [
    /^(server_error|temporarily_unavailable)$/,
    'The service is having a temporary problem. Try again in a few minutes.',
  ],
  [
    /^(invalid_client|unauthorized_client|unsupported_\w+|invalid_scope|invalid_request|egress_blocked|issuer_mismatch|connector_changed)$/,
    'The app’s connection to this service is not set up correctly, so the sign-in could not be completed. Contact the app’s support.',
  ],
];

/** The callback page's text for a failure with this code. */
export function failureText(code: string | undefined): string {
  const text = FAILURE_TEXTS.find(([pattern]) => code !== undefined && pattern.test(code))?.[1];
  return text ?? 'The service did not complete the sign-in. Try again from the app.';
}

/**
 * The page the provider redirects to. It posts `{ flowId, status }` to the exact origin of the embedding
 * page (never `*`), drops the code from the address bar, and closes itself. It loads nothing.
 */
export function callbackPage(
  message: CallbackMessage,
  targetOrigin: string | null,
  returnTo: string | null = null,
  errorCode?: string,
) {
  const nonce = randomBytes(16).toString('base64');
  const text =
    message.status === 'connected'
      ? 'Connected. You can close this window.'
      : `${failureText(errorCode)} You can close this window.`;
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Plugboard</title></head>
<body style="font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 90vh">
<p>${text}</p>
<script nonce="${nonce}">
history.replaceState(null, '', location.pathname);
var message = ${escapeJson({ type: 'plugboard:oauth', ...message })};
var target = ${escapeJson(targetOrigin)};
var returnTo = ${escapeJson(returnTo)};
if (returnTo) {
  location.replace(returnTo.split('#')[0] + '#plugboard-flow=' + encodeURIComponent(message.flowId));
} else {
  if (target && window.opener) { try { window.opener.postMessage(message, target); } catch (e) {} }
  setTimeout(function () { window.close(); }, 50);
}
</script>
</body>
</html>`;
  const headers = strictPageHeaders([
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'unsafe-inline'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ]);
  return { body, headers };
}
