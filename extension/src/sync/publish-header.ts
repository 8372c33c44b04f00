// Keeps the server's copy of the vault header in step with local changes to it. A new master
// password (or new KDF cost) goes through account.changeMasterPassword, which replaces the verifier,
// the KDF parameters and the wrapped keys atomically and signs out every other device; a new
// recovery key goes through vault.putHeader (compare-and-swap, keeping the manifest). Both run
// BEFORE the local change is written: if the server cannot take it, nothing changes anywhere, so a
// device and its server never disagree about which password opens the vault.
import { derivePasswordKeys } from '@keyhold/shared/crypto/derive-password-keys';
import { bytesToBase64url, zeroize } from '@keyhold/shared/crypto/bytes';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { UserError } from '../common/user-error';
import type { HeaderPublisher } from '../vault/credentials';
import type { SyncEngine } from './engine';

const UNREACHABLE =
  'Your sync server could not take the change, so nothing was changed. Check your connection and try again, or log out of sync first.';

export function createHeaderPublisher(engine: Pick<SyncEngine, 'signedInClient'>): HeaderPublisher {
  return {
    async passwordChanged({ previous, currentPassword, next, newAuthKey }) {
      const signed = await engine.signedInClient();
      if (!signed) return;
      const { kek, authKey: currentAuthKey } = await derivePasswordKeys(currentPassword, previous.kdf);
      zeroize(kek);
      try {
        const state = await signed.client.getHeader();
        await signed.client.changeMasterPassword({
          currentAuthKey: bytesToBase64url(currentAuthKey),
          newAuthKey: bytesToBase64url(newAuthKey),
          kdf: next.kdf,
          header: { ...state.header, ...wrappedKeys(next) },
        });
      } catch {
        throw new UserError('INVALID', UNREACHABLE);
      } finally {
        zeroize(currentAuthKey);
      }
    },
    async headerChanged({ next }) {
      const signed = await engine.signedInClient();
      if (!signed) return;
      try {
        const state = await signed.client.getHeader();
        const put = await signed.client.putHeader({ baseRevision: state.revision, header: { ...state.header, ...wrappedKeys(next) } });
        if (put.status !== 'accepted') throw new Error('conflict');
      } catch {
        throw new UserError('INVALID', UNREACHABLE);
      }
    },
  };
}

function wrappedKeys(header: VaultHeader): { wrappedVaultKey: string; recoveryWrappedVaultKey: string } {
  return { wrappedVaultKey: header.wrappedVaultKey, recoveryWrappedVaultKey: header.recoveryWrappedVaultKey };
}
