// Items listed ahead of their rows (overview-index.ts; a new device's first sync, ADR 0027, and the
// items of a download's last write while it seals the index before creating its transaction,
// item-writes.ts): a read or a write of such an item waits until its row is on its way — the write
// that carries it has created its transaction, after which IndexedDB makes any later read of the row
// wait for that write — or until the listing that listed it ends without it (the item is then no
// longer listed).

type Waiting = { promise: Promise<void>; resolve: () => void };

export function createRowsAhead() {
  const waiting = new Map<string, Waiting>();

  return {
    /** Items whose rows are to come; returns those not waited for already. */
    add(ids: Iterable<string>): string[] {
      const added: string[] = [];
      for (const id of ids) {
        if (waiting.has(id)) continue;
        added.push(id);
        let resolve!: () => void;
        const promise = new Promise<void>((done) => (resolve = done));
        waiting.set(id, { promise, resolve });
      }
      return added;
    },

    /** These items' rows are on their way (or will never come): whoever waits for them goes on. */
    arrived(ids: Iterable<string>): void {
      if (waiting.size === 0) return;
      for (const id of ids) {
        waiting.get(id)?.resolve();
        waiting.delete(id);
      }
    },

    /** Every item's wait is over (the listing ended). */
    clear(): void {
      for (const { resolve } of waiting.values()) resolve();
      waiting.clear();
    },

    /** Settles once none of `ids` is waited for any more; at once when none is. */
    async ready(ids: Iterable<string>): Promise<void> {
      if (waiting.size === 0) return;
      const pending: Promise<void>[] = [];
      for (const id of ids) {
        const entry = waiting.get(id);
        if (entry) pending.push(entry.promise);
      }
      await Promise.all(pending);
    },

    /** Settles once no item is waited for (a write that may touch any item). */
    async all(): Promise<void> {
      while (waiting.size > 0) await Promise.all([...waiting.values()].map((w) => w.promise));
    },

    get size(): number {
      return waiting.size;
    },
  };
}

export type RowsAhead = ReturnType<typeof createRowsAhead>;
