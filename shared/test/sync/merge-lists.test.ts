// List order after a merge: the order of the side that changed the list is kept, and merging the
// result again gives the same list (no reshuffling on every sync).
import { describe, expect, it } from 'vitest';
import { NO_BASE } from '../../src/sync/merge-context';
import { mergeOrder, mergeStringSet } from '../../src/sync/merge-lists';

describe('mergeStringSet', () => {
  it('keeps the order of the only side that changed the list, including a reordering', () => {
    expect(mergeStringSet(['a', 'b', 'c'], ['a', 'b', 'c'], ['c', 'new', 'a'])).toEqual(['c', 'new', 'a']);
    expect(mergeStringSet(['a', 'b', 'c'], ['c', 'b', 'a'], ['a', 'b', 'c'])).toEqual(['c', 'b', 'a']);
  });

  it('when both changed it, applies both sides and leads with the local order', () => {
    expect(mergeStringSet(['a', 'b', 'c'], ['c', 'b', 'a', 'z'], ['a', 'm', 'b'])).toEqual(['b', 'a', 'z', 'm']);
  });

  it('gives the same list when the result is merged again with the same remote', () => {
    const cases: [string[], string[], string[]][] = [
      [
        ['i', 'v3'],
        ['i', 'v3'],
        ['i', 'v2', 'v3'],
      ],
      [
        ['a', 'b', 'c'],
        ['c', 'b', 'a', 'z'],
        ['a', 'm', 'b'],
      ],
      [['a', 'b'], ['b', 'a'], ['a']],
    ];
    for (const [base, local, remote] of cases) {
      const merged = mergeStringSet(base, local, remote);
      expect(mergeStringSet(base, merged, remote)).toEqual(merged);
    }
  });

  it('unions two lists created independently', () => {
    expect(mergeStringSet(NO_BASE, ['b', 'a'], ['c', 'a'])).toEqual(['b', 'a', 'c']);
    expect(mergeStringSet(NO_BASE, ['b', 'a'], ['b', 'a'])).toEqual(['b', 'a']);
  });
});

describe('mergeOrder', () => {
  it('places kept elements missing from the chosen order after it', () => {
    // Remote removed 'b' but local edited it, so it stays although the remote order lacks it.
    const change = { localChanged: true, sidesEqual: false };
    expect(mergeOrder(['a', 'b'], ['c', 'a'], new Set(['a', 'b', 'c']), change)).toEqual(['a', 'b', 'c']);
  });
});
