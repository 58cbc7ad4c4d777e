import { html } from 'hono/html';

/** The fields of an authorization request the consent form carries through. */
export interface AuthorizeRequest {
  client_id: string;
  redirect_uri: string;
  state: string;
  scope: string;
  code_challenge: string;
  code_challenge_method: string;
}

/** The sign-in and consent page, self-contained: no external resources. */
export function consentPage(request: AuthorizeRequest, error?: string) {
  const hidden = Object.entries(request).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Sign in to Acme Sandbox</title>
        <style>
          body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; background: #f4f4f5; }
          main { background: #fff; padding: 2rem; border-radius: 12px; width: min(92vw, 360px); box-shadow: 0 4px 20px rgb(0 0 0 / 0.08); }
          label { display: block; margin-top: 1rem; font-weight: 600; }
          input[type='text'], input[type='password'] { width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; }
          .buttons { display: flex; gap: 0.5rem; margin-top: 1.5rem; }
          button { font: inherit; padding: 0.5rem 1rem; border-radius: 8px; border: 1px solid #0f766e; cursor: pointer; }
          button[value='approve'] { background: #0f766e; color: #fff; }
          .error { color: #b91c1c; }
        </style>
      </head>
      <body>
        <main>
          <h1>Acme Sandbox</h1>
          <p><strong>${request.client_id}</strong> wants to access your account (${request.scope || 'basic access'}).</p>
          ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
          <form method="post" action="/oauth/authorize">
            ${hidden}
            <label for="username">Username</label>
            <input id="username" name="username" type="text" value="demo" autocomplete="username" />
            <label for="password">Password</label>
            <input id="password" name="password" type="password" value="demo" autocomplete="current-password" />
            <div class="buttons">
              <button type="submit" name="decision" value="approve">Allow</button>
              <button type="submit" name="decision" value="deny">Deny</button>
            </div>
          </form>
        </main>
      </body>
    </html>`;
}
