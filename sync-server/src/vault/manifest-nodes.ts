// vault.putNodes / vault.getNodes / vault.getSubtrees: the manifest tree's buckets, splits and mids (docs/adr/0023), written by
// the clients and only stored here. The server files each node under the hash it computes itself, so
// a client cannot put bytes under a hash of its choosing, and it serves an account only its own
// nodes. Which nodes stay is decided by the root in the vault header (vault/manifest-root.ts).
import { createHash } from 'node:crypto';
import { EMPTY_BUCKET_HASH, MAX_SPLIT_DEPTH, MID_COUNT, NODE_HASH_BYTES, SPLIT_LEAVES, type NodeKind } from '@keyhold/shared/sync/manifest-tree';
import type {
  GetNodesInput,
  GetNodesOutput,
  GetSubtreesInput,
  GetSubtreesOutput,
  PutNodesInput,
  PutNodesOutput,
} from '@keyhold/shared/sync/protocol';
import { DomainError } from '../domain/errors';
import type { ManifestNodeRecord, Storage } from '../storage/port';
import { newResponseBudget, type ResponseBudget } from '../sync/pull-items';

/**
 * Nodes one account may hold at least: three full trees of format 2 (4,096 buckets + 64 mids each) —
 * the published one, a new one being uploaded, and room for an upload abandoned halfway. Publishing a
 * root drops the rest.
 */
export const MAX_ACCOUNT_NODES = 3 * (4096 + 64);

/**
 * The most nodes a root can reach over `leaves` items: its 64 mids; at most one bucket per leaf (a
 * stored bucket is never empty); and, on each of the MAX_SPLIT_DEPTH levels, at most one split per
 * SPLIT_LEAVES + 1 leaves (a split stands for more leaves than a bucket may hold, and the slots of
 * one level are disjoint).
 */
export const reachableNodes = (leaves: number): number => MID_COUNT + leaves + MAX_SPLIT_DEPTH * Math.floor(leaves / (SPLIT_LEAVES + 1));

/**
 * Nodes an account whose last assigned item revision is `revision` may hold: three trees as above.
 * Every item took a revision when first written, so the account's trees have at most `revision`
 * leaves; that bounds the node count by what the account stored, not by a fixed tree size.
 */
export const maxAccountNodes = (revision: number): number => Math.max(MAX_ACCOUNT_NODES, 3 * reachableNodes(revision));

const DOMAIN_BYTE: Record<NodeKind, Buffer> = { bucket: Buffer.of(0x01), mid: Buffer.of(0x02), split: Buffer.of(0x03) };

/**
 * nodeHash (shared/src/sync/manifest-tree.ts) on Node's native SHA-256: the same 16 bytes for every
 * kind (test/router/manifest-nodes.test.ts), where the portable one hashes a 10,000-item tree's
 * ~450 KB of nodes in JavaScript.
 */
export function serverNodeHash(kind: NodeKind, bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(DOMAIN_BYTE[kind]).update(bytes).digest().subarray(0, NODE_HASH_BYTES);
}

const toBase64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const EMPTY_SLOT = hex(EMPTY_BUCKET_HASH);

/** Levels below a mid: its top slots, then up to MAX_SPLIT_DEPTH levels of splits' children. */
const SUBTREE_LEVELS = 2 + MAX_SPLIT_DEPTH;

/** The hashes a node names: a mid its 64 top slots, a split its 16 children, a bucket none. */
function childHashes(node: { kind: NodeKind; bytes: Uint8Array }): Uint8Array[] {
  if (node.kind === 'bucket') return [];
  const children: Uint8Array[] = [];
  for (let at = 0; at + NODE_HASH_BYTES <= node.bytes.length; at += NODE_HASH_BYTES) children.push(node.bytes.subarray(at, at + NODE_HASH_BYTES));
  return children;
}

