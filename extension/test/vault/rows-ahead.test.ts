// Items listed ahead of their rows (vault/rows-ahead.ts, ADR 0027) in the item service, over a real
// IndexedDB implementation: a read waits for the write that carries the row, a failed write leaves
// the item listed ahead (not as an item with a row), and ending the listing drops what never came.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import { splitItem } from '@keyhold/shared/items/split-item';
import type { Item, Overview } from '@keyhold/shared/items/item';
import { sealItemRow } from '../../src/vault/item-codec';
import type { RemoteChanges } from '../../src/vault/item-service';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
const now = () => Date.now();
const note = (name: string) => newItem('note', { name, text: `text of ${name}` }, now());

async function worldWithAhead(items: Item[]) {
  const w = vaultWorld({ now });
  await w.vault.create(PASSWORD);
  const listed = await w.items.listAhead(items.map((item) => ({ id: item.id, overview: splitItem(item).overview as Overview })));
  expect(listed).toBe(items.length);
  return w;
}

/** Writes `item`'s row as sync would; `fail`: the write's own records throw, so nothing commits. */
function writeRow(w: Awaited<ReturnType<typeof worldWithAhead>>, item: Item, fail = false) {
  return w.items.applyRemote(async (state) => {
    const changes: RemoteChanges = {
      put: [sealItemRow(item, state)],
      remove: [],
      index: 'defer',
      tables: [w.db.outbox],
      async write() {
        if (fail) throw new Error('the disk is full');
      },
    };
    return { changes, result: null };
  });
}

async function pending(promise: Promise<unknown>): Promise<boolean> {
  const waited = Symbol('pending');
  const first = await Promise.race([
    promise.then(
      () => null,
      () => null,
    ),
    new Promise((resolve) => setTimeout(() => resolve(waited), 100)),
  ]);
  return first === waited;
}

describe('items listed ahead of their rows', () => {
  it('a read of one waits for the write that carries its row; a read of an item with a row does not', async () => {
    const [a, b] = [note('A'), note('B')];
    const w = await worldWithAhead([a, b]);
    const mine = await w.items.save(note('Mine'));
    expect((await w.items.get(mine.id)).name).toBe('Mine');
    const reading = w.items.get(a.id);
    expect(await pending(reading)).toBe(true);
    await writeRow(w, a);
    expect(await reading).toMatchObject({ id: a.id, name: 'A' });
    expect(await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).toMatchObject({ total: 3 });
    await w.items.endAhead();
    expect((await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).rows.map((r) => r.name)).toEqual(['A', 'Mine']);
  });

  it('a failed write leaves its item listed ahead, so ending the listing drops it, and the waiting read finds nothing', async () => {
    const a = note('A');
    const w = await worldWithAhead([a]);
    await expect(writeRow(w, a, true)).rejects.toThrow('the disk is full');
    const inIndex = await w.vault.borrow((state) => ({ ahead: state.index.isAhead(a.id), storedSize: state.index.storedSize }));
    expect(inIndex).toEqual({ ahead: true, storedSize: 0 });
    const reading = w.items.get(a.id);
    reading.catch(() => undefined);
    await w.items.endAhead();
    await expect(reading).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).toMatchObject({ total: 0 });
  });

  it('an import waits for every row listed ahead; a save of a new item does not', async () => {
    const a = note('A');
    const w = await worldWithAhead([a]);
    const importing = w.items.writeSealed(async () => ({ put: [], result: 'planned' }));
    expect(await pending(importing)).toBe(true);
    expect(await pending(w.items.save(note('New')))).toBe(false);
    await writeRow(w, a);
    expect(await importing).toBe('planned');
  });
});
