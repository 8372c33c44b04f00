// The manifest as a hash tree (ADR 0023): what every device of an account agreed each item's current
// version is, cut into pieces so that a device checks a change by fetching the pieces that changed,
// not the whole list.
//
//   leaf   per item, deleted ones included:
//          [id : 16][revision : u48 BE][flags : 1 — bit 0 deleted, bit 1 digest unknown][digest : 16]
//          digest = SHA-256 over the item's three envelopes exactly as stored (length-prefixed), first
//          16 bytes; zero for a deletion, and for an entry carried over from a manifest that had none.
//   slot   a hex prefix of item ids (without dashes): the 4,096 top slots are the first 3 hex digits;
//          a slot's node covers the leaves whose id starts with it, and is either
//   bucket those leaves sorted by id; hash = SHA-256(0x01 ‖ bucket)[0..16]. At most SPLIT_LEAVES of
//          them (format 3), except at the deepest slot (3 + MAX_SPLIT_DEPTH digits);
//   split  when the slot holds more (format 3): the hashes of its 16 child slots, one more hex digit
//          each (256 bytes); hash = SHA-256(0x03 ‖ split)[0..16]. So the shape is a function of the
//          leaf set alone, and a one-item change costs one small node per level, not n/4,096 leaves.
//   mid    the hashes of 64 consecutive top slots (1,024 bytes); hash = SHA-256(0x02 ‖ mid)[0..16]
//   root   [format = 3][counter : u64 BE][the 64 mid hashes][HMAC-SHA256 : 32]
//          The MAC key comes from the vault key (HKDF, its own label) and covers the account id, the
//          format, the counter and the mid hashes: the server stores the root and every node but can
//          forge none, and a device never accepts a counter below the highest it has verified, nor a
//          format below the highest it has seen. Format 2 (before splits) is the same tree with every
//          top slot a bucket of any size; it is still read, so that a device can move an account on.
//
// Nodes are addressed by their hash, so the server can store them before the root that names them is
// published, and hand out exactly the ones a device asks for. Empty slots and mids hash to constants
// and are never stored (a split is never empty). Nothing in a node is secret from the server: it sees
// item ids, revisions and deletions anyway, and digests are hashes of ciphertext it holds.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual, utf8ToBytes } from '../crypto/bytes.ts';
import { _hkdfSha256 } from '../crypto/derive-subkeys.ts';
import { _assertKey } from '../crypto/envelope.ts';

export const BUCKET_COUNT = 4096;
export const MID_COUNT = 64;
export const BUCKETS_PER_MID = BUCKET_COUNT / MID_COUNT;
export const NODE_HASH_BYTES = 16;
export const LEAF_BYTES = 39;
export const MID_BYTES = BUCKETS_PER_MID * NODE_HASH_BYTES;
/** The root format devices write: buckets split (3). Format 2 (no splits) is read to be moved on. */
export const ROOT_FORMAT = 3;
export type RootFormat = 2 | 3;
export const LEGACY_ROOT_FORMAT = 2;
/** A bucket of more leaves than this becomes a split (format 3; chosen by measurement, ADR 0023). */
export const SPLIT_LEAVES = 12;
/** Levels of splits below a top slot at most: slots of 3 to 11 hex digits (all random in a UUID v4). */
export const MAX_SPLIT_DEPTH = 8;
export const SPLIT_WAYS = 16;
export const SPLIT_BYTES = SPLIT_WAYS * NODE_HASH_BYTES;
const TOP_SLOT_DIGITS = 3;
const ROOT_MAC_BYTES = 32;
export const ROOT_BYTES = 1 + 8 + MID_COUNT * NODE_HASH_BYTES + ROOT_MAC_BYTES;
/** Largest bucket a device writes or reads (1,680 leaves: millions of items before one fills). */
export const MAX_BUCKET_BYTES = 65_520;
export const MAX_REVISION = 2 ** 48 - 1;

export type NodeKind = 'bucket' | 'mid' | 'split';
/** What a slot holds: a bucket of leaves, or a split into 16 child slots. */
export type SlotKind = 'bucket' | 'split';
/** The byte a node's hash input starts with, by kind: the kinds hash in separate domains. */
export const NODE_DOMAIN: Readonly<Record<NodeKind, number>> = { bucket: 0x01, mid: 0x02, split: 0x03 };
const DELETED = 0b01;
const DIGEST_UNKNOWN = 0b10;

/** One item's entry. `digest` null: not known (carried over from a manifest before digests). */
export type Leaf = { id: string; revision: number; deleted: boolean; digest: Uint8Array | null };

