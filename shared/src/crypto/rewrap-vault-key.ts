// Wrap an open vault key under a new master password: a KEK and auth key from the new password and
// the given KDF parameters (a fresh salt, from _successorKdfParams), and a header carrying them. The
// vault key, the items and the recovery wrapping are unchanged. The one re-wrap behind a password
// change, a KDF cost change (the same password, new parameters) and a reset with the recovery key.
// The new header is stamped one epoch above the one it replaces (header-stamp.ts).
import { zeroize } from './bytes.ts';
import { _assertNewPassword, derivePasswordKeys } from './derive-password-keys.ts';
import type { KdfParams } from './kdf-params.ts';
import type { VaultHeader } from './vault-header.ts';
import { wrapVaultKey } from './wrap-vault-key.ts';
import { nextStamp } from './header-stamp.ts';

/** `header` must be parsed already; the caller keeps ownership of `vaultKey` and zeroes it. */
export async function _rewrapVaultKey(opts: {
  vaultKey: Uint8Array;
  header: VaultHeader;
  newPassword: string;
  kdf: KdfParams;
}): Promise<{ header: VaultHeader; authKey: Uint8Array }> {
  _assertNewPassword(opts.newPassword);
  const { kek, authKey } = await derivePasswordKeys(opts.newPassword, opts.kdf);
  try {
    const wrappedVaultKey = wrapVaultKey({ vaultKey: opts.vaultKey, accountId: opts.header.accountId, by: { kind: 'kek', kek } });
    const next: VaultHeader = { ...opts.header, kdf: opts.kdf, wrappedVaultKey };
    next.stamp = nextStamp({ vaultKey: opts.vaultKey, previous: opts.header.stamp, fields: next });
    return { header: next, authKey };
  } finally {
    zeroize(kek);
  }
}
