// The crypto of quick unlock: the vault key wrapped under a key that a PIN or a WebAuthn PRF output
// gives, and opened again. docs/adr/0019-quick-unlock.md says why each choice.
//
//   PIN        ──Argon2id (own 16-byte salt, the vault's KDF rules)──▶ 32 B ──HKDF "keyhold/v1/quick-unlock-pin"──▶ wrapping key
//   PRF output ──HKDF-SHA256 "keyhold/v1/quick-unlock-prf" (RFC 5869; the output is already uniform)──────────▶ wrapping key
//   wrap = AES-256-GCM envelope of the vault key, purpose 'vault-key', item slot "quick-unlock/<method>/<header fingerprint>"
//
// The header fingerprint names the password wrapping the quick wrap was made under (a hash of the
// header's `wrappedVaultKey`, which every password change, reset, KDF change and key rotation
// replaces): once the master password has moved on, an old quick wrap no longer opens, even if a
// path forgot to drop it.
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { deriveMasterKey } from '@keyhold/shared/crypto/derive-master-key';
import { seal } from '@keyhold/shared/crypto/seal';
import { open } from '@keyhold/shared/crypto/open';
import { _assertBytes, bytesToBase64url, utf8ToBytes, zeroize } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import type { KdfParams } from '@keyhold/shared/crypto/kdf-params';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';

export type QuickMethod = 'pin' | 'prf';
type Keys = { accountId: string; vaultKey: Uint8Array };
type Place = { accountId: string; method: QuickMethod; fingerprint: string };

const KEY_BYTES = 32;
const INFO = { pin: utf8ToBytes('keyhold/v1/quick-unlock-pin'), prf: utf8ToBytes('keyhold/v1/quick-unlock-prf') } as const;

/** A PIN is digits only, at least 6 of them (issue #16: "a PIN (at least 6 digits)"). */
export const PIN_PATTERN = /^\d{6,32}$/;

/** Names the master-password wrapping in force: a quick wrap opens only while it is unchanged. */
export function headerFingerprint(header: Pick<VaultHeader, 'wrappedVaultKey'>): string {
  return bytesToBase64url(sha256(utf8ToBytes(header.wrappedVaultKey)).slice(0, 16));
}

const binding = (place: Place): Binding => ({
  purpose: 'vault-key',
  accountId: place.accountId,
  itemId: `quick-unlock/${place.method}/${place.fingerprint}`,
});

/** The wrapping key for a PIN: slow (Argon2id with `kdf`, checked against the floors first), then labelled. */
export async function derivePinKey(pin: string, kdf: KdfParams): Promise<Uint8Array> {
  if (!PIN_PATTERN.test(pin)) throw new TypeError('pin must be 6 to 32 digits');
  const stretched = await deriveMasterKey(pin, kdf);
  try {
    return hkdf(sha256, stretched, undefined, INFO.pin, KEY_BYTES);
  } finally {
    zeroize(stretched);
  }
}

/** The wrapping key for a WebAuthn PRF output (32 bytes from the authenticator's hmac-secret). */
export function prfWrappingKey(prfOutput: Uint8Array): Uint8Array {
  _assertBytes(prfOutput, 'prfOutput', KEY_BYTES);
  return hkdf(sha256, prfOutput, undefined, INFO.prf, KEY_BYTES);
}

export function wrapVaultKeyForQuickUnlock(wrappingKey: Uint8Array, keys: Keys, place: Omit<Place, 'accountId'>): string {
  return seal(wrappingKey, keys.vaultKey, binding({ ...place, accountId: keys.accountId }));
}

/** The vault key, or DecryptError (wrong PIN, other authenticator, moved or stale wrap: one error). */
export function openQuickWrap(wrappingKey: Uint8Array, wrapped: string, place: Place): Uint8Array {
  return open(wrappingKey, wrapped, binding(place));
}
