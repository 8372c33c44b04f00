// What a manifest tree's root in the vault header asks of the server (docs/adr/0023): before the root
// is published, every node it reaches must be stored, or devices would be handed a root they cannot
// follow; once it is, the nodes it no longer reaches are dropped. The root's MAC is the clients'
// business (the server has no key for it): here it is only read for the mid hashes it names.
import { EMPTY_BUCKET_HASH, EMPTY_MID_HASH, ROOT_BYTES, ROOT_FORMAT, decodeMid, parseRoot } from '@keyhold/shared/sync/manifest-tree';
import { DomainError } from '../domain/errors';
import type { Stores } from '../storage/port';

const key = (hash: Uint8Array): string => Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
const EMPTY_MID = key(EMPTY_MID_HASH);
const EMPTY_BUCKET = key(EMPTY_BUCKET_HASH);

/** The root in a header's `manifest`, or null for anything else (the sealed list of format 1, or none). */
export function manifestRoot(manifest: string | undefined): ReturnType<typeof parseRoot> | null {
  if (manifest === undefined) return null;
  const bytes = Buffer.from(manifest, 'base64url');
  if (bytes.length !== ROOT_BYTES || bytes[0] !== ROOT_FORMAT) return null;
  // A format-2 root of the right size that still does not parse (a counter of 0) is refused, not
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
export async function keepTreeOf(tx: Stores, accountId: string, root: { mids: Uint8Array[] }): Promise<void> {
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
  for (const mid of await tx.manifestNodes.get(accountId, [...mids.values()])) {
    for (const bucket of decodeMid(mid.bytes)) {
      const name = key(bucket);
      if (name === EMPTY_BUCKET) continue;
      if (held.get(name) !== 'bucket') throw incomplete();
      reachable.add(name);
    }
  }

  const unreachable = [...held.keys()].filter((name) => !reachable.has(name)).map((name) => Buffer.from(name, 'hex'));
  await tx.manifestNodes.delete(accountId, unreachable);
}
