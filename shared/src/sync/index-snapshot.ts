// The index snapshot (ADR 0025): every item's overview, with the digest of the envelopes it is the
// overview of (the manifest leaf's digest, ADR 0023) and whether the item has open conflicts, sealed
// for the server so that a new browser can take an item's overview from it instead of opening the
// item. The serialised entries are compressed (deflate-raw) and cut into chunks; each chunk is sealed
// with the vault key under purpose 'index-snapshot', its associated data naming the account, the
// snapshot's random id, the chunk's number and the number of chunks — so chunks of two snapshots, of
// another account, reordered or dropped, fail to open. What opens was written by a device that holds
// the vault key; whether an entry is current is for the caller to decide, entry by entry, against the
// authenticated manifest (an entry is used only for envelopes whose digest it names).
import { base64urlToBytes, bytesToBase64url, bytesToUtf8, concatBytes, randomBytes, utf8ToBytes } from '../crypto/bytes.ts';
import type { Binding } from '../crypto/envelope.ts';
import { MAX_PLAINTEXT_BYTES, MIN_ENVELOPE_BYTES } from '../crypto/envelope.ts';
import { openBinary, sealBinary } from '../crypto/seal-binary.ts';
import type { Overview } from '../items/item.ts';
import { parseOverview } from '../items/parse-part.ts';
import { NODE_HASH_BYTES } from './manifest-tree.ts';
import { nextTask } from '../common/next-task.ts';
import { MAX_SNAPSHOT_CHUNK_CHARS, MAX_SNAPSHOT_CHUNKS, SNAPSHOT_ID_BYTES, isCanonicalBase64url } from './protocol-primitives.ts';

const SNAPSHOT_VERSION = 1;

/** Entries validated per task when a snapshot is opened. */
const PARSE_SLICE = 1000;

/** Plaintext bytes per chunk: sealed and in base64url, a chunk stays within MAX_SNAPSHOT_CHUNK_CHARS. */
export const SNAPSHOT_CHUNK_BYTES = Math.floor((MAX_SNAPSHOT_CHUNK_CHARS * 3) / 4) - MIN_ENVELOPE_BYTES;

/** The most a snapshot may inflate to (the largest plaintext any envelope may carry). */
const MAX_INFLATED_BYTES = MAX_PLAINTEXT_BYTES;

type Keys = { accountId: string; vaultKey: Uint8Array };

export type SnapshotEntry = {
  id: string;
  /** envelopeDigest of the envelopes `overview` was read from (16 bytes). */
  digest: Uint8Array;
  overview: Overview;
  hasOpenConflicts: boolean;
  /**
   * The site keys the writer's overview index holds for the login (its registrable domains, '*' for
   * a regular-expression URL), so that a reader need not parse every URL again; absent: computed.
   */
  sites?: readonly string[];
};

/** An opened snapshot's entries by item id; the digest as base64url, to compare with a leaf's. */
export type SnapshotEntries = ReadonlyMap<string, { digest: string; overview: Overview; hasOpenConflicts: boolean; sites: string[] | null }>;

/** Bounds on an entry's site keys (a longer list, or a longer key, is not used: the reader computes them). */
const MAX_ENTRY_SITES = 256;
const MAX_SITE_CHARS = 253;

function siteKeys(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_ENTRY_SITES) return null;
  return value.every((site) => typeof site === 'string' && site.length > 0 && site.length <= MAX_SITE_CHARS) ? (value as string[]) : null;
}

export type SealedSnapshot = { snapshotId: string; chunks: string[] };

/** Thrown when a snapshot would need more than MAX_SNAPSHOT_CHUNKS chunks. */
export class SnapshotTooLargeError extends Error {
  override readonly name = 'SnapshotTooLargeError';
}

const chunkBinding = (accountId: string, snapshotId: string, index: number, count: number): Binding => ({
  purpose: 'index-snapshot',
  accountId,
  // The id is base64url: no ':' in it, so every (id, index, count) names one string.
  itemId: `${snapshotId}:${index}:${count}`,
});

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError('index snapshot too large');
    }
    parts.push(value);
  }
  return concatBytes(...parts);
}

