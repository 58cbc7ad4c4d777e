import type { Logger } from '../logger.js';
import type { CallLogRecord, CallLogStore } from '../storage/store.js';

/** How the call log batches its writes. */
export interface CallLogWriterOptions {
  /** Write what is buffered this long after the first entry of a batch arrived. @default 250 */
  flushMs: number;
  /** Write as soon as this many entries are buffered. @default 200 */
  batchSize: number;
  /**
   * The most entries held while the database is slow or away; past it new entries are dropped (and counted),
   * so a database outage cannot grow the process's memory without bound. @default 10_000
   */
  maxBuffered: number;
}

/** The defaults of {@link CallLogWriterOptions}. */
export const defaultCallLogWriterOptions: CallLogWriterOptions = { flushMs: 250, batchSize: 200, maxBuffered: 10_000 };

/**
 * Buffers call log entries in memory and writes them in batches, so that recording a call adds no database
 * round trip to it. What is buffered is written on {@link flush} and {@link close} (a graceful shutdown); a
 * process killed outright loses at most the last `flushMs` of entries, which the call log accepts.
 */
export class CallLogWriter {
  #buffer: CallLogRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #dropped = 0;
  readonly #options: CallLogWriterOptions;

  constructor(
    private readonly store: CallLogStore,
    private readonly logger: Logger,
    options: Partial<CallLogWriterOptions> = {},
  ) {
    this.#options = { ...defaultCallLogWriterOptions, ...options };
  }

  /** Entries dropped because the buffer was full, since the process started. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Entries waiting to be written. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Queues one entry; never waits and never throws. */
  add(record: CallLogRecord): void {
    if (this.#buffer.length >= this.#options.maxBuffered) {
      this.#dropped++;
      return;
    }
    this.#buffer.push(record);
    if (this.#buffer.length >= this.#options.batchSize) void this.flush();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), this.#options.flushMs);
      // A pending batch must not keep a process alive that has nothing else to do.
      this.#timer.unref();
    }
  }

  /** Writes everything buffered now; resolves once it (and any write before it) is stored or given up on. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#buffer;
    this.#buffer = [];
    // Writes are chained, so batches land in order and a flush waits for the one before it.
    this.#writing = this.#writing.then(() => this.#write(batch));
    return this.#writing;
  }

  async #write(batch: CallLogRecord[]): Promise<void> {
    for (let start = 0; start < batch.length; start += this.#options.batchSize) {
      const chunk = batch.slice(start, start + this.#options.batchSize);
      try {
        await this.store.insertCallLogs(chunk);
      } catch (error) {
        // The calls themselves succeeded or failed on their own; losing their log lines must not fail anything.
        this.#dropped += chunk.length;
        this.logger.warn({ event: 'call_log.write_failed', entries: chunk.length, name: (error as Error).name });
      }
    }
  }

  /** Writes what is left; the end of a process. */
  close(): Promise<void> {
    return this.flush();
  }
}