/** Bytes that are not a well-formed node, root or leaf. */
export class ManifestTreeError extends Error {
  override readonly name = 'ManifestTreeError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZERO_DIGEST = new Uint8Array(NODE_HASH_BYTES);

export function nodeHash(kind: NodeKind, bytes: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + bytes.length);
  input[0] = NODE_DOMAIN[kind];
  input.set(bytes, 1);
  return sha256(input).subarray(0, NODE_HASH_BYTES);
}

export const EMPTY_BUCKET_HASH = nodeHash('bucket', new Uint8Array(0));
export const EMPTY_MID_HASH = nodeHash('mid', encodeMid(Array.from({ length: BUCKETS_PER_MID }, () => EMPTY_BUCKET_HASH)));

export function bucketOf(id: string): number {
  if (!UUID.test(id)) throw new ManifestTreeError('item ids must be lowercase UUIDs');
  return Number.parseInt(id.slice(0, 3), 16);
}

export const midOf = (bucket: number): number => Math.floor(bucket / BUCKETS_PER_MID);

/** The slot (hex prefix) of top bucket `bucket`. */
export const topSlot = (bucket: number): string => bucket.toString(16).padStart(TOP_SLOT_DIGITS, '0');

/** An id's 32 hex digits, without dashes. */
export const idHex = (id: string): string => id.replaceAll('-', '');

const isSlot = (slot: string): boolean =>
  /^[0-9a-f]*$/.test(slot) && slot.length >= TOP_SLOT_DIGITS && slot.length <= TOP_SLOT_DIGITS + MAX_SPLIT_DEPTH;

/** Whether a slot holding `leafCount` leaves is a split, not a bucket (the tree's one shape rule). */
export function mustSplit(leafCount: number, slot: string, format: RootFormat = ROOT_FORMAT): boolean {
  return format >= 3 && slot.length < TOP_SLOT_DIGITS + MAX_SPLIT_DEPTH && leafCount > SPLIT_LEAVES;
}

/** SHA-256 over the three envelopes, each length-prefixed, first 16 bytes. */
export function envelopeDigest(envelopes: { key: string; overview: string; details: string }): Uint8Array {
  const parts = [envelopes.key, envelopes.overview, envelopes.details].map((text) => utf8ToBytes(text));
  const input = new Uint8Array(parts.reduce((n, part) => n + 4 + part.length, 0));
  const view = new DataView(input.buffer);
  let at = 0;
  for (const part of parts) {
    view.setUint32(at, part.length);
    input.set(part, at + 4);
    at += 4 + part.length;
  }
  return sha256(input).subarray(0, NODE_HASH_BYTES);
}

