// Search sends the query on every keystroke with no debounce; replies can arrive out of order, so
// each request takes a sequence number and only the reply to the newest request is applied.

export type LatestOnly = {
  /** Starts a request; returns its sequence number. */
  next(): number;
  /** Whether a reply to request `seq` may still be shown (no newer request was started). */
  isCurrent(seq: number): boolean;
  readonly current: number;
};

export function createLatestOnly(): LatestOnly {
  let seq = 0;
  return {
    next: () => ++seq,
    isCurrent: (n) => n === seq,
    get current() {
      return seq;
    },
  };
}
