// The manifest tree's pieces (ADR 0023): one encoding per bucket, strict decoding, hashes that keep
// node kinds apart, and a root only the vault key can make.
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/crypto/bytes.ts';
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  EMPTY_MID_HASH,
  LEAF_BYTES,
  ManifestTreeError,
  MID_COUNT,
  ROOT_BYTES,
  bucketOf,
  decodeBucket,
  decodeMid,
  encodeBucket,
  encodeMid,
  envelopeDigest,
  nodeHash,
  parseRoot,
  signRoot,
  verifyRoot,
  type Leaf,
} from '../../src/sync/manifest-tree.ts';

const keys = { accountId: 'c0ffee00-0000-4000-8000-000000000001', vaultKey: randomBytes(32) };
const A = 'abc00000-1111-4a5b-8c6d-000000000001';
const B = 'abc00000-1111-4a5b-8c6d-000000000002';
const live = (id: string, revision: number): Leaf => ({ id, revision, deleted: false, digest: randomBytes(16) });

describe('buckets', () => {
  it('round-trip, 39 bytes a leaf, the same bytes whatever the order', () => {
    const leaves = [live(B, 2 ** 40 + 3), { id: A, revision: 7, deleted: true, digest: null }];
    const bytes = encodeBucket(leaves);
    expect(bytes.length).toBe(2 * LEAF_BYTES);
    expect(encodeBucket([...leaves].reverse())).toEqual(bytes);
    expect(decodeBucket(bytes, bucketOf(A))).toEqual([leaves[1], leaves[0]]);
  });

  it('keeps "digest not known" apart from a known digest', () => {
    const unknown: Leaf = { id: A, revision: 1, deleted: false, digest: null };
    expect(decodeBucket(encodeBucket([unknown]), bucketOf(A))).toEqual([unknown]);
    expect(nodeHash('bucket', encodeBucket([unknown]))).not.toEqual(nodeHash('bucket', encodeBucket([{ ...unknown, digest: new Uint8Array(16) }])));
  });

  it('refuses leaves out of order, of another bucket, duplicated, or with impossible flags', () => {
    const bytes = encodeBucket([live(A, 1), live(B, 2)]);
    const swapped = new Uint8Array(bytes.length);
    swapped.set(bytes.subarray(LEAF_BYTES), 0);
    swapped.set(bytes.subarray(0, LEAF_BYTES), LEAF_BYTES);
    expect(() => decodeBucket(swapped, bucketOf(A))).toThrow(ManifestTreeError);
    expect(() => decodeBucket(bytes, bucketOf(A) + 1)).toThrow(ManifestTreeError);
    expect(() => decodeBucket(bytes.subarray(1), bucketOf(A))).toThrow(ManifestTreeError);
    const badFlags = bytes.slice();
    badFlags[22] = 0b100;
    expect(() => decodeBucket(badFlags, bucketOf(A))).toThrow(ManifestTreeError);
    const deletedWithDigest = bytes.slice();
    deletedWithDigest[22] = 0b01;
    expect(() => decodeBucket(deletedWithDigest, bucketOf(A))).toThrow(ManifestTreeError);
    expect(() => encodeBucket([live(A, 1), live(A, 2)])).toThrow(ManifestTreeError);
  });
});

describe('hashes', () => {
  it('separate node kinds: bytes that are a bucket hash otherwise as a mid', () => {
    const bytes = encodeMid(Array.from({ length: BUCKETS_PER_MID }, () => EMPTY_BUCKET_HASH));
    expect(nodeHash('mid', bytes)).toEqual(EMPTY_MID_HASH);
    expect(nodeHash('bucket', bytes)).not.toEqual(EMPTY_MID_HASH);
    expect(decodeMid(bytes)).toHaveLength(BUCKETS_PER_MID);
    expect(() => decodeMid(bytes.subarray(1))).toThrow(ManifestTreeError);
  });

  it('digest the three envelopes unambiguously (moving a character between parts changes it)', () => {
    expect(envelopeDigest({ key: 'ab', overview: 'c', details: 'd' })).not.toEqual(envelopeDigest({ key: 'a', overview: 'bc', details: 'd' }));
    expect(envelopeDigest({ key: 'a', overview: 'b', details: 'c' })).toHaveLength(16);
  });
});

describe('the root', () => {
  const mids = Array.from({ length: MID_COUNT }, (_, i) => (i === 3 ? randomBytes(16) : EMPTY_MID_HASH));

  it('verifies with the vault key and account it was made for, and with nothing else', () => {
    const bytes = signRoot(keys, { counter: 2 ** 40, mids });
    expect(bytes.length).toBe(ROOT_BYTES);
    expect(verifyRoot(keys, bytes)).toEqual({ counter: 2 ** 40, mids });
    expect(() => verifyRoot({ ...keys, vaultKey: randomBytes(32) }, bytes)).toThrow(ManifestTreeError);
    expect(() => verifyRoot({ ...keys, accountId: 'c0ffee00-0000-4000-8000-000000000002' }, bytes)).toThrow(ManifestTreeError);
  });

  it('refuses a changed counter or mid hash (the server cannot roll the counter or swap a subtree)', () => {
    const bytes = signRoot(keys, { counter: 5, mids });
    for (const at of [8, 9 + 3 * 16]) {
      const tampered = bytes.slice();
      tampered[at] = tampered[at]! ^ 1;
      expect(() => verifyRoot(keys, tampered)).toThrow(ManifestTreeError);
    }
    expect(parseRoot(bytes).counter).toBe(5);
    expect(() => parseRoot(bytes.subarray(1))).toThrow(ManifestTreeError);
    expect(() => signRoot(keys, { counter: 0, mids })).toThrow(ManifestTreeError);
  });
});
