// A manifest seen as the hash tree of ADR 0023 (shared/src/sync/manifest-tree.ts): its leaves grouped
// by top slot (the first three hex digits of the id), and the node, mid and root hashes, each computed
// once when first asked for. A top slot of more than SPLIT_LEAVES leaves is a split (format 3), whose
// children are the slots one hex digit longer, recursively. A 10,000-item manifest hashes in a few
// milliseconds; comparing two trees mid by mid, then slot by slot, finds what differs without looking
// at the rest.
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  MID_COUNT,
  ROOT_FORMAT,
  SPLIT_WAYS,
  bucketOf,
  childSlot,
  encodeBucket,
  encodeMid,
  encodeSplit,
  idHex,
  mustSplit,
  nodeHash,
  topSlot,
  type Leaf,
  type RootFormat,
  type SlotKind,
} from '@keyhold/shared/sync/manifest-tree';
import type { Manifest } from './manifest';

export class TreeView {
  /** Per top bucket, its leaves with their ids' hex digits (for the slots below it). */
  private readonly leaves = new Map<number, { leaf: Leaf; hex: string }[]>();
  private readonly slotHashes = new Map<string, Uint8Array>();
  private readonly midHashes = new Map<number, Uint8Array>();

  /** `format`: the shape to compute (2 only to compare with a root from before splits). */
  constructor(
    manifest: Manifest,
    readonly format: RootFormat = ROOT_FORMAT,
  ) {
    for (const [id, entry] of manifest) {
      const bucket = bucketOf(id);
      let list = this.leaves.get(bucket);
      if (list === undefined) this.leaves.set(bucket, (list = []));
      const leaf = { id, revision: entry.revision, deleted: entry.deleted, digest: entry.deleted ? null : (entry.digest ?? null) };
      list.push({ leaf, hex: idHex(id) });
    }
  }

  /** The leaves whose id starts with `slot` (3 or more hex digits). */
  leavesUnder(slot: string): Leaf[] {
    const all = this.leaves.get(Number.parseInt(slot.slice(0, 3), 16)) ?? [];
    return (slot.length === 3 ? all : all.filter((one) => one.hex.startsWith(slot))).map((one) => one.leaf);
  }

  isEmpty(bucket: number): boolean {
    return !this.leaves.has(bucket);
  }

  /** What the slot holds (null when empty): a bucket of its leaves, or a split naming its 16 children. */
  slotNode(slot: string): { kind: SlotKind; bytes: Uint8Array } | null {
    const leaves = this.leavesUnder(slot);
    if (leaves.length === 0) return null;
    if (!mustSplit(leaves.length, slot, this.format)) return { kind: 'bucket', bytes: encodeBucket(leaves) };
    return { kind: 'split', bytes: encodeSplit(this.childHashes(slot)) };
  }

  /** The hashes of a split slot's 16 children. */
  childHashes(slot: string): Uint8Array[] {
    return Array.from({ length: SPLIT_WAYS }, (_, digit) => this.slotHash(childSlot(slot, digit)));
  }

  slotHash(slot: string): Uint8Array {
    let hash = this.slotHashes.get(slot);
    if (hash === undefined) {
      const node = this.slotNode(slot);
      hash = node === null ? EMPTY_BUCKET_HASH : nodeHash(node.kind, node.bytes);
      this.slotHashes.set(slot, hash);
    }
    return hash;
  }

  /** The hash of top slot `bucket`. */
  bucketHash(bucket: number): Uint8Array {
    return this.slotHash(topSlot(bucket));
  }

  /** The hashes of the 64 top slots under `mid`. */
  bucketHashesOf(mid: number): Uint8Array[] {
    return Array.from({ length: BUCKETS_PER_MID }, (_, i) => this.bucketHash(mid * BUCKETS_PER_MID + i));
  }

  midBytes(mid: number): Uint8Array {
    return encodeMid(this.bucketHashesOf(mid));
  }

  midHash(mid: number): Uint8Array {
    let hash = this.midHashes.get(mid);
    if (hash === undefined) {
      hash = nodeHash('mid', this.midBytes(mid));
      this.midHashes.set(mid, hash);
    }
    return hash;
  }

  /** The 64 mid hashes a root names. */
  mids(): Uint8Array[] {
    return Array.from({ length: MID_COUNT }, (_, mid) => this.midHash(mid));
  }
}
