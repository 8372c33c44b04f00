// The order item writes run in (item-writes.ts). Each write starts once every write before it has
// settled — except a pipelined one right behind a pipelined one, which starts as soon as that one
// has handed off: created its rows' transaction. IndexedDB starts read-write transactions over the
// same tables in the order they were created, and a read asked for later waits for them, so rows
// still land in queue order and no reader finds a listed item whose row is not on its way, while the
// next page of a download is listed and cloned during the last one's commit instead of after it.

/**
 * `pipelined`: may start once the write before has handed off, if that one is pipelined too. Only
 * for writes of ids no unfinished write touches — a download's pages, each item listed once.
 */
export type QueueOptions = { pipelined?: boolean };

export function createWriteQueue() {
  /** Settles once every write queued so far has. */
  let settled: Promise<unknown> = Promise.resolve();
  /** Settles once the last write queued has handed off (if pipelined) or settled. */
  let handedOff: Promise<unknown> = Promise.resolve();
  /** The hand-off of the pipelined write running now, until it takes it. */
  let handOffNow: (() => void) | null = null;
  /** What the write running now finds queued before it, settling once all of that has. */
  let beforeNow: Promise<unknown> = Promise.resolve();

  return {
    /** Runs `work` in turn (see above); a write that never hands off does so when it settles. */
    exclusive<T>(work: () => Promise<T>, options: QueueOptions = {}): Promise<T> {
      const after = options.pipelined ? handedOff : settled;
      const before = settled;
      let handOff!: () => void;
      const handed = new Promise<void>((resolve) => (handOff = resolve));
      const start = () => {
        handOffNow = options.pipelined ? handOff : null;
        beforeNow = before;
        return work();
      };
      const run = after.then(start, start);
      const done = run.then(
        () => undefined,
        () => undefined,
      );
      void done.then(handOff);
      settled = Promise.all([settled, done]);
      handedOff = options.pipelined ? handed : done;
      return run;
    },

    /**
     * The running write's hand-off, taken once (null for a write that is not pipelined), to call when
     * its transaction exists. Taken by the running write: no other starts until it is called or the
     * write settles, so none can take it first.
     */
    takeHandOff(): (() => void) | null {
      const handOff = handOffNow;
      handOffNow = null;
      return handOff;
    },

    /**
     * For the running write, taken as it starts: settles once every write queued before it has
     * settled (at once for a write that is not pipelined; a pipelined one may start sooner).
     */
    takeBefore(): Promise<unknown> {
      return beforeNow;
    },
  };
}
