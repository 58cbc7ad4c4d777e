import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RoundOutcome, RoundWorker } from './round-worker.js';

/** A worker whose rounds last until the test ends them, and that counts how many run at once. */
class GatedWorker extends RoundWorker<number> {
  started = 0;
  active = 0;
  mostAtOnce = 0;
  #gates: Array<{ finish: () => void; fail: (error: Error) => void }> = [];

  protected override async round(): Promise<number> {
    this.started += 1;
    this.active += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.active);
    const round = this.started;
    try {
      await new Promise<void>((finish, fail) => this.#gates.push({ finish, fail }));
      return round;
    } finally {
      this.active -= 1;
    }
  }

  /** Ends the round in progress, as a success or with `error`. */
  end(error?: Error) {
    const gate = this.#gates.shift();
    if (!gate) throw new Error('No round in progress');
    if (error) gate.fail(error);
    else gate.finish();
  }
}

/** Resolves with the outcome of the next round of `worker` to end. */
const nextOutcome = (of: GatedWorker) =>
  new Promise<RoundOutcome<number>>((resolve) => {
    const off = of.onRound((outcome) => {
      off();
      resolve(outcome);
    });
  });

let worker: GatedWorker;
beforeEach(() => {
  vi.useFakeTimers();
  worker = new GatedWorker();
});
afterEach(() => {
  worker.stop();
  vi.useRealTimers();
});

describe('RoundWorker', () => {
  it('never overlaps rounds: timer ticks during a slow round start nothing, the next tick after it does', async () => {
    worker.start(10);
    await vi.advanceTimersByTimeAsync(10);
    expect(worker.started).toBe(1);

    await vi.advanceTimersByTimeAsync(100); // ten more ticks while the first round is still going
    expect(worker.started).toBe(1);
    expect(worker.mostAtOnce).toBe(1);

    const ended = nextOutcome(worker);
    worker.end();
    expect(await ended).toEqual({ ok: true, value: 1 });
    expect(worker.started).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(worker.started).toBe(2);
    expect(worker.mostAtOnce).toBe(1);
  });

  it('gives a caller during a round that round’s result instead of starting another', async () => {
    const first = worker.runOnce();
    const joined = worker.runOnce();
    expect(joined).toBe(first);
    worker.end();
    await expect(Promise.all([first, joined])).resolves.toEqual([1, 1]);
    const next = worker.runOnce();
    expect(worker.started).toBe(2);
    worker.end();
    await expect(next).resolves.toBe(2);
  });

  it('keeps the timer going after a failed round, and reports the failure to listeners', async () => {
    worker.start(10);
    await vi.advanceTimersByTimeAsync(10);
    const failed = nextOutcome(worker);
    worker.end(new Error('database locked'));
    expect(await failed).toEqual({ ok: false, error: new Error('database locked') });

    await vi.advanceTimersByTimeAsync(10);
    expect(worker.started).toBe(2);
    const recovered = nextOutcome(worker);
    worker.end();
    expect(await recovered).toEqual({ ok: true, value: 2 });
  });

  it('runs no round after stop, and a listener removed hears nothing more', async () => {
    const heard: RoundOutcome<number>[] = [];
    const off = worker.onRound((outcome) => heard.push(outcome));
    worker.start(10);
    await vi.advanceTimersByTimeAsync(10);
    worker.stop();
    off();
    worker.end();
    await vi.advanceTimersByTimeAsync(100);
    expect(worker.started).toBe(1);
    expect(heard).toEqual([]);
  });

  it('drains: stops the timer and resolves only once the round in progress has ended, even a failed one', async () => {
    worker.start(10);
    await vi.advanceTimersByTimeAsync(10);
    const order: string[] = [];
    const drained = worker.drain().then(() => order.push('drained'));
    await vi.advanceTimersByTimeAsync(100);
    expect(worker.started).toBe(1);
    order.push('round ended');
    worker.end(new Error('database locked'));
    await drained;
    expect(order).toEqual(['round ended', 'drained']);
    await expect(worker.drain()).resolves.toBeUndefined();
  });
});
