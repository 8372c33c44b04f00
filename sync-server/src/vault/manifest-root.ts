// What a manifest tree's root in the vault header asks of the server (docs/adr/0023): before the root
// is published, every node it reaches must be stored, or devices would be handed a root they cannot
// follow; once it is, the nodes it no longer reaches are dropped. The root's MAC is the clients'
// business (the server has no key for it): here it is only read for the mid hashes it names, and the
// tree below it is walked by node kind: mids name top slots, a slot is a bucket or (format 3) a split
// naming 16 more slots, at most MAX_SPLIT_DEPTH levels of them.
import {
  EMPTY_BUCKET_HASH,
  EMPTY_MID_HASH,
  MAX_SPLIT_DEPTH,
  NODE_HASH_BYTES,
  ROOT_BYTES,
  ROOT_FORMAT,
  SPLIT_WAYS,
  decodeMid,
  isRootFormat,
  parseRoot,
  type RootFormat,
} from '@keyhold/shared/sync/manifest-tree';
import { DomainError } from '../domain/errors';
import type { Stores } from '../storage/port';

const key = (hash: Uint8Array): string => Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
const EMPTY_MID = key(EMPTY_MID_HASH);
const EMPTY_BUCKET = key(EMPTY_BUCKET_HASH);

/** The root in a header's `manifest`, or null for anything else (the sealed list of format 1, or none). */
export function manifestRoot(manifest: string | undefined): ReturnType<typeof parseRoot> | null {
  if (manifest === undefined) return null;
  const bytes = Buffer.from(manifest, 'base64url');
  if (bytes.length !== ROOT_BYTES || !isRootFormat(bytes[0])) return null;
  // A format-2 or -3 root of the right size that still does not parse (a counter of 0) is refused, not
  // stored as if it were a sealed list the server cannot read.
  try {
    return parseRoot(bytes);
  } catch {
    throw new DomainError('invalid', 'The manifest root is malformed.');
  }
}

/** A new account holds no nodes: the root it registers with may only name empty mids. */
export function assertEmptyTree(root: { mids: Uint8Array[] } | null): void {
  if (root?.mids.some((hash) => key(hash) !== EMPTY_MID)) {
    throw new DomainError('invalid', "A new account starts with an empty manifest tree: publish its items' tree once registered.");
  }
}

/**
 * Checks that the account holds every node `root` reaches, then deletes its nodes the root does not
 * reach. Call in the transaction that publishes the root: on a refusal, it rolls back with it.
 */
export async function keepTreeOf(tx: Stores, accountId: string, root: { format?: RootFormat; mids: Uint8Array[] }): Promise<void> {
  const held = new Map((await tx.manifestNodes.list(accountId)).map((node) => [key(node.hash), node.kind]));
  const incomplete = () =>
    new DomainError('invalid', 'The manifest tree is incomplete: upload its nodes first (vault.putNodes), then publish its root.');
  const reachable = new Set<string>();

  const mids = new Map<string, Uint8Array>();
  for (const hash of root.mids) if (key(hash) !== EMPTY_MID) mids.set(key(hash), hash);
  for (const name of mids.keys()) {
    if (held.get(name) !== 'mid') throw incomplete();
    reachable.add(name);
  }
  // The slots the mids name, then level by level the slots the splits among them name.
  const splitsAllowed = (root.format ?? ROOT_FORMAT) >= 3;
  let slots = new Map<string, Uint8Array>();
  for (const mid of await tx.manifestNodes.get(accountId, [...mids.values()])) {
    for (const slot of decodeMid(mid.bytes)) if (key(slot) !== EMPTY_BUCKET) slots.set(key(slot), slot);
  }
  for (let depth = 0; slots.size > 0; depth++) {
    const splits: Uint8Array[] = [];
    for (const [name, hash] of slots) {
      const kind = held.get(name);
      if (kind === 'split' && splitsAllowed && depth < MAX_SPLIT_DEPTH) splits.push(hash);
      else if (kind !== 'bucket') throw incomplete();
      reachable.add(name);
    }
    const next = new Map<string, Uint8Array>();
    for (const split of await tx.manifestNodes.get(accountId, splits)) {
      for (let i = 0; i < SPLIT_WAYS; i++) {
        const child = split.bytes.slice(i * NODE_HASH_BYTES, (i + 1) * NODE_HASH_BYTES);
        if (key(child) !== EMPTY_BUCKET && !reachable.has(key(child))) next.set(key(child), child);
      }
    }
    slots = next;
  }

  const unreachable = [...held.keys()].filter((name) => !reachable.has(name)).map((name) => Buffer.from(name, 'hex'));
  await tx.manifestNodes.delete(accountId, unreachable);
}
