/**
 * Counts failed console sign-ins per email in memory: after `limit` failures within `windowMs`, further
 * attempts for that email are refused until the oldest failure leaves the window. One process only; a fleet of
 * servers would share this through the database or a cache instead.
 */
export class SignInLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => Date,
    private readonly limit = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  #recent(email: string): number[] {
    const since = this.now().getTime() - this.windowMs;
    const recent = (this.#failures.get(email) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#failures.delete(email);
    else this.#failures.set(email, recent);
    return recent;
  }

  /** Seconds to wait before another attempt for this email; 0 when one is allowed now. */
  retryAfter(email: string): number {
    const recent = this.#recent(email.toLowerCase());
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] as number;
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now().getTime()) / 1000));
  }

  /** Records a failed attempt. */
  fail(email: string): void {
    const key = email.toLowerCase();
    this.#failures.set(key, [...this.#recent(key), this.now().getTime()]);
  }

  /** Forgets the failures of an email after a successful sign-in. */
  reset(email: string): void {
    this.#failures.delete(email.toLowerCase());
  }
}
