// The header stamp: who made a vault header, and how new it is. A header comes from the sync server,
// which can replay any header it ever stored; the wrapped vault key alone does not say which one is
// current (an old one still opens with the old password). So every header a device writes carries
//   [format = 1 : 1 byte][epoch : u32 BE][HMAC-SHA256 : 32 bytes]
// where the MAC key is derived from the vault key (HKDF, its own label) and the MAC covers the format,
// the epoch, the account id, the KDF parameters and both wrapped keys, each length-prefixed. Only a
// holder of the vault key can make a stamp that verifies, and a device never adopts a header whose
// epoch is not above the one it has: a server can neither forge a header nor roll a device back to
// an older password (ADR 0017). The epoch grows by one with every credential change (password, KDF
// cost, recovery key reset or new recovery key).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { _assertBytes, base64urlToBytes, bytesToBase64url, concatBytes, constantTimeEqual, utf8ToBytes, zeroize } from './bytes.ts';
import { _hkdfSha256 } from './derive-subkeys.ts';
import { KEY_BYTES } from './envelope.ts';
import type { KdfParams } from './kdf-params.ts';

const FORMAT = 1;
export const HEADER_STAMP_BYTES = 37;
/** Epochs are u32; a header this far along is not believed (nor made). */
export const MAX_HEADER_EPOCH = 2 ** 32 - 1;
const INFO_HEADER_MAC = utf8ToBytes('keyhold/v1/header-mac');
const LABEL = utf8ToBytes('keyhold/v1/vault-header');

/** What a stamp covers: the fields of a vault header that decide which password opens it. */
export type StampedFields = {
  accountId: string;
  kdf: KdfParams;
  wrappedVaultKey: string;
  recoveryWrappedVaultKey: string;
};

/** A stamp that is malformed or was not made with this vault key for these fields. */
export class HeaderStampError extends Error {
  override readonly name = 'HeaderStampError';
}

function field(text: string): Uint8Array {
  const bytes = utf8ToBytes(text);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length);
  return concatBytes(length, bytes);
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function macOf(vaultKey: Uint8Array, epoch: number, fields: StampedFields): Uint8Array {
  _assertBytes(vaultKey, 'vaultKey', KEY_BYTES);
  const key = _hkdfSha256(vaultKey, undefined, INFO_HEADER_MAC, 32);
  const { kdf } = fields;
  const message = concatBytes(
    LABEL,
    new Uint8Array([FORMAT]),
    u32(epoch),
    field(fields.accountId),
    field(kdf.algorithm),
    u32(kdf.memoryKiB),
    u32(kdf.iterations),
    u32(kdf.parallelism),
    field(kdf.salt),
    field(fields.wrappedVaultKey),
    field(fields.recoveryWrappedVaultKey),
  );
  try {
    return hmac(sha256, key, message);
  } finally {
    zeroize(key);
  }
}

/** The epoch a stamp claims, unverified (for a device's own stored header); 0 for no stamp. */
export function stampEpoch(stamp: string | undefined): number {
  if (stamp === undefined) return 0;
  return decode(stamp).epoch;
}

function decode(stamp: string): { epoch: number; mac: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = base64urlToBytes(stamp);
  } catch {
    throw new HeaderStampError('The vault header stamp is not readable.');
  }
  if (bytes.length !== HEADER_STAMP_BYTES || bytes[0] !== FORMAT) throw new HeaderStampError('The vault header stamp is not readable.');
  const epoch = new DataView(bytes.buffer, bytes.byteOffset).getUint32(1);
  return { epoch, mac: bytes.subarray(5) };
}

/** Makes the stamp of `fields` at `epoch` (1 and up). */
export function stampHeader(opts: { vaultKey: Uint8Array; epoch: number; fields: StampedFields }): string {
  if (!Number.isInteger(opts.epoch) || opts.epoch < 1 || opts.epoch > MAX_HEADER_EPOCH) throw new RangeError('header epoch out of range');
  return bytesToBase64url(concatBytes(new Uint8Array([FORMAT]), u32(opts.epoch), macOf(opts.vaultKey, opts.epoch, opts.fields)));
}

/** The stamp's epoch if it was made with this vault key for exactly these fields; HeaderStampError otherwise. */
export function verifyHeaderStamp(opts: { vaultKey: Uint8Array; stamp: string | undefined; fields: StampedFields }): number {
  if (opts.stamp === undefined) throw new HeaderStampError('The vault header carries no stamp, so no device of this account made it.');
  const { epoch, mac } = decode(opts.stamp);
  if (epoch < 1 || !constantTimeEqual(mac, macOf(opts.vaultKey, epoch, opts.fields))) {
    throw new HeaderStampError('The vault header was not made by a device holding this vault key.');
  }
  return epoch;
}

/** The stamp following `previous` (the header being replaced) for the new fields. */
export function nextStamp(opts: { vaultKey: Uint8Array; previous: string | undefined; fields: StampedFields }): string {
  return stampHeader({ vaultKey: opts.vaultKey, epoch: stampEpoch(opts.previous) + 1, fields: opts.fields });
}
