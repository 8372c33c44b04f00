// The manifest as one sync run uses it (ADR 0023): this device's trusted copy (every item's newest
// revision a device wrote, with the digest of its envelopes; kept in syncState), brought up to date
// from the server's hash tree at most once per run and only when a change is not vouched by the copy;
// and the writing side, which adds this device's accepted writes ("owed" entries, persisted with the
// writes themselves) to the server's tree with the header's compare-and-swap, retrying when another
// device wrote first.
//
// Reading: the header carries the tree's root, MAC'd with a key derived from the vault key, with a
// counter. The device checks the MAC, that the counter is not below the one it holds and the format
// not below the one it has seen, compares the root's 64 mid hashes with its own copy's, fetches only
// the mids that differ, then only the slots that differ under them, level by level down the splits —
// the cost follows the change, not the vault — and merges their leaves.
// Writing: the device uploads the nodes its new tree has and the server's has not, then publishes the
// new root (counter + 1) in the header; the server refuses a root whose nodes it lacks.
// An account still on the sealed whole-list manifest (format 1) is moved to the tree by the first
// device that writes: it fills in the digests it can vouch for from its own synced copies. An account
// on the tree before splits (format 2) is moved to format 3 by the first device that syncs: the slots
// that split and their mids are uploaded, every other node is the same in both formats.
import { base64urlToBytes, bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import type { GetSubtreesOutput, HeaderState } from '@keyhold/shared/sync/protocol';
import { nodeHasher } from '@keyhold/shared/sync/node-hasher';
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  EMPTY_MID_HASH,
  MID_COUNT,
  ManifestTreeError,
  ROOT_BYTES,
  ROOT_FORMAT,
  childSlot,
  decodeBucket,
  decodeMid,
  decodeSplit,
  encodeMid,
  isRootFormat,
  mustSplit,
  sameHash,
  signRoot,
  topSlot,
  verifyRoot,
  type NodeKind,
  type RootFormat,
  type SlotKind,
} from '@keyhold/shared/sync/manifest-tree';
import { readOwed, settleOwed } from './owed';
import type { ServerClient } from './server-client';
import type { SyncDb } from './sync-db';
import type { HeaderCache, SyncState } from './state-records';
import type { Reports } from './reports';
import { TreeView } from './tree-view';
import {
  judge,
  ManifestError,
  manifestFromRecords,
  manifestToRecords,
  mergeManifests,
  openManifest,
  sealManifest,
  type Manifest,
  type ManifestEntry,
  type Verdict,
} from './manifest';

type Keys = { accountId: string; vaultKey: Uint8Array };
/** Nodes a subtree read handed out, by hash as named by the server: not yet checked. */
type WireNode = GetSubtreesOutput['nodes'][number];
type Prefetched = Map<string, WireNode>;

const PUT_HEADER_ATTEMPTS = 4;
// Hashes travel in the query string: 128 keep a request line under 8 KB (a proxy's usual limit).
const NODES_PER_GET = 128;
/** Node requests in flight at once. */
export const GETS_IN_FLIGHT = 4;
const NODES_PER_PUT = 1024;
/** Bytes of node data per upload request (base64 makes it a third more on the wire). */
const BYTES_PER_PUT = 384 * 1024;
/** Node uploads sent at once. */
const PUTS_IN_FLIGHT = 2;
const EMPTY_MID_BYTES = encodeMid(Array.from({ length: BUCKETS_PER_MID }, () => EMPTY_BUCKET_HASH));

/**
 * What the server's tree is, as far as this run knows: the root's format, counter and mid hashes; the
 * child hashes of the mids and splits fetched this run, by the node's hash; and `mirror`, a tree of
 * this device's whose nodes are the server's wherever their hashes agree (its copy as last taken in or
 * written). `tree: false` — the account is still on the format-1 manifest (or has none): the server
 * holds no nodes.
 */
type ServerTree =
  | { tree: false }
  | { tree: true; format: RootFormat; counter: number; mids: Uint8Array[]; children: Map<string, Uint8Array[]>; mirror: TreeView | null };

/** The digests this device can vouch for: those of its synced copies (its bases), by item id. */
export type DigestSource = (ids: readonly string[]) => Promise<Map<string, { revision: number; digest: Uint8Array }>>;

/** A node the server should have (its root names it) but did not hand out. */
class MissingNodeError extends Error {
  override readonly name = 'MissingNodeError';
}

