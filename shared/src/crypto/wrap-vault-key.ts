// Wrapping the vault key: sealed once by the KEK (purpose 'vault-key') and once by the recovery key
// (purpose 'vault-key-recovery'), both bound to the account. Distinct purposes mean one wrapping can
// never be presented as the other.
import { _assertBytes } from './bytes.ts';
import { KEY_BYTES, type Binding } from './envelope.ts';
import { DecryptError } from './errors.ts';
import { open } from './open.ts';
import { seal } from './seal.ts';

export const VAULT_KEY_BYTES = 32;

/** Which key wraps the vault key. */
export type VaultKeyWrapper = { kind: 'kek'; kek: Uint8Array } | { kind: 'recovery'; recoveryKey: Uint8Array };

function _wrapping(by: VaultKeyWrapper, accountId: string): { key: Uint8Array; binding: Binding } {
  if (by.kind === 'kek') return { key: by.kek, binding: { purpose: 'vault-key', accountId } };
  if (by.kind === 'recovery') return { key: by.recoveryKey, binding: { purpose: 'vault-key-recovery', accountId } };
  throw new TypeError('unknown vault key wrapper');
}

export function wrapVaultKey(opts: { vaultKey: Uint8Array; accountId: string; by: VaultKeyWrapper }): string {
  _assertBytes(opts.vaultKey, 'vaultKey', VAULT_KEY_BYTES);
  const { key, binding } = _wrapping(opts.by, opts.accountId);
  return seal(key, opts.vaultKey, binding);
}

/** The vault key, or DecryptError if `wrapped` was not sealed by that key for that account. */
export function unwrapVaultKey(opts: { wrapped: string; accountId: string; by: VaultKeyWrapper }): Uint8Array {
  const { key, binding } = _wrapping(opts.by, opts.accountId);
  const vaultKey = open(key, opts.wrapped, binding);
  if (vaultKey.length !== KEY_BYTES) {
    vaultKey.fill(0);
    throw new DecryptError();
  }
  return vaultKey;
}