/** Writes a lowercase UUID's 16 bytes at `offset` (the caller has checked its form). */
export function uuidToBytes(id: string, into: Uint8Array, offset: number): void {
  const hex = id.replaceAll('-', '');
  for (let i = 0; i < 16; i++) into[offset + i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
}

export function bytesToUuid(bytes: Uint8Array, offset: number): string {
  let hex = '';
  for (let i = 0; i < 16; i++) hex += bytes[offset + i]!.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A bucket's bytes: its leaves sorted by id (so one set of leaves has one encoding). */
export function encodeBucket(leaves: readonly Leaf[]): Uint8Array {
  const sorted = [...leaves].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bytes = new Uint8Array(sorted.length * LEAF_BYTES);
  const view = new DataView(bytes.buffer);
  sorted.forEach((leaf, i) => {
    if (!UUID.test(leaf.id)) throw new ManifestTreeError('item ids must be lowercase UUIDs');
    if (i > 0 && sorted[i - 1]!.id === leaf.id) throw new ManifestTreeError('one leaf per item');
    if (!Number.isSafeInteger(leaf.revision) || leaf.revision < 1 || leaf.revision > MAX_REVISION) {
      throw new ManifestTreeError('revisions must be positive 48-bit integers');
    }
    const at = i * LEAF_BYTES;
    uuidToBytes(leaf.id, bytes, at);
    view.setUint16(at + 16, Math.floor(leaf.revision / 2 ** 32));
    view.setUint32(at + 18, leaf.revision % 2 ** 32);
    const digest = leaf.deleted ? null : leaf.digest;
    view.setUint8(at + 22, (leaf.deleted ? DELETED : 0) | (digest === null && !leaf.deleted ? DIGEST_UNKNOWN : 0));
    bytes.set(digest ?? ZERO_DIGEST, at + 23);
  });
  if (bytes.length > MAX_BUCKET_BYTES) throw new ManifestTreeError('bucket too large');
  return bytes;
}

/**
 * The leaves of the bucket at `at` (a top bucket's index, or a slot); throws for bytes that are not a
 * well-formed bucket of that slot — including one that should have been split under `format`.
 */
export function decodeBucket(bytes: Uint8Array, at: number | string, format: RootFormat = ROOT_FORMAT): Leaf[] {
  const slot = typeof at === 'number' ? topSlot(at) : at;
  if (!isSlot(slot) || bytes.length % LEAF_BYTES !== 0 || bytes.length > MAX_BUCKET_BYTES) throw new ManifestTreeError('malformed bucket');
  if (mustSplit(bytes.length / LEAF_BYTES, slot, format)) throw new ManifestTreeError('a bucket this large must be split');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const leaves: Leaf[] = [];
  let previous = '';
  for (let at = 0; at < bytes.length; at += LEAF_BYTES) {
    const id = bytesToUuid(bytes, at);
    if (!UUID.test(id) || id <= previous || !idHex(id).startsWith(slot)) throw new ManifestTreeError('malformed bucket');
    previous = id;
    const revision = view.getUint16(at + 16) * 2 ** 32 + view.getUint32(at + 18);
    const flags = view.getUint8(at + 22);
    const deleted = (flags & DELETED) !== 0;
    const unknown = (flags & DIGEST_UNKNOWN) !== 0;
    const digest = bytes.slice(at + 23, at + 23 + NODE_HASH_BYTES);
    if (revision < 1 || flags > 0b11 || (deleted && unknown) || ((deleted || unknown) && !constantTimeEqual(digest, ZERO_DIGEST))) {
      throw new ManifestTreeError('malformed leaf');
    }
    leaves.push({ id, revision, deleted, digest: deleted || unknown ? null : digest });
  }
  return leaves;
}

export function encodeMid(bucketHashes: readonly Uint8Array[]): Uint8Array {
  if (bucketHashes.length !== BUCKETS_PER_MID) throw new ManifestTreeError('a mid names 64 buckets');
  const bytes = new Uint8Array(MID_BYTES);
  bucketHashes.forEach((hash, i) => bytes.set(hash, i * NODE_HASH_BYTES));
  return bytes;
}

export function decodeMid(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length !== MID_BYTES) throw new ManifestTreeError('malformed mid');
  return Array.from({ length: BUCKETS_PER_MID }, (_, i) => bytes.slice(i * NODE_HASH_BYTES, (i + 1) * NODE_HASH_BYTES));
}

export function encodeSplit(childHashes: readonly Uint8Array[]): Uint8Array {
  if (childHashes.length !== SPLIT_WAYS) throw new ManifestTreeError('a split names 16 slots');
  const bytes = new Uint8Array(SPLIT_BYTES);
  childHashes.forEach((hash, i) => bytes.set(hash, i * NODE_HASH_BYTES));
  return bytes;
}

/**
 * The 16 child hashes of the split at `slot` (child i is `slot` + hex digit i); throws for bytes that
 * are not a split, for a split where `format` has none or below the deepest slot, and for one with
 * nothing under it (an empty slot is the empty bucket).
 */
export function decodeSplit(bytes: Uint8Array, slot: string, format: RootFormat = ROOT_FORMAT): Uint8Array[] {
  if (format < 3 || !isSlot(slot) || slot.length >= TOP_SLOT_DIGITS + MAX_SPLIT_DEPTH || bytes.length !== SPLIT_BYTES) {
    throw new ManifestTreeError('malformed split');
  }
  const children = Array.from({ length: SPLIT_WAYS }, (_, i) => bytes.slice(i * NODE_HASH_BYTES, (i + 1) * NODE_HASH_BYTES));
  if (children.every((hash) => sameHash(hash, EMPTY_BUCKET_HASH))) throw new ManifestTreeError('malformed split');
  return children;
}

export const childSlot = (slot: string, digit: number): string => slot + digit.toString(16);

/** A slot's node as the shape rule makes it. */
export type SlotNode = { kind: SlotKind; bytes: Uint8Array; hash: Uint8Array };

/**
 * The hash of the node at `slot` over `leaves` (every one of them under `slot`), and, through `visit`,
 * every non-empty node at and beneath it (children first).
 */
export function buildSlot(leaves: readonly Leaf[], slot: string, format: RootFormat, visit?: (slot: string, node: SlotNode) => void): Uint8Array {
  if (leaves.length === 0) return EMPTY_BUCKET_HASH;
  let node: SlotNode;
  if (mustSplit(leaves.length, slot, format)) {
    const groups: Leaf[][] = Array.from({ length: SPLIT_WAYS }, () => []);
    for (const leaf of leaves) groups[Number.parseInt(idHex(leaf.id)[slot.length]!, 16)]!.push(leaf);
    const bytes = encodeSplit(groups.map((group, digit) => buildSlot(group, childSlot(slot, digit), format, visit)));
    node = { kind: 'split', bytes, hash: nodeHash('split', bytes) };
  } else {
    const bytes = encodeBucket(leaves);
    node = { kind: 'bucket', bytes, hash: nodeHash('bucket', bytes) };
  }
  visit?.(slot, node);
  return node.hash;
}

export type Root = { counter: number; mids: Uint8Array[] };

export const isRootFormat = (byte: number | undefined): byte is RootFormat => byte === LEGACY_ROOT_FORMAT || byte === ROOT_FORMAT;

/** The root's fields without checking its MAC (the server reads which nodes it names). */
export function parseRoot(bytes: Uint8Array): Root & { format: RootFormat; mac: Uint8Array } {
  const format = bytes[0];
  if (bytes.length !== ROOT_BYTES || !isRootFormat(format)) throw new ManifestTreeError('malformed manifest root');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const counter = view.getUint32(1) * 2 ** 32 + view.getUint32(5);
  if (!Number.isSafeInteger(counter) || counter < 1) throw new ManifestTreeError('malformed manifest root');
  const mids = Array.from({ length: MID_COUNT }, (_, i) => bytes.slice(9 + i * NODE_HASH_BYTES, 9 + (i + 1) * NODE_HASH_BYTES));
  return { format, counter, mids, mac: bytes.slice(ROOT_BYTES - ROOT_MAC_BYTES) };
}

const INFO_ROOT_MAC = utf8ToBytes('keyhold/v1/manifest-root-mac');
const ROOT_LABEL = utf8ToBytes('keyhold/v1/manifest-root');

function rootMac(vaultKey: Uint8Array, accountId: string, body: Uint8Array): Uint8Array {
  // A wiped key (the vault locked under the work that held it) would MAC a root anyone can forge.
  _assertKey(vaultKey);
  const key = _hkdfSha256(vaultKey, undefined, INFO_ROOT_MAC, 32);
  const account = utf8ToBytes(accountId);
  const input = new Uint8Array(ROOT_LABEL.length + 4 + account.length + body.length);
  input.set(ROOT_LABEL, 0);
  new DataView(input.buffer).setUint32(ROOT_LABEL.length, account.length);
  input.set(account, ROOT_LABEL.length + 4);
  input.set(body, ROOT_LABEL.length + 4 + account.length);
  try {
    return hmac(sha256, key, input);
  } finally {
    key.fill(0);
  }
}

/** A root only holders of the vault key can make (format 2 only to set up tests of the move to 3). */
export function signRoot(keys: { accountId: string; vaultKey: Uint8Array }, root: Root, format: RootFormat = ROOT_FORMAT): Uint8Array {
  if (!Number.isSafeInteger(root.counter) || root.counter < 1) throw new ManifestTreeError('the counter starts at 1');
  if (root.mids.length !== MID_COUNT) throw new ManifestTreeError('a root names 64 mids');
  const bytes = new Uint8Array(ROOT_BYTES);
  bytes[0] = format;
  const view = new DataView(bytes.buffer);
  view.setUint32(1, Math.floor(root.counter / 2 ** 32));
  view.setUint32(5, root.counter % 2 ** 32);
  root.mids.forEach((hash, i) => bytes.set(hash, 9 + i * NODE_HASH_BYTES));
  bytes.set(rootMac(keys.vaultKey, keys.accountId, bytes.subarray(0, ROOT_BYTES - ROOT_MAC_BYTES)), ROOT_BYTES - ROOT_MAC_BYTES);
  return bytes;
}

/** The root's fields if its MAC was made with this vault key for this account; throws otherwise. */
export function verifyRoot(keys: { accountId: string; vaultKey: Uint8Array }, bytes: Uint8Array): Root & { format: RootFormat } {
  const parsed = parseRoot(bytes);
  const expected = rootMac(keys.vaultKey, keys.accountId, bytes.subarray(0, ROOT_BYTES - ROOT_MAC_BYTES));
  if (!constantTimeEqual(expected, parsed.mac)) throw new ManifestTreeError('the manifest root was not made with this vault key');
  return { format: parsed.format, counter: parsed.counter, mids: parsed.mids };
}

export const sameHash = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);
