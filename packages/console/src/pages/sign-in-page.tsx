import { useState } from 'preact/hooks';
import { Field, FormError } from '../components/field.js';
import type { ConsoleAccount, ConsoleClient } from '../console-client.js';
import { codeOf, errorText } from '../state/errors.js';

/** The console's sign-in: email and password of an organization member. */
export function SignInPage({
  client,
  onSignedIn,
}: {
  client: ConsoleClient;
  onSignedIn: (account: ConsoleAccount) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const found = {
      ...(email.trim() === ''
        ? { email: 'Enter your email' }
        : !email.includes('@')
          ? { email: 'Enter an email address like ada@example.com' }
          : {}),
      ...(password === '' ? { password: 'Enter your password' } : {}),
    };
    setErrors(found);
    setFormError('');
    if (Object.keys(found).length > 0) {
      document.getElementById(found.email ? 'field-email' : 'field-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      onSignedIn(await client.signIn({ email: email.trim(), password }));
    } catch (error) {
      setFormError(codeOf(error) === 'invalid_credentials' ? 'Email or password is wrong.' : errorText(error));
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <div class="panel sign-in-panel">
        <p class="brand">Plugboard</p>
        <h1>Sign in to the console</h1>
        <form
          class="form"
          noValidate
          onSubmit={submit}
          aria-busy={busy ? 'true' : undefined}
          data-testid="sign-in-form"
        >
          <Field path="email" label="Email" error={errors.email}>
            {(control) => (
              <input
                {...control}
                type="email"
                autocomplete="username"
                value={email}
                onInput={(event) => setEmail(event.currentTarget.value)}
                data-testid="sign-in-email"
              />
            )}
          </Field>
          <Field path="password" label="Password" error={errors.password}>
            {(control) => (
              <input
                {...control}
                type="password"
                autocomplete="current-password"
                value={password}
                onInput={(event) => setPassword(event.currentTarget.value)}
                data-testid="sign-in-password"
              />
            )}
          </Field>
          {formError && <FormError>{formError}</FormError>}
          <button type="submit" class="primary wide" disabled={busy} data-testid="sign-in-submit">
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
