// The session token at rest: sealed under the vault key, bound to its own record id (like the
// recovery-key record), so a copy of the browser profile does not hand out a working session and
// sync can only act while the vault is unlocked. A token that no longer opens (the vault key was
// rotated) means "sign in again".
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import { bytesToUtf8, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';

type Keys = { accountId: string; vaultKey: Uint8Array };

const binding = (accountId: string): Binding => ({ purpose: 'settings', accountId, itemId: 'sync-token' });

export function sealToken(token: string, keys: Keys): string {
  return seal(keys.vaultKey, utf8ToBytes(token), binding(keys.accountId));
}

/**
 * The token, or null when the record does not open with this vault key. A key a lock wiped meanwhile
 * is not "does not open": its ZeroKeyError goes on, so the caller ends as locked and stays signed in.
 */
export function openToken(envelope: string, keys: Keys): string | null {
  try {
    return bytesToUtf8(open(keys.vaultKey, envelope, binding(keys.accountId)));
  } catch (error) {
    if (error instanceof ZeroKeyError) throw error;
    return null;
  }
}
