/**
 * A background job that works in rounds: {@link start} runs a round every interval on a timer that does not keep
 * the process alive, and {@link runOnce} runs one now. Rounds never overlap: a caller during a round gets that
 * round's result.
 */
export abstract class RoundWorker<T> {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<T> | undefined;

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

  /** Runs a round now, or joins the one in progress. */
  runOnce(): Promise<T> {
    this.#running ??= this.round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }
}
