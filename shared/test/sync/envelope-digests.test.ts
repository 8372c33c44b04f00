import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { envelopeDigest } from '../../src/sync/manifest-tree.ts';
import { envelopeDigests } from '../../src/sync/envelope-digests.ts';

const envelopes = fc.record({ key: fc.string(), overview: fc.string({ unit: 'grapheme' }), details: fc.string({ maxLength: 3000 }) });

describe('envelopeDigests', () => {
  it('is envelopeDigest of each entry, byte for byte, for any text (non-ASCII included) and keeps deletions null', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(envelopes, { nil: null }), { maxLength: 20 }), async (list) => {
        const batch = await envelopeDigests(list);
        expect(batch).toEqual(list.map((e) => (e ? envelopeDigest(e) : null)));
      }),
    );
  });

  it('handles envelopes larger than its buffer, and the ones after them', async () => {
    const big = { key: 'k'.repeat(10), overview: 'ö'.repeat(50_000), details: 'd'.repeat(300_000) };
    const small = { key: 'a', overview: 'b', details: 'c' };
    expect(await envelopeDigests([small, big, small])).toEqual([envelopeDigest(small), envelopeDigest(big), envelopeDigest(small)]);
  });

  it('digests a list longer than a slice in order, also while another list is digested between its slices', async () => {
    const list = Array.from({ length: 1203 }, (_, i) => (i % 250 === 0 ? null : { key: `k${i}`, overview: `o${i}`, details: 'é'.repeat(i % 40) }));
    const other = list.slice(300, 900).reverse();
    const [a, b] = await Promise.all([envelopeDigests(list), envelopeDigests(other)]);
    expect(a).toEqual(list.map((e) => (e ? envelopeDigest(e) : null)));
    expect(b).toEqual(other.map((e) => (e ? envelopeDigest(e) : null)));
  });

  it('keeps two parts apart: moving text from one envelope to the next changes the digest', async () => {
    const [a, b] = await envelopeDigests([
      { key: 'ab', overview: 'c', details: '' },
      { key: 'a', overview: 'bc', details: '' },
    ]);
    expect(a).not.toEqual(b);
  });
});
