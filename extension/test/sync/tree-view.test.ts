// The extension's TreeView and the shared builder (buildSlot) make the same tree: every device, and
// the server's test helpers, compute the same hashes for the same leaves, splits included.
import { describe, expect, it } from 'vitest';
import {
  BUCKETS_PER_MID,
  LEGACY_ROOT_FORMAT,
  MID_COUNT,
  ROOT_FORMAT,
  SPLIT_LEAVES,
  bucketOf,
  buildSlot,
  decodeSplit,
  encodeMid,
  nodeHash,
  topSlot,
  type Leaf,
  type RootFormat,
} from '@keyhold/shared/sync/manifest-tree';
import type { Manifest } from '../../src/sync/manifest';
import { TreeView } from '../../src/sync/tree-view';

function manifestOf(ids: readonly string[]): Manifest {
  return new Map(ids.map((id, i) => [id, { revision: i + 1, deleted: i % 7 === 0, digest: i % 7 === 0 ? null : new Uint8Array(16).fill(i % 256) }]));
}

function midsByBuilder(manifest: Manifest, format: RootFormat): Uint8Array[] {
  const byBucket = new Map<number, Leaf[]>();
  for (const [id, entry] of manifest) {
    const leaf = { id, revision: entry.revision, deleted: entry.deleted, digest: entry.deleted ? null : (entry.digest ?? null) };
    byBucket.set(bucketOf(id), [...(byBucket.get(bucketOf(id)) ?? []), leaf]);
  }
  return Array.from({ length: MID_COUNT }, (_, m) =>
    nodeHash(
      'mid',
      encodeMid(
        Array.from({ length: BUCKETS_PER_MID }, (_, i) =>
          buildSlot(byBucket.get(m * BUCKETS_PER_MID + i) ?? [], topSlot(m * BUCKETS_PER_MID + i), format),
        ),
      ),
    ),
  );
}

describe('TreeView', () => {
  // A crowded top slot (splits twice under abc1), and random ids elsewhere.
  const crowded = Array.from(
    { length: 4 * SPLIT_LEAVES },
    (_, i) =>
      `abc${i < 2 * SPLIT_LEAVES ? '1' : (i % 16).toString(16)}${i.toString(16).padStart(4, '0')}-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
  );
  const manifest = manifestOf([...crowded, ...Array.from({ length: 500 }, () => crypto.randomUUID())]);

  it('names the same mids as the shared builder, in format 3 and in format 2', () => {
    for (const format of [ROOT_FORMAT, LEGACY_ROOT_FORMAT] as const)
      expect(new TreeView(manifest, format).mids()).toEqual(midsByBuilder(manifest, format));
  });

  it('splits a crowded slot, and again below it where a child is still crowded', () => {
    const tree = new TreeView(manifest);
    expect(tree.slotNode('abc')!.kind).toBe('split');
    expect(decodeSplit(tree.slotNode('abc')!.bytes, 'abc')).toEqual(tree.childHashes('abc'));
    expect(tree.slotNode('abc1')!.kind).toBe('split');
    expect(tree.slotNode('abc2')!.kind).toBe('bucket');
    expect(new TreeView(manifest, LEGACY_ROOT_FORMAT).slotNode('abc')!.kind).toBe('bucket');
  });
});
