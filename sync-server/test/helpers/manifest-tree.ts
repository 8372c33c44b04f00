// Manifest trees as a client writes them (shared/src/sync/manifest-tree.ts): the nodes to upload
// with vault.putNodes and the root to publish in the header's `manifest`.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  MID_COUNT,
  ROOT_FORMAT,
  bucketOf,
  buildSlot,
  encodeMid,
  nodeHash,
  signRoot,
  topSlot,
  type Leaf,
  type NodeKind,
  type RootFormat,
} from '@keyhold/shared/sync/manifest-tree';

export type WireNode = { kind: NodeKind; bytes: string };
export type Tree = {
  /** Every non-empty bucket, split and mid. */
  nodes: WireNode[];
  /** base64url of each node's hash, by the node's bytes. */
  hashOf(node: WireNode): string;
  /** The signed root, base64url, for the header's `manifest`. */
  manifest: string;
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export const leaf = (overrides: Partial<Leaf> = {}): Leaf => ({
  id: randomUUID(),
  revision: 1,
  deleted: false,
  digest: randomBytes(16),
  ...overrides,
});

/** The tree of `leaves` in `format` (3: buckets of more than SPLIT_LEAVES leaves split; 2: never). */
export function buildTree(
  leaves: readonly Leaf[],
  keys: { accountId: string; vaultKey?: Uint8Array },
  counter = 1,
  format: RootFormat = ROOT_FORMAT,
): Tree {
  const byBucket = new Map<number, Leaf[]>();
  for (const one of leaves) byBucket.set(bucketOf(one.id), [...(byBucket.get(bucketOf(one.id)) ?? []), one]);
  const nodes: WireNode[] = [];
  const mids = Array.from({ length: MID_COUNT }, (_, m) => {
    const bucketHashes = Array.from({ length: BUCKETS_PER_MID }, (_, i) =>
      buildSlot(byBucket.get(m * BUCKETS_PER_MID + i) ?? [], topSlot(m * BUCKETS_PER_MID + i), format, (_slot, node) =>
        nodes.push({ kind: node.kind, bytes: b64(node.bytes) }),
      ),
    );
    const bytes = encodeMid(bucketHashes);
    if (bucketHashes.some((hash) => hash !== EMPTY_BUCKET_HASH)) nodes.push({ kind: 'mid', bytes: b64(bytes) });
    return nodeHash('mid', bytes);
  });
  const root = signRoot({ accountId: keys.accountId, vaultKey: keys.vaultKey ?? new Uint8Array(32).fill(7) }, { counter, mids }, format);
  return { nodes, hashOf, manifest: b64(root) };
}

export function hashOf(node: WireNode): string {
  return b64(nodeHash(node.kind, Buffer.from(node.bytes, 'base64url')));
}
