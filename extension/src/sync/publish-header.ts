// Keeps the server's copy of the vault header in step with local changes to it. A new master
// password (or new KDF cost) goes through account.changeMasterPassword, which replaces the verifier,
// the KDF parameters and the wrapped keys atomically and signs out every other device; a reset with
// the recovery key goes through account.resetMasterPassword (the same swap, authorised by this
// device's session, whose token is sealed under the vault key the recovery key opened); a new
// recovery key goes through vault.putHeader (compare-and-swap, keeping the manifest). Every header
// sent carries its stamp (crypto/header-stamp.ts), which the other devices verify before adopting
// it (ADR 0017). All run BEFORE the local change is written: if the server cannot take it, nothing
// changes anywhere, so a device and its server never disagree about which password opens the vault.
// While connected, it also names the account's server origin and email, from which every re-wrap
// derives its new KDF salt (crypto/kdf-salt.ts, ADR 0020).
import { derivePasswordKeys } from '@keyhold/shared/crypto/derive-password-keys';
import { bytesToBase64url, zeroize } from '@keyhold/shared/crypto/bytes';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import type { SaltIdentity } from '@keyhold/shared/crypto/kdf-salt';
import { UserError } from '../common/user-error';
import type { HeaderPublisher } from '../vault/credentials';
import type { SyncEngine } from './engine';
import { ServerError, type ServerClient } from './server-client';
import type { StoredConnection } from './state-records';
import { openToken } from './token-record';
import { t } from '../i18n/messages';

const UNREACHABLE = t('error_publish_header_unreachable');
const RESET_SIGNED_OUT = t('error_publish_header_reset_signed_out');

export type HeaderPublisherDeps = Pick<SyncEngine, 'signedInClient'> & {
  /** The connection record (sync state), read without the vault being unlocked. */
  connection(): Promise<StoredConnection | undefined>;
  /** Whether sync has learned that another device changed the password (password-change.ts). */
  changedElsewhere(): Promise<boolean>;
  client(serverUrl: string, token: string): ServerClient;
};

/** The publisher, with the identity re-wraps derive salts from (always there, though optional for the vault). */
export function createHeaderPublisher(deps: HeaderPublisherDeps): HeaderPublisher & { saltIdentity(): Promise<SaltIdentity | undefined> } {
  return {
    async passwordChanged({ previous, currentPassword, next, newAuthKey }) {
      const signed = await deps.signedInClient();
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
      const signed = await deps.signedInClient();
      if (!signed) return;
      try {
        const state = await signed.client.getHeader();
        const put = await signed.client.putHeader({ baseRevision: state.revision, header: { ...state.header, ...wrappedKeys(next) } });
        if (put.status !== 'accepted') throw new Error('conflict');
      } catch {
        throw new UserError('INVALID', UNREACHABLE);
      }
    },
    async saltIdentity() {
      const connection = await deps.connection();
      return connection ? { origin: new URL(connection.serverUrl).origin, email: connection.email } : undefined;
    },
    async passwordReset({ next, newAuthKey, vaultKey }) {
      const connection = await deps.connection();
      if (!connection) {
        // Signed out because of a change elsewhere: a local-only reset would leave the server behind.
        if (await deps.changedElsewhere()) throw new UserError('INVALID', RESET_SIGNED_OUT);
        return; // Not syncing: nothing to publish.
      }
      if (connection.accountId !== next.accountId) throw new UserError('INVALID', RESET_SIGNED_OUT);
      const token = openToken(connection.sealedToken, { accountId: next.accountId, vaultKey });
      if (token === null) throw new UserError('INVALID', RESET_SIGNED_OUT);
      const stamp = next.stamp;
      if (!stamp) throw new Error('a reset header is always stamped');
      const client = deps.client(connection.serverUrl, token);
      try {
        const state = await client.getHeader();
        await client.resetMasterPassword({
          newAuthKey: bytesToBase64url(newAuthKey),
          kdf: next.kdf,
          header: { ...state.header, ...wrappedKeys(next), stamp },
        });
      } catch (error) {
        if (error instanceof ServerError && error.problem.kind === 'unauthorized') throw new UserError('INVALID', RESET_SIGNED_OUT);
        throw new UserError('INVALID', UNREACHABLE);
      }
    },
  };
}

function wrappedKeys(header: VaultHeader): { wrappedVaultKey: string; recoveryWrappedVaultKey: string; stamp?: string } {
  return {
    wrappedVaultKey: header.wrappedVaultKey,
    recoveryWrappedVaultKey: header.recoveryWrappedVaultKey,
    ...(header.stamp ? { stamp: header.stamp } : {}),
  };
}
