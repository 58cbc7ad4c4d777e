/** How one round of a {@link RoundWorker} ended. */
export type RoundOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * A background job that works in rounds: {@link start} runs a round every interval on a timer that does not keep
 * the process alive, and {@link runOnce} runs one now. Rounds never overlap: a caller during a round gets that
 * round's result.
 */
export abstract class RoundWorker<T> {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<T> | undefined;
  readonly #listeners = new Set<(outcome: RoundOutcome<T>) => void>();

  /** One round of work. */
  protected abstract round(): Promise<T>;

  /** Runs a round every `intervalMs` until {@link stop}. */
  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => void this.runOnce().catch(() => {}), intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer; a round in progress finishes. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Stops the timer and waits for a round in progress to end (failed or not), so what it holds (the store, a
   * lease) can be released after it; for shutdown.
   */
  async drain(): Promise<void> {
    this.stop();
    await this.#running?.catch(() => {});
  }

  /** Runs a round now, or joins the one in progress. */
  runOnce(): Promise<T> {
    this.#running ??= this.round().then(
      (value) => this.#finish({ ok: true, value }, () => value),
      (error: unknown) =>
        this.#finish({ ok: false, error }, () => {
          throw error;
        }),
    );
    return this.#running;
  }

  /**
   * Calls `listener` after every round ends, failed ones included, so background work can be followed (by a
   * test, a metric) without guessing how long it takes.
   *
   * @returns a function that removes the listener
   * @example
   * ```ts
   * const off = worker.onRound((outcome) => outcome.ok || logger.warn({ event: 'round.failed' }));
   * ```
   */
  onRound(listener: (outcome: RoundOutcome<T>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #finish(outcome: RoundOutcome<T>, settle: () => T): T {
    // Cleared before the listeners run, so a listener that starts the next round really starts a new one.
    this.#running = undefined;
    for (const listener of this.#listeners) {
      try {
        listener(outcome);
      } catch {}
    }
    return settle();
  }
}
