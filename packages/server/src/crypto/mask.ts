/** Fields of stored credentials that are identifiers, not secrets, and may be shown. */
const VISIBLE_FIELDS = new Set(['username']);

/** Masks one secret: the last four characters when it is long enough to keep them safely, else bullets only. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••••••';
}

/** Masks every secret field of a credential record for admin views. */
export function maskCredentials(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [field, VISIBLE_FIELDS.has(field) ? value : maskSecret(value)]),
  );
}
