/** A promise a test opens itself: wait on `opened` for an event (a request arriving, a round ending), never a sleep. */
export interface Latch {
  opened: Promise<void>;
  open(): void;
}

/** Makes a {@link Latch}; opening it twice changes nothing. */
export function createLatch(): Latch {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
