// The recovery key, kept sealed under the vault key so that Settings can show it again after the
// master password is re-entered. Bound to its own record id so it cannot be swapped with another
// settings record.
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import type { Binding } from '@keyhold/shared/crypto/envelope';

type Keys = { accountId: string; vaultKey: Uint8Array };

const binding = (accountId: string): Binding => ({ purpose: 'settings', accountId, itemId: 'recovery-key' });

export function sealRecoveryRecord(recoveryKey: Uint8Array, keys: Keys): string {
  return seal(keys.vaultKey, recoveryKey, binding(keys.accountId));
}

export function openRecoveryRecord(envelope: string, keys: Keys): Uint8Array {
  return open(keys.vaultKey, envelope, binding(keys.accountId));
}
