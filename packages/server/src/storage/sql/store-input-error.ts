/**
 * The database refused a value as input, not because of the server: Postgres cannot store a NUL character
 * in text. The app answers it as 400 `validation_failed`, never 500.
 */
export class StoreInputError extends Error {
  override name = 'StoreInputError' as const;
  readonly code = 'unstorable_text' as const;

  constructor(options?: { cause?: unknown }) {
    super('The request holds a character that cannot be stored (a NUL character)', options);
  }
}
