import type { CustomAuthField } from '@plugboard/shared';

/** What a handler's `connect` may use: a `fetch` for calling the third party. */
export interface CustomAuthContext {
  fetch: typeof fetch;
}

/**
 * A custom way to connect, registered in the server's configuration under a name that connectors use
 * (`{ kind: 'custom', handler: 'acme-login' }`). The widget draws a form from `fields`; `connect` turns
 * what the end user typed into the credentials Plugboard stores (encrypted); `apply` puts them on a request.
 *
 * @example
 * ```ts
 * createApp({ store, keyring, customAuth: { 'acme-login': sessionLoginHandler({ loginUrl: ({ account }) => `https://${account}.acme.example/api/login` }) } });
 * ```
 */
export interface CustomAuthHandler {
  /** The fields of the form, in order. Every field is required. */
  fields: CustomAuthField[];
  /**
   * Exchanges the submitted fields for credentials to store. Throw {@link CustomAuthError} to reject the
   * input with a message (on a field, when you name one); any other error is reported as `provider_error`.
   */
  connect(fields: Record<string, string>, context: CustomAuthContext): Promise<Record<string, string>>;
  /** Puts stored credentials on an outgoing request to the third party. */
  apply(request: { url: URL; headers: Headers }, credentials: Record<string, string>): void;
  /**
   * Optional: checks that stored credentials still work, for `POST /v1/connections/{id}/test`. Resolve true
   * when the third party accepts them and false when it refuses them (or throw {@link CustomAuthError} with a
   * message saying why); any other error counts as the third party being unreachable.
   */
  verify?(credentials: Record<string, string>, context: CustomAuthContext): Promise<boolean>;
}

/** Handlers by name. */
export type CustomAuthRegistry = Record<string, CustomAuthHandler>;

/** A handler's way to say the input was wrong; `field` puts the message on that field in the widget. */
export class CustomAuthError extends Error {
  override name = 'CustomAuthError' as const;

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
