// A manifest seen as the hash tree of ADR 0023 (shared/src/sync/manifest-tree.ts): its leaves grouped
// into buckets, and the bucket, mid and root hashes, each computed once when first asked for. A
// 10,000-item manifest hashes in a few milliseconds; comparing two trees mid by mid, then bucket by
// bucket, finds what differs without looking at the rest.
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  MID_COUNT,
  bucketOf,
  encodeBucket,
  encodeMid,
  nodeHash,
  type Leaf,
} from '@keyhold/shared/sync/manifest-tree';
import type { Manifest } from './manifest';

export class TreeView {
  private readonly leaves = new Map<number, Leaf[]>();
  private readonly bucketHashes = new Map<number, Uint8Array>();
  private readonly midHashes = new Map<number, Uint8Array>();

  constructor(manifest: Manifest) {
    for (const [id, entry] of manifest) {
      const bucket = bucketOf(id);
      let list = this.leaves.get(bucket);
      if (list === undefined) this.leaves.set(bucket, (list = []));
      list.push({ id, revision: entry.revision, deleted: entry.deleted, digest: entry.deleted ? null : (entry.digest ?? null) });
    }
  }

  isEmpty(bucket: number): boolean {
    return !this.leaves.has(bucket);
  }

  bucketBytes(bucket: number): Uint8Array {
    return encodeBucket(this.leaves.get(bucket) ?? []);
  }

  bucketHash(bucket: number): Uint8Array {
    let hash = this.bucketHashes.get(bucket);
    if (hash === undefined) {
      hash = this.isEmpty(bucket) ? EMPTY_BUCKET_HASH : nodeHash('bucket', this.bucketBytes(bucket));
      this.bucketHashes.set(bucket, hash);
    }
    return hash;
  }

  /** The hashes of the 64 buckets under `mid`. */
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