export function isTreeRoot(manifest: string | undefined): boolean {
  if (manifest === undefined) return false;
  try {
    const bytes = base64urlToBytes(manifest);
    return bytes.length === ROOT_BYTES && isRootFormat(bytes[0]);
  } catch {
    return false;
  }
}

/**
 * The header's manifest made again under a new vault key (a key rotation): a tree root re-signed with
 * the counter one up (its nodes do not depend on the key), a format-1 manifest sealed again.
 */
export function resignManifest(text: string, accountId: string, from: Uint8Array, to: Uint8Array): string {
  if (!isTreeRoot(text)) return sealManifest(openManifest(text, { accountId, vaultKey: from }), { accountId, vaultKey: to });
  const root = verifyRoot({ accountId, vaultKey: from }, base64urlToBytes(text));
  return bytesToBase64url(signRoot({ accountId, vaultKey: to }, { counter: root.counter + 1, mids: root.mids }, root.format));
}

/** The format of a root this device holds (its first byte). */
const formatOf = (root: string): number => base64urlToBytes(root)[0]!;

/** The root of an account with no items yet (sign-up): counter 1, every mid empty. */
export function emptyManifestRoot(keys: Keys): string {
  return bytesToBase64url(signRoot(keys, { counter: 1, mids: Array.from({ length: MID_COUNT }, () => EMPTY_MID_HASH) }));
}