/** Seals `entries` as a new snapshot (a fresh random id). */
export async function sealSnapshot(entries: Iterable<SnapshotEntry>, keys: Keys): Promise<SealedSnapshot> {
  const rows: unknown[] = [];
  for (const entry of entries) {
    const row: unknown[] = [entry.id, bytesToBase64url(entry.digest), entry.overview, entry.hasOpenConflicts ? 1 : 0];
    if (entry.sites) row.push(entry.sites);
    rows.push(row);
  }
  const json = utf8ToBytes(JSON.stringify({ v: SNAPSHOT_VERSION, entries: rows }));
  if (json.length > MAX_INFLATED_BYTES) throw new SnapshotTooLargeError('index snapshot too large');
  const packed = await pipe(json, new CompressionStream('deflate-raw'), Infinity);
  const count = Math.max(1, Math.ceil(packed.length / SNAPSHOT_CHUNK_BYTES));
  if (count > MAX_SNAPSHOT_CHUNKS) throw new SnapshotTooLargeError('index snapshot too large');
  const snapshotId = bytesToBase64url(randomBytes(SNAPSHOT_ID_BYTES));
  const chunks = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const piece = packed.subarray(index * SNAPSHOT_CHUNK_BYTES, (index + 1) * SNAPSHOT_CHUNK_BYTES);
      return bytesToBase64url(await sealBinary(keys.vaultKey, piece, chunkBinding(keys.accountId, snapshotId, index, count)));
    }),
  );
  return { snapshotId, chunks };
}

const DIGEST_CHARS = Math.ceil((NODE_HASH_BYTES * 4) / 3);

/**
 * Opens a snapshot's chunks (in order, all `count` of them). Null if any chunk fails to open or the
 * whole does not inflate and parse as a snapshot; entries that are malformed — an overview that does
 * not validate or names another item, a digest of the wrong shape — are left out (their items are
 * opened the usual way).
 */
export async function openSnapshot(sealed: { snapshotId: string; chunks: readonly string[] }, keys: Keys): Promise<SnapshotEntries | null> {
  const { snapshotId, chunks } = sealed;
  const count = chunks.length;
  if (count === 0 || count > MAX_SNAPSHOT_CHUNKS) return null;
  let pieces: Uint8Array[];
  try {
    pieces = await Promise.all(
      chunks.map((chunk, index) => openBinary(keys.vaultKey, base64urlToBytes(chunk), chunkBinding(keys.accountId, snapshotId, index, count))),
    );
  } catch {
    return null;
  }
  let value: { v?: unknown; entries?: unknown };
  try {
    value = JSON.parse(bytesToUtf8(await pipe(concatBytes(...pieces), new DecompressionStream('deflate-raw'), MAX_INFLATED_BYTES))) as typeof value;
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || value.v !== SNAPSHOT_VERSION || !Array.isArray(value.entries)) return null;
  const out = new Map<string, { digest: string; overview: Overview; hasOpenConflicts: boolean; sites: string[] | null }>();
  const rows = value.entries as unknown[];
  for (const [at, row] of rows.entries()) {
    // Validating 10,000 overviews is about 100 ms: in slices, so that other tasks (the popup's
    // messages, the rest of the sync) run between them.
    if (at > 0 && at % PARSE_SLICE === 0) await nextTask();
    if (!Array.isArray(row) || row.length < 4 || row.length > 5) continue;
    const [id, digest, overview, flag, sites] = row as unknown[];
    if (typeof id !== 'string' || typeof digest !== 'string' || digest.length !== DIGEST_CHARS || !isCanonicalBase64url(digest)) continue;
    if (flag !== 0 && flag !== 1) continue;
    const parsed = parseOverview(overview);
    if (!parsed.ok || parsed.overview.id !== id) continue;
    out.set(id, { digest, overview: parsed.overview, hasOpenConflicts: flag === 1, sites: siteKeys(sites) });
  }
  return out;
}
