/**
 * Headers of a page Plugboard serves to end users outside the API (the OAuth callback, the hosted connect page):
 * HTML that is never cached, never leaks its address in a Referer, and runs only what `csp` allows, joined from
 * its directives. Framing is refused by the directives each page passes (`frame-ancestors 'none'`).
 */
export function strictPageHeaders(csp: readonly string[], extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': csp.join('; '),
    'x-content-type-options': 'nosniff',
    ...extra,
  };
}
