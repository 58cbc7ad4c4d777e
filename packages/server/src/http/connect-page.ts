import { randomBytes } from 'node:crypto';
import { strictPageHeaders } from './strict-page-headers.js';

/** Where the hosted page loads `<plugboard-connect>` from: the server's own widget bundle, never a CDN. */
const WIDGET_SCRIPT = '/widget/plugboard-connect.js';

// The page holds the exchanged session in sessionStorage: one tab, this origin, gone when the tab closes. That is
// what survives the full-page OAuth redirect, after which the link's token is no longer in the address.
const SCRIPT = String.raw`
var KEY = 'plugboard:connect-link';
var $ = function (id) { return document.getElementById(id); };
var widget = document.querySelector('plugboard-connect');
function say(text) { $('status').textContent = text; $('status').hidden = false; }
function fail(text) {
  sessionStorage.removeItem(KEY);
  widget.hidden = true;
  $('problem').textContent = text;
  $('problem').hidden = false;
  $('status').hidden = true;
}
function show(link) {
  $('org').textContent = link.organization.name;
  document.title = 'Connect your apps · ' + link.organization.name;
  if (link.endUserName) { $('who').textContent = 'Signed in as ' + link.endUserName; $('who').hidden = false; }
  if (link.returnUrl) {
    $('return').href = link.returnUrl;
    $('return').textContent = 'Back to ' + link.organization.name;
    $('return').hidden = false;
  }
  customElements.whenDefined('plugboard-connect').then(function () {
    widget.locale = LOCALE;
    widget.apiBase = location.origin;
    widget.sessionToken = link.sessionToken;
    widget.hidden = false;
    $('status').hidden = true;
  });
}
// The page is in English, but the widget follows the person: the link's ?locale= when the vendor added one (kept
// across the OAuth redirect), else the browser's language; the widget falls back to English for one it lacks.
var LOCALE = new URLSearchParams(location.search).get('locale') || sessionStorage.getItem(KEY + ':locale') ||
  navigator.language;
sessionStorage.setItem(KEY + ':locale', LOCALE);
var connected = [];
widget.addEventListener('plugboard:connected', function (event) {
  var name = event.detail.connector.name;
  if (connected.indexOf(name) < 0) connected.push(name);
  $('done-text').textContent = 'Connected: ' + connected.join(', ') + '. You can connect another app or go back.';
  $('done').hidden = false;
  $('return').textContent = 'Done, back to ' + $('org').textContent;
  $('done').focus();
});
widget.addEventListener('plugboard:session-expired', function () {
  fail('This page has been open too long. Open your link again to continue.');
});
async function start() {
  var token = /^#(pb_cl_[\w-]+)$/.exec(location.hash);
  if (token) {
    history.replaceState(null, '', location.pathname);
    var response = await fetch('/v1/connect-links/exchange', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: token[1] }),
      credentials: 'omit',
    });
    var body = await response.json().catch(function () { return {}; });
    if (!response.ok) return fail((body.error && body.error.message) || 'This connect link could not be opened.');
    sessionStorage.setItem(KEY, JSON.stringify(body));
    return show(body);
  }
  var saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (saved && Date.parse(saved.expiresAt) > Date.now()) return show(saved);
  fail('This page needs the link the app sent you. Open that link again.');
}
say('Opening your link…');
start().catch(function () { fail('The connect page could not reach the server. Check your connection and open the link again.'); });
`;

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; background: Canvas; color: CanvasText; }
main { max-width: 960px; margin: 0 auto; padding: 24px 16px 48px; box-sizing: border-box; }
h1 { font-size: 1.5rem; margin: 0 0 4px; overflow-wrap: anywhere; }
p { line-height: 1.5; }
.muted { opacity: 0.75; margin: 0 0 16px; }
.panel { border: 1px solid #16a34a; border-radius: 8px; padding: 12px 16px; margin: 16px 0; }
.panel:focus { outline: 3px solid #7c3aed; outline-offset: 2px; }
.problem { border-color: #dc2626; }
.button { display: inline-block; margin-top: 16px; padding: 12px 20px; border-radius: 8px; background: #7c3aed;
  color: #fff; text-decoration: none; font-weight: 600; min-height: 24px; }
.button:focus-visible { outline: 3px solid #1e1b4b; outline-offset: 2px; }
[hidden] { display: none !important; }
`;

/**
 * The hosted connect page a connect link opens. It exchanges the token in its fragment for a connect session,
 * drops the token from the address bar, and shows `<plugboard-connect>` from this server's own bundle. It loads
 * nothing from anywhere else, and its headers are as strict as the OAuth callback page's.
 */
export function connectPage() {
  const nonce = randomBytes(16).toString('base64');
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Connect your apps</title>
<style>${STYLE}</style>
<script type="module" src="${WIDGET_SCRIPT}"></script>
</head>
<body>
<main>
<h1>Connect your apps to <span id="org">your account</span></h1>
<p id="who" class="muted" hidden></p>
<p id="status" role="status"></p>
<p id="problem" class="panel problem" role="alert" hidden></p>
<section id="done" class="panel" role="status" tabindex="-1" hidden><h2>All set</h2><p id="done-text"></p></section>
<plugboard-connect hidden></plugboard-connect>
<a id="return" class="button" hidden>Back</a>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
  const headers = strictPageHeaders(
    [
      "default-src 'none'",
      `script-src 'self' 'nonce-${nonce}'`,
      // The page's and the widget's shadow DOM styles, and the style attributes Preact sets (no nonce here: a
      // nonce would turn 'unsafe-inline' off).
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ],
    { 'x-frame-options': 'DENY' },
  );
  return { body, headers };
}
