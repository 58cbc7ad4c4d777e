import { RoundWorker } from './round-worker.js';
import type { TokenRefresher } from './token-refresh.js';

/**
 * Refreshes OAuth tokens that expire soon, ahead of their next use, so a call never waits for a refresh. Each round
 * takes up to `limit` connections from {@link TokenRefresher.refreshDue}, which locks each one before refreshing.
 */
export class RefreshWorker extends RoundWorker<number> {
  constructor(
    private readonly refresher: TokenRefresher,
    private readonly limit = 100,
  ) {
    super();
  }

  /** Refreshes what is due; returns how many connections were due. */
  protected override round(): Promise<number> {
    return this.refresher.refreshDue(this.limit);
  }
}