export function createManifestBook(deps: {
  db: SyncDb;
  state: SyncState;
  client: ServerClient;
  keys: Keys;
  reports: Reports;
  digests?: DigestSource;
}) {
  const { state, client, keys } = deps;
  let copy: Map<string, ManifestEntry> | null = null;
  let header: HeaderState | null = null;
  let server: ServerTree = { tree: false };
  /** The header's tree did not check out in this run (see treeUnreadable). */
  let unreadable = false;
  /** The last root taken in (a pull page carries the same root page after page). */
  let adopted: string | null = null;
  /** The root being taken in: a second offer of it shares the work; another waits its turn. */
  let adopting: { text: string; done: Promise<void> } | null = null;
  /** Settles once this run has taken a served tree in, before it is stored (treeTaken). */
  let tookTree!: () => void;
  const treeTaken = new Promise<void>((resolve) => (tookTree = resolve));

  /**
   * The server's root or a node below it did not check out (forged, or withheld): reported, and until
   * a root is taken in, this device writes no root of its own. What it holds may be a fraction of the
   * account's manifest — nothing at all on a first sync — and a root over that would take the rest
   * out of the account's tree for every device.
   */
  async function treeUnreadable(): Promise<void> {
    unreadable = true;
    await deps.reports.add('manifest-invalid');
  }

  async function local(): Promise<Map<string, ManifestEntry>> {
    copy ??= manifestFromRecords((await state.get('manifest')) ?? []);
    return copy;
  }

  /**
   * Nodes by hash, each checked against the hash it was asked for; empty nodes are not fetched. A
   * 'slot' node is a bucket or a split: the kind the server names is the domain its hash is checked in.
   * Nodes already handed out by a subtree read (`prefetched`) are checked the same way and not asked
   * for again; one that fails the check is asked for by hash like any other.
   */
  async function fetchNodes(
    kind: 'mid' | 'slot',
    hashes: readonly Uint8Array[],
    prefetched: Prefetched = new Map(),
  ): Promise<Map<string, { kind: NodeKind; bytes: Uint8Array }>> {
    const found = new Map<string, { kind: NodeKind; bytes: Uint8Array }>();
    const wanted = new Map<string, Uint8Array>();
    for (const hash of hashes) {
      const key = bytesToBase64url(hash);
      if (kind === 'mid' && sameHash(hash, EMPTY_MID_HASH)) found.set(key, { kind: 'mid', bytes: EMPTY_MID_BYTES });
      else if (kind === 'slot' && sameHash(hash, EMPTY_BUCKET_HASH)) found.set(key, { kind: 'bucket', bytes: new Uint8Array(0) });
      else wanted.set(key, hash);
    }
    const hash = await nodeHasher();
    const take = (nodes: Iterable<WireNode>) => {
      for (const node of nodes) {
        const expected = wanted.get(node.hash);
        const kindAsked = kind === 'mid' ? node.kind === 'mid' : node.kind !== 'mid';
        if (expected === undefined || !kindAsked) continue;
        const bytes = base64urlToBytes(node.bytes);
        // Only what was asked for, of the kind asked for, and only bytes that hash to it.
        if (sameHash(hash(node.kind, bytes), expected)) found.set(node.hash, { kind: node.kind, bytes });
      }
    };
    take([...wanted.keys()].flatMap((key) => prefetched.get(key) ?? []));
    const asked = [...wanted.keys()].filter((key) => !found.has(key));
    const chunks: string[][] = [];
    for (let i = 0; i < asked.length; i += NODES_PER_GET) chunks.push(asked.slice(i, i + NODES_PER_GET));
    // Without a subtree read, a first sync asks for the whole tree (32 requests at 10,000 items): a
    // few in flight at once, the next one sent as soon as one is answered, each answer checked as it comes.
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) take((await client.getNodes({ hashes: chunks[next++]! })).nodes);
    };
    await Promise.all(Array.from({ length: Math.min(GETS_IN_FLIGHT, chunks.length) }, worker));
    for (const key of asked) if (!found.has(key)) throw new MissingNodeError(`the server did not hand out ${kind} ${key}`);
    return found;
  }

  /**
   * Every node below the mids named, as the server hands them out (vault.getSubtrees), unchecked:
   * fetchNodes checks each one it uses. For the mids under which this device holds nothing (all of
   * them on a first sync), where every node below will be needed: a few requests instead of one per
   * 128 nodes. A server without the call, or one that refuses it, leaves the nodes to be asked for by hash.
   */
  async function fetchSubtrees(mids: readonly Uint8Array[]): Promise<Prefetched> {
    const prefetched: Prefetched = new Map();
    const groups: string[][] = [];
    const per = Math.ceil(mids.length / GETS_IN_FLIGHT);
    for (let i = 0; i < mids.length; i += per) groups.push(mids.slice(i, i + per).map(bytesToBase64url));
    await Promise.all(
      groups.map(async (hashes) => {
        try {
          for (const node of (await client.getSubtrees({ hashes })).nodes) prefetched.set(node.hash, node);
        } catch {
          // Asked for by hash instead: an older server, or an answer over its budget.
        }
      }),
    );
    return prefetched;
  }

  /**
   * The leaves of the server's tree where it differs from `mine` (computed in the root's format):
   * the mids that differ, then the slots under them that differ, then, level by level, the children of
   * the splits among them that differ. Every node is checked against its hash and its position, and
   * the shape against the rule: a bucket small enough for its slot, a split over more leaves than a
   * bucket may hold. Records the child hashes of every mid and split fetched in `children`.
   */
  async function fetchDifference(root: { format: RootFormat; mids: Uint8Array[] }, mine: TreeView, children: Map<string, Uint8Array[]>) {
    const differing = root.mids.flatMap((hash, mid) => (sameHash(hash, mine.midHash(mid)) ? [] : [mid]));
    const prefetched = await fetchSubtrees(
      differing
        .filter((mid) => sameHash(mine.midHash(mid), EMPTY_MID_HASH) && !sameHash(root.mids[mid]!, EMPTY_MID_HASH))
        .map((mid) => root.mids[mid]!),
    );
    const midNodes = await fetchNodes(
      'mid',
      differing.map((mid) => root.mids[mid]!),
      prefetched,
    );
    let wanted: { slot: string; hash: Uint8Array }[] = [];
    for (const mid of differing) {
      const hashes = decodeMid(midNodes.get(bytesToBase64url(root.mids[mid]!))!.bytes);
      children.set(bytesToBase64url(root.mids[mid]!), hashes);
      hashes.forEach((hash, i) => {
        const slot = topSlot(mid * BUCKETS_PER_MID + i);
        if (!sameHash(hash, mine.slotHash(slot))) wanted.push({ slot, hash });
      });
    }
    const served: [string, ManifestEntry][] = [];
    /** Leaves under each fetched slot in the server's tree (a slot equal to mine has as many as mine). */
    const counts = new Map<string, number>();
    const splits: string[] = [];
    while (wanted.length > 0) {
      const nodes = await fetchNodes(
        'slot',
        wanted.map((w) => w.hash),
        prefetched,
      );
      const next: typeof wanted = [];
      for (const { slot, hash } of wanted) {
        const node = nodes.get(bytesToBase64url(hash))!;
        if (node.kind === 'bucket') {
          const leaves = decodeBucket(node.bytes, slot, root.format);
          counts.set(slot, leaves.length);
          for (const leaf of leaves) served.push([leaf.id, { revision: leaf.revision, deleted: leaf.deleted, digest: leaf.digest }]);
          continue;
        }
        const kids = decodeSplit(node.bytes, slot, root.format);
        children.set(bytesToBase64url(hash), kids);
        splits.push(slot);
        kids.forEach((kid, digit) => {
          const under = childSlot(slot, digit);
          if (!sameHash(kid, mine.slotHash(under))) next.push({ slot: under, hash: kid });
        });
      }
      wanted = next;
    }
    // Deepest first: a split must stand for more leaves than a bucket of its slot may hold, or two
    // devices with the same leaves would make different trees.
    for (const slot of splits.reverse()) {
      let count = 0;
      for (let digit = 0; digit < 16; digit++) {
        const under = childSlot(slot, digit);
        count += counts.get(under) ?? mine.leavesUnder(under).length;
      }
      if (!mustSplit(count, slot, root.format)) throw new ManifestTreeError('a split over leaves that fit one bucket');
      counts.set(slot, count);
    }
    return served;
  }

  /** Brings the copy up to the served root: fetches the nodes that differ and merges their leaves. */
  async function adoptRoot(text: string): Promise<void> {
    let root;
    try {
      root = verifyRoot(keys, base64urlToBytes(text));
    } catch (error) {
      // Locked meanwhile: the run's key is wiped, and the root is not to blame.
      if (error instanceof ZeroKeyError) throw error;
      // Reported once per kind, whichever path (a pull page or the header) served it.
      await treeUnreadable();
      return;
    }
    const held = await state.get('manifestRoot');
    if (held && (root.counter < held.counter || (root.counter === held.counter && held.root !== text) || root.format < formatOf(held.root))) {
      // An older list than one this device verified (or another list under the same counter, or a
      // root of a format this account has moved on from): the server rolled the account back, or
      // shows devices different histories. Keep what we have.
      await deps.reports.add('manifest-behind', { revision: root.counter });
      return;
    }
    const mine = new TreeView(await local(), root.format);
    const children = new Map<string, Uint8Array[]>();
    let served: [string, ManifestEntry][];
    try {
      served = await fetchDifference(root, mine, children);
    } catch (error) {
      // Nodes that hash right but break the tree's rules: a device of the account did not make them.
      if (!(error instanceof ManifestTreeError)) throw error;
      await treeUnreadable();
      return;
    }
    copy = mergeManifests(await local(), served);
    server = { tree: true, format: root.format, counter: root.counter, mids: root.mids, children, mirror: new TreeView(copy, root.format) };
    adopted = text;
    unreadable = false;
    tookTree();
    await state.put('manifest', manifestToRecords(copy));
    if (!held || root.counter > held.counter) await state.put('manifestRoot', { counter: root.counter, root: text });
  }

  /** The format-1 manifest, sealed whole (before ADR 0023): merged in, and the account is moved at the next write. */
  async function adoptSealed(text: string, revision: number): Promise<void> {
    server = { tree: false };
    let served: Manifest;
    try {
      served = openManifest(text, keys);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      await deps.reports.add('manifest-invalid', { revision });
      return;
    }
    copy = mergeManifests(await local(), served);
    await state.put('manifest', manifestToRecords(copy));
  }

  /** Reads a header's manifest; one the account's devices did not make is reported and ignored. */
  async function adopt(next: HeaderState): Promise<void> {
    header = next;
    await state.put('header', cacheOf(next));
    const manifest = next.header.manifest;
    if (manifest === undefined) {
      server = { tree: false };
      return;
    }
    if (!isTreeRoot(manifest)) return adoptSealed(manifest, next.revision);
    try {
      await adoptRoot(manifest);
    } catch (error) {
      if (!(error instanceof MissingNodeError)) throw error;
      // Another device may have replaced the tree between the header and the nodes: look once more.
      const again = await client.getHeader();
      header = again;
      await state.put('header', cacheOf(again));
      if (again.header.manifest === manifest || !isTreeRoot(again.header.manifest)) {
        await treeUnreadable();
        return;
      }
      try {
        await adoptRoot(again.header.manifest!);
      } catch (retry) {
        if (!(retry instanceof MissingNodeError)) throw retry;
        await treeUnreadable();
      }
    }
  }

  /**
   * Takes in the root a pull page carried (checked like the header's), so that what the page brings
   * is judged without a header request. A format-1 manifest is left to the header path.
   */
  async function offer(manifest: string): Promise<void> {
    if (manifest === adopted || !isTreeRoot(manifest)) return;
    if (adopting?.text !== manifest) {
      const before = adopting?.done.catch(() => undefined);
      const done = (async () => {
        await before;
        if (manifest !== adopted) await adoptRoot(manifest);
      })();
      adopting = { text: manifest, done };
    }
    try {
      await adopting.done;
    } catch (error) {
      // A node gone meanwhile (another root published since the page): judging falls back to the header.
      if (!(error instanceof MissingNodeError)) throw error;
    }
  }

  /** Fetches the server's header once per run, or again when `force`d. */
  async function refresh(options: { force?: boolean } = {}): Promise<void> {
    if (header !== null && !options.force) return;
    await adopt(await client.getHeader());
  }

  /** Entries carried over from format 1 get the digest of this device's synced copy of that very revision. */
  async function withDigests(manifest: Map<string, ManifestEntry>): Promise<Map<string, ManifestEntry>> {
    const unknown = [...manifest].filter(([, entry]) => !entry.deleted && !entry.digest).map(([id]) => id);
    if (unknown.length === 0 || !deps.digests) return manifest;
    const known = await deps.digests(unknown);
    const filled = new Map(manifest);
    for (const id of unknown) {
      const entry = manifest.get(id)!;
      const mine = known.get(id);
      if (mine && mine.revision === entry.revision) filled.set(id, { ...entry, digest: mine.digest });
    }
    return filled;
  }

  /**
   * The child hashes of the server's node `hash`, a mid (`at` its index) or the node of slot `at`
   * (null when that is a bucket): known from this run, from the mirror where it agrees, or fetched.
   */
  async function serverChildren(at: number | string, hash: Uint8Array): Promise<Uint8Array[] | null> {
    if (!server.tree) return null;
    const known = server.children.get(bytesToBase64url(hash));
    if (known) return known;
    const { mirror } = server;
    if (typeof at === 'number') {
      if (mirror && sameHash(mirror.midHash(at), hash)) return mirror.bucketHashesOf(at);
      const hashes = decodeMid((await fetchNodes('mid', [hash])).get(bytesToBase64url(hash))!.bytes);
      server.children.set(bytesToBase64url(hash), hashes);
      return hashes;
    }
    if (sameHash(hash, EMPTY_BUCKET_HASH)) return null;
    if (mirror && sameHash(mirror.slotHash(at), hash)) return mirror.slotNode(at)?.kind === 'split' ? mirror.childHashes(at) : null;
    const node = (await fetchNodes('slot', [hash])).get(bytesToBase64url(hash))!;
    if (node.kind !== 'split') return null;
    const hashes = decodeSplit(node.bytes, at, server.format);
    server.children.set(bytesToBase64url(hash), hashes);
    return hashes;
  }

  /** Uploads the nodes of `tree` that the server's tree lacks. */
  async function uploadNodes(tree: TreeView): Promise<void> {
    const nodes: { kind: NodeKind; bytes: Uint8Array }[] = [];
    const visit = async (slot: string, theirs: Uint8Array | null): Promise<void> => {
      const hash = tree.slotHash(slot);
      if (sameHash(hash, EMPTY_BUCKET_HASH) || (theirs && sameHash(theirs, hash))) return;
      const node: { kind: SlotKind; bytes: Uint8Array } = tree.slotNode(slot)!;
      nodes.push(node);
      if (node.kind === 'bucket') return;
      const theirChildren = theirs ? await serverChildren(slot, theirs) : null;
      for (let digit = 0; digit < 16; digit++) await visit(childSlot(slot, digit), theirChildren?.[digit] ?? null);
    };
    for (let mid = 0; mid < MID_COUNT; mid++) {
      const hash = tree.midHash(mid);
      const theirs = server.tree ? server.mids[mid]! : null;
      if (sameHash(hash, EMPTY_MID_HASH) || (theirs && sameHash(hash, theirs))) continue;
      nodes.push({ kind: 'mid', bytes: tree.midBytes(mid) });
      const theirSlots = theirs && !sameHash(theirs, EMPTY_MID_HASH) ? await serverChildren(mid, theirs) : null;
      for (let i = 0; i < BUCKETS_PER_MID; i++) await visit(topSlot(mid * BUCKETS_PER_MID + i), theirSlots?.[i] ?? null);
    }
    const batches: (typeof nodes)[] = [];
    let size = 0;
    for (const node of nodes) {
      const last = batches.at(-1);
      if (!last || last.length === NODES_PER_PUT || size + node.bytes.length > BYTES_PER_PUT) {
        batches.push([node]);
        size = node.bytes.length;
      } else {
        last.push(node);
        size += node.bytes.length;
      }
    }
    // A new tree (sign-up, a format move) is several calls: PUTS_IN_FLIGHT of them travel at once. Nodes
    // are content-addressed, so the order they are stored in does not matter; the root that names
    // them is published only after every call has succeeded.
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await client.putNodes({ nodes: batch.map((node) => ({ kind: node.kind, bytes: bytesToBase64url(node.bytes) })) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PUTS_IN_FLIGHT, batches.length) }, worker));
  }

  return {
    /** This device's trusted manifest (no network). */
    local,

    /** Judges a change; an unvouched one triggers one refresh from the server per run. */
    async judge(change: { id: string; revision: number; deleted: boolean; digest?: Uint8Array | null }): Promise<Verdict> {
      const verdict = judge(await local(), change);
      if (verdict !== 'unconfirmed' || header !== null) return verdict;
      await refresh();
      return judge(await local(), change);
    },

    /** Takes in a pull page's root (see offer). */
    offer,

    /**
     * Settles once this run has taken a root's tree in — checked, and what `local()` answers from —
     * which may be before it is stored. Never settles if the run takes none in (so race it with the
     * offer that is to take one in).
     */
    treeTaken: (): Promise<void> => treeTaken,

    /** Forces the refresh (held changes are re-judged against the newest manifest). */
    refresh,

    /** Whether this run has seen the server's header (so judging asks the server nothing more). */
    fetched: (): boolean => header !== null,

    /**
     * Writes the owed entries into the server's tree — and moves an account still on format 1 to the
     * tree. Returns false if the server kept refusing. `unlessUnseen`: with nothing owed, a device that
     * has taken no root in yet (a new one) leaves the format check to a later call, once its pull has
     * taken the root in — the whole tree is then fetched while the first page is being opened.
     */
    async flushOwed(options: { unlessUnseen?: boolean } = {}): Promise<boolean> {
      const read = await readOwed(deps.db);
      const owed = read.entries;
      const seen = await state.get('manifestRoot');
      // Nothing to write unless the account is still on an older format (then this device moves it).
      if (owed.length === 0 && seen !== undefined && formatOf(seen.root) === ROOT_FORMAT) return true;
      if (owed.length === 0 && seen === undefined && options.unlessUnseen) return true;
      if (header === null) await refresh();
      // Owed entries wait in the outbox until a run can read the server's tree.
      if (unreadable) return false;
      if (owed.length === 0 && server.tree && server.format === ROOT_FORMAT) return true;
      let base: HeaderCache = cacheOf(header!);
      for (let attempt = 0; attempt < PUT_HEADER_ATTEMPTS; attempt++) {
        let next = mergeManifests(await local(), manifestFromRecords(owed));
        if (!server.tree) next = await withDigests(next);
        const tree = new TreeView(next);
        await uploadNodes(tree);
        const held = await state.get('manifestRoot');
        const counter = Math.max(server.tree ? server.counter : 0, held?.counter ?? 0) + 1;
        const mids = tree.mids();
        const root = bytesToBase64url(signRoot(keys, { counter, mids }));
        // The wrapped keys are the server's own: writing the manifest must never change them.
        const written = { wrappedVaultKey: base.wrappedVaultKey, recoveryWrappedVaultKey: base.recoveryWrappedVaultKey, manifest: root };
        const answer = await client.putHeader({ baseRevision: base.revision, header: written });
        if (answer.status === 'accepted') {
          copy = next;
          server = { tree: true, format: ROOT_FORMAT, counter, mids, children: new Map(), mirror: tree };
          base = { ...base, revision: answer.revision };
          header = { ...header!, revision: answer.revision, header: { ...header!.header, ...written } };
          await state.put('manifest', manifestToRecords(next));
          await state.put('manifestRoot', { counter, root });
          await state.put('header', base);
          await settleOwed(deps.db, read);
          return true;
        }
        // Another device wrote the header first: take its tree in, then try again on top of it.
        await adopt(answer.current);
        if (unreadable) return false;
        base = cacheOf(answer.current);
      }
      return false;
    },
  };
}

export type ManifestBook = ReturnType<typeof createManifestBook>;

function cacheOf(state: HeaderState): HeaderCache {
  return { revision: state.revision, wrappedVaultKey: state.header.wrappedVaultKey, recoveryWrappedVaultKey: state.header.recoveryWrappedVaultKey };
}
