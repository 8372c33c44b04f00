// The manifest tree's pieces (ADR 0023): one encoding per bucket, strict decoding, hashes that keep
// node kinds apart, and a root only the vault key can make.
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/crypto/bytes.ts';
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  EMPTY_MID_HASH,
  LEAF_BYTES,
  LEGACY_ROOT_FORMAT,
  ManifestTreeError,
  MID_COUNT,
  ROOT_BYTES,
  ROOT_FORMAT,
  SPLIT_LEAVES,
  bucketOf,
  buildSlot,
  childSlot,
  decodeSplit,
  encodeSplit,
  idHex,
  sameHash,
  type SlotNode,
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
    expect(verifyRoot(keys, bytes)).toEqual({ format: ROOT_FORMAT, counter: 2 ** 40, mids });
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

  it('binds its format: a format-3 root relabelled as format 2 (or the other way) does not verify', () => {
    const three = signRoot(keys, { counter: 5, mids });
    const two = signRoot(keys, { counter: 5, mids }, LEGACY_ROOT_FORMAT);
    expect(verifyRoot(keys, two).format).toBe(LEGACY_ROOT_FORMAT);
    expect(verifyRoot(keys, three).format).toBe(ROOT_FORMAT);
    const relabelled = three.slice();
    relabelled[0] = LEGACY_ROOT_FORMAT;
    expect(() => verifyRoot(keys, relabelled)).toThrow(ManifestTreeError);
    const unknown = three.slice();
    unknown[0] = 4;
    expect(() => parseRoot(unknown)).toThrow(ManifestTreeError);
  });
});

describe('splits (format 3)', () => {
  // 40 ids in top slot abc, spread over the next digit: more than SPLIT_LEAVES, so abc is a split.
  const ids = Array.from({ length: 40 }, (_, i) => `abc${(i % 16).toString(16)}${i.toString(16).padStart(4, '0')}-1111-4a5b-8c6d-000000000001`);
  const leaves = ids.map((id, i) => live(id, i + 1));

  function collect(list: readonly Leaf[], slot: string, format: 2 | 3 = ROOT_FORMAT) {
    const nodes = new Map<string, SlotNode>();
    const hash = buildSlot(list, slot, format, (at, node) => nodes.set(at, node));
    return { hash, nodes };
  }

  it('a slot of more than SPLIT_LEAVES leaves splits by the next hex digit, and round-trips', () => {
    const { hash, nodes } = collect(leaves, 'abc');
    const top = nodes.get('abc')!;
    expect(top.kind).toBe('split');
    expect(top.hash).toEqual(hash);
    expect(nodeHash('split', top.bytes)).toEqual(hash);
    const children = decodeSplit(top.bytes, 'abc');
    const back: Leaf[] = [];
    children.forEach((child, digit) => {
      const slot = childSlot('abc', digit);
      if (sameHash(child, EMPTY_BUCKET_HASH)) return expect(nodes.has(slot)).toBe(false);
      const node = nodes.get(slot)!;
      expect(node.kind).toBe('bucket');
      expect(node.hash).toEqual(child);
      back.push(...decodeBucket(node.bytes, slot));
    });
    expect(back.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([...leaves].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // The same leaves in any order make the same tree; format 2 keeps one bucket.
    expect(collect([...leaves].reverse(), 'abc').hash).toEqual(hash);
    expect(collect(leaves, 'abc', LEGACY_ROOT_FORMAT).nodes.get('abc')!.kind).toBe('bucket');
    // At most SPLIT_LEAVES stay one bucket, with the same bytes as in format 2.
    const small = leaves.slice(0, SPLIT_LEAVES);
    expect(collect(small, 'abc').hash).toEqual(collect(small, 'abc', LEGACY_ROOT_FORMAT).hash);
  });

  it('splits again where a child is still too large, down to the deepest slot and no further', () => {
    const deep = Array.from({ length: SPLIT_LEAVES + 1 }, (_, i) => live(`abcdef01-23${i.toString(16).padStart(2, '0')}-4a5b-8c6d-000000000001`, 1));
    const { nodes } = collect(deep, 'abc');
    const splits = [...nodes].filter(([, node]) => node.kind === 'split').map(([slot]) => slot);
    expect(splits).toEqual(['abcdef0123', 'abcdef012', 'abcdef01', 'abcdef0', 'abcdef', 'abcde', 'abcd', 'abc']);
    expect(nodes.get('abcdef01230')!.kind).toBe('bucket');
    expect(decodeBucket(nodes.get('abcdef01230')!.bytes, 'abcdef01230')).toHaveLength(SPLIT_LEAVES + 1);
  });

  it('refuses a bucket that should be split, leaves outside the slot, and a split where none can be', () => {
    const big = encodeBucket(leaves.slice(0, SPLIT_LEAVES + 1));
    expect(() => decodeBucket(big, 'abc')).toThrow(ManifestTreeError);
    expect(decodeBucket(big, 'abc', LEGACY_ROOT_FORMAT)).toHaveLength(SPLIT_LEAVES + 1);
    const child = encodeBucket(leaves.filter((leaf) => idHex(leaf.id)[3] === '1'));
    expect(decodeBucket(child, 'abc1')).toHaveLength(3);
    expect(() => decodeBucket(child, 'abc2')).toThrow(ManifestTreeError);
    const split = collect(leaves, 'abc').nodes.get('abc')!.bytes;
    expect(() => decodeSplit(split, 'abc', LEGACY_ROOT_FORMAT)).toThrow(ManifestTreeError);
    expect(() => decodeSplit(split, 'abcdef01234')).toThrow(ManifestTreeError);
    expect(() => decodeSplit(split.subarray(16), 'abc')).toThrow(ManifestTreeError);
    expect(() => decodeSplit(encodeSplit(Array.from({ length: 16 }, () => EMPTY_BUCKET_HASH)), 'abc')).toThrow(ManifestTreeError);
    expect(nodeHash('split', split)).not.toEqual(nodeHash('bucket', split));
    expect(nodeHash('split', split)).not.toEqual(nodeHash('mid', split));
  });
});
