import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, retain, selectAll } from '../../src/ui/lib/selection';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const between = (from: number, to: number) => ids.slice(from, to + 1);

describe('bulk selection', () => {
  it('toggles single rows', () => {
    const one = clickRow(EMPTY_SELECTION, { index: 1, id: 'b', range: false }, between);
    expect([...one.ids]).toEqual(['b']);
    const none = clickRow(one, { index: 1, id: 'b', range: false }, between);
    expect([...none.ids]).toEqual([]);
  });

  it('shift-click selects the range from the anchor, in either direction', () => {
    const anchor = clickRow(EMPTY_SELECTION, { index: 1, id: 'b', range: false }, between);
    const down = clickRow(anchor, { index: 4, id: 'e', range: true }, between);
    expect([...down.ids].sort()).toEqual(['b', 'c', 'd', 'e']);
    const up = clickRow(clickRow(EMPTY_SELECTION, { index: 4, id: 'e', range: false }, between), { index: 2, id: 'c', range: true }, between);
    expect([...up.ids].sort()).toEqual(['c', 'd', 'e']);
  });

  it('treats a shift-click without an anchor as a plain click', () => {
    const s = clickRow(EMPTY_SELECTION, { index: 3, id: 'd', range: true }, between);
    expect([...s.ids]).toEqual(['d']);
    expect(s.anchor).toBe(3);
  });

  it('selects all and drops ids that disappeared', () => {
    const all = selectAll(ids);
    expect(all.ids.size).toBe(6);
    expect([...retain(all, new Set(['a', 'f'])).ids]).toEqual(['a', 'f']);
  });
});