export function createManifestNodes(deps: { storage: Storage }) {
  const { storage } = deps;
  return {
    put: (who: { accountId: string }, input: PutNodesInput): Promise<PutNodesOutput> => {
      const byHash = new Map<string, ManifestNodeRecord>();
      for (const node of input.nodes) {
        const bytes = Buffer.from(node.bytes, 'base64url');
        const hash = serverNodeHash(node.kind, bytes);
        byHash.set(toBase64url(hash), { hash, kind: node.kind, bytes });
      }
      return storage.transaction(async (tx) => {
        // The account row's lock orders this upload after a concurrent one (the count below stays
        // true) and after a vault.putHeader that is dropping unreachable nodes.
        const revision = await tx.items.lockRevision(who.accountId);
        if (revision === null) throw new DomainError('not_found', 'This account no longer exists.');
        const stored = await tx.manifestNodes.put(who.accountId, [...byHash.values()]);
        const limit = maxAccountNodes(revision);
        if (stored > 0 && (await tx.manifestNodes.count(who.accountId)) > limit) {
          throw new DomainError(
            'forbidden',
            `This account would hold more than ${limit} manifest nodes. Publish a manifest root with vault.putHeader ` +
              '(the nodes it does not name are then dropped) before uploading more.',
          );
        }
        return { stored };
      });
    },

    get: async (who: { accountId: string }, input: GetNodesInput, budget: ResponseBudget = newResponseBudget()): Promise<GetNodesOutput> => {
      if (budget.remainingChars <= 0) {
        throw new DomainError('rate_limited', 'This request already carries a full answer: ask for more nodes in a request of its own.');
      }
      const found = await storage.manifestNodes.get(
        who.accountId,
        input.hashes.map((hash) => Buffer.from(hash, 'base64url')),
      );
      const nodes = found.map((node) => ({ hash: toBase64url(node.hash), kind: node.kind, bytes: toBase64url(node.bytes) }));
      // Buckets are small (39 bytes an item); only a client that wrote huge ones into its own account
      // reaches this, and it is told so rather than handed a partial answer that looks like missing nodes.
      const chars = nodes.reduce((n, node) => n + node.bytes.length, 0);
      if (chars > budget.remainingChars) {
        throw new DomainError('rate_limited', 'These nodes are too large for one answer: ask for fewer at a time.');
      }
      budget.remainingChars -= chars;
      return { nodes };
    },

    /**
     * The nodes named and, level by level, every node of the account's they name, until the answer
     * would pass the response budget (`complete: false`; the client asks for the rest by hash). The
     * walk follows what the nodes say, not the published root, so a device gets exactly the part of a
     * tree it asked for; it checks every node against its parent's hash as from getNodes.
     */
    subtrees: async (
      who: { accountId: string },
      input: GetSubtreesInput,
      budget: ResponseBudget = newResponseBudget(),
    ): Promise<GetSubtreesOutput> => {
      if (budget.remainingChars <= 0) {
        throw new DomainError('rate_limited', 'This request already carries a full answer: ask for the subtrees in a request of its own.');
      }
      const nodes: GetSubtreesOutput['nodes'] = [];
      const seen = new Set<string>();
      let level: Uint8Array[] = input.hashes.map((hash) => Buffer.from(hash, 'base64url'));
      for (const hash of level) seen.add(hex(hash));
      for (let depth = 0; level.length > 0 && depth < SUBTREE_LEVELS; depth++) {
        const next: Uint8Array[] = [];
        for (const node of await storage.manifestNodes.get(who.accountId, level)) {
          const bytes = toBase64url(node.bytes);
          if (bytes.length > budget.remainingChars) return { nodes, complete: false };
          budget.remainingChars -= bytes.length;
          nodes.push({ hash: toBase64url(node.hash), kind: node.kind, bytes });
          for (const child of childHashes(node)) {
            const name = hex(child);
            if (name === EMPTY_SLOT || seen.has(name)) continue;
            seen.add(name);
            next.push(child);
          }
        }
        level = next;
      }
      return { nodes, complete: level.length === 0 };
    },
  };
}
