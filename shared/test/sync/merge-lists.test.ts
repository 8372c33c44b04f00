// List order after a merge: what one side did is kept, and the result does not depend on which
// replica runs the merge.
import { describe, expect, it } from 'vitest';
import { NO_BASE } from '../../src/sync/merge-context';
import { mergeOrder, mergeStringSet } from '../../src/sync/merge-lists';

describe('mergeStringSet', () => {
  it('keeps the order of the only side that changed the list, including a reordering', () => {
    expect(mergeStringSet(['a', 'b', 'c'], ['a', 'b', 'c'], ['c', 'new', 'a'])).toEqual(['c', 'new', 'a']);
    expect(mergeStringSet(['a', 'b', 'c'], ['c', 'b', 'a'], ['a', 'b', 'c'])).toEqual(['c', 'b', 'a']);
  });

  it('when both changed it, keeps a one-sided reordering and appends additions sorted', () => {
    const merged = mergeStringSet(['a', 'b', 'c'], ['c', 'b', 'a', 'z'], ['a', 'b', 'c', 'm']);
    expect(merged).toEqual(['c', 'b', 'a', 'm', 'z']);
    expect(mergeStringSet(['a', 'b', 'c'], ['a', 'b', 'c', 'm'], ['c', 'b', 'a', 'z'])).toEqual(merged);
  });

  it('unions two lists created independently', () => {
    expect(mergeStringSet(NO_BASE, ['b', 'a'], ['c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(mergeStringSet(NO_BASE, ['b', 'a'], ['b', 'a'])).toEqual(['b', 'a']);
  });
});

describe('mergeOrder', () => {
  it('places kept elements missing from the chosen order at the end', () => {
    // Remote removed 'b' but local edited it, so it stays although the remote order lacks it.
    expect(mergeOrder(['a', 'b'], ['a', 'b'], ['a', 'c'], new Set(['a', 'b', 'c']))).toEqual(['a', 'c', 'b']);
  });
});
