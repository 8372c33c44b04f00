// The manifest: for every item of the account, the newest revision one of the account's own devices
// wrote (and whether that write was a deletion). Devices add their accepted writes to it and store it
// sealed in the vault header (purpose 'manifest', bound to the account), so the server can keep it
// but can neither forge nor edit it (docs/architecture.md, "Integrity against a malicious server"; ADR 0003).
// A change the server serves is then judged against it: the exact revision a device wrote is
// vouched; an older one is a rollback; the same revision with the other deleted-state is a
// resurrection or a forged deletion; a revision no device has listed yet is unconfirmed and held.
//
// Since ADR 0023 an entry also carries the digest of the item's envelopes at that revision, so old
// content served under the current revision is refused, and the server keeps the manifest as a hash
// tree (manifest-tree.ts in shared, manifest-book.ts here). The sealed whole-list form below is the
// format before that (format 1), read once to move an account to the tree:
//   [format = 1][count: u32 BE] then per item, sorted by id:
//   [id: 16 bytes][revision: u48 BE][flags: 1 byte, bit 0 = deleted]
import { base64urlToBytes, bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { bytesToUuid, uuidToBytes } from '@keyhold/shared/sync/manifest-tree';
import type { ManifestEntryRecord } from './state-records';

/** `digest`: of the envelopes at that revision (manifest-tree.ts); absent or null when not known. */
export type ManifestEntry = { revision: number; deleted: boolean; digest?: Uint8Array | null };
export type Manifest = ReadonlyMap<string, ManifestEntry>;
export type Verdict = 'vouched' | 'superseded' | 'contradicted' | 'unconfirmed';

type Keys = { accountId: string; vaultKey: Uint8Array };

const FORMAT = 1;
const HEADER_BYTES = 5;
const ENTRY_BYTES = 23;
/** Revisions are stored in 48 bits; a server handing out larger ones is not believed. */
export const MAX_MANIFEST_REVISION = 2 ** 48 - 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A manifest that does not open or does not parse: not written by this account's devices. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

const binding = (accountId: string): Binding => ({ purpose: 'manifest', accountId });

function checkedUuidToBytes(id: string, into: Uint8Array, offset: number): void {
  if (!UUID.test(id)) throw new ManifestError('manifest ids must be lowercase UUIDs');
  uuidToBytes(id, into, offset);
}

export function encodeManifest(manifest: Manifest): Uint8Array {
  const ids = [...manifest.keys()].sort();
  const bytes = new Uint8Array(HEADER_BYTES + ids.length * ENTRY_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FORMAT);
  view.setUint32(1, ids.length);
  ids.forEach((id, i) => {
    const entry = manifest.get(id)!;
    if (!Number.isSafeInteger(entry.revision) || entry.revision < 1 || entry.revision > MAX_MANIFEST_REVISION) {
      throw new ManifestError('manifest revisions must be positive 48-bit integers');
    }
    const at = HEADER_BYTES + i * ENTRY_BYTES;
    checkedUuidToBytes(id, bytes, at);
    view.setUint16(at + 16, Math.floor(entry.revision / 2 ** 32));
    view.setUint32(at + 18, entry.revision % 2 ** 32);
    view.setUint8(at + 22, entry.deleted ? 1 : 0);
  });
  return bytes;
}

export function decodeManifest(bytes: Uint8Array): Map<string, ManifestEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < HEADER_BYTES || view.getUint8(0) !== FORMAT) throw new ManifestError('unknown manifest format');
  const count = view.getUint32(1);
  if (bytes.length !== HEADER_BYTES + count * ENTRY_BYTES) throw new ManifestError('manifest length does not match its count');
  const manifest = new Map<string, ManifestEntry>();
  let previous = '';
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + i * ENTRY_BYTES;
    const id = bytesToUuid(bytes, at);
    // Sorted and unique, so one manifest has one encoding.
    if (id <= previous) throw new ManifestError('manifest entries out of order');
    previous = id;
    const flags = view.getUint8(at + 22);
    const revision = view.getUint16(at + 16) * 2 ** 32 + view.getUint32(at + 18);
    if (flags > 1 || revision < 1) throw new ManifestError('malformed manifest entry');
    manifest.set(id, { revision, deleted: flags === 1 });
  }
  return manifest;
}

export function sealManifest(manifest: Manifest, keys: Keys): string {
  return seal(keys.vaultKey, encodeManifest(manifest), binding(keys.accountId));
}

/** Throws ManifestError for anything the account's devices did not seal. */
export function openManifest(envelope: string, keys: Keys): Map<string, ManifestEntry> {
  let bytes: Uint8Array;
  try {
    bytes = open(keys.vaultKey, envelope, binding(keys.accountId));
  } catch {
    throw new ManifestError('the manifest does not open with this vault key');
  }
  return decodeManifest(bytes);
}

/** Per item, the newest revision any of the manifests lists. Merging is order-independent. */
export function mergeManifests(...manifests: Iterable<readonly [string, ManifestEntry]>[]): Map<string, ManifestEntry> {
  const merged = new Map<string, ManifestEntry>();
  for (const manifest of manifests) {
    for (const [id, entry] of manifest) {
      const seen = merged.get(id);
      if (seen === undefined || entry.revision > seen.revision || (entry.revision === seen.revision && entry.deleted && !seen.deleted)) {
        merged.set(id, entry);
      } else if (entry.revision === seen.revision && entry.deleted === seen.deleted && !seen.digest && entry.digest) {
        // The same write, now with the digest of its content (an entry carried over from format 1).
        merged.set(id, entry);
      }
    }
  }
  return merged;
}

/**
 * What the manifest says about a change the server served. `superseded`: a device wrote a newer
 * revision, so this is a rollback. `contradicted`: a device wrote this very revision with the other
 * deleted-state, or with other content (the digests differ: old envelopes, or parts of two writes,
 * served under the current revision). `unconfirmed`: no device has listed it (yet).
 */
export function judge(manifest: Manifest, change: { id: string; revision: number; deleted: boolean; digest?: Uint8Array | null }): Verdict {
  const entry = manifest.get(change.id);
  if (entry === undefined || entry.revision < change.revision) return 'unconfirmed';
  if (entry.revision > change.revision) return 'superseded';
  if (entry.deleted !== change.deleted) return 'contradicted';
  if (!change.deleted && entry.digest && (!change.digest || !sameBytes(entry.digest, change.digest))) return 'contradicted';
  return 'vouched';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function manifestFromRecords(records: readonly ManifestEntryRecord[]): Map<string, ManifestEntry> {
  return mergeManifests(
    records.map((r) => [r.id, { revision: r.revision, deleted: r.deleted, digest: r.digest ? base64urlToBytes(r.digest) : null }] as const),
  );
}

export function manifestToRecords(manifest: Manifest): ManifestEntryRecord[] {
  return [...manifest].map(([id, entry]) => ({
    id,
    revision: entry.revision,
    deleted: entry.deleted,
    digest: entry.digest ? bytesToBase64url(entry.digest) : null,
  }));
}
