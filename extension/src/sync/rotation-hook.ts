// What sync does for a vault-key rotation (vault/rotation.ts; docs/adr/0021-vault-key-rotation.md).
// - publish: the new header goes to the server through account.changeMasterPassword, as a password
//   change does (ADR 0017): the same password, a new salt, a new verifier, the wrapped keys and the
//   manifest sealed again under the new key, and every other session revoked. The other devices learn
//   of it from the salt at their next sync, lock, and adopt the new header at their next unlock with
//   the same password. A header the server already has (a commit that stopped after publishing) is not
//   sent twice.
// - reseal: inside the commit's transaction, the session token (sealed under the vault key) is sealed
//   again under the new key, and the cached server header is dropped (the next run reads it afresh).
// - push: a sync run; every re-encrypted item is already in the outbox (the item change hook).
import { bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { UserError } from '../common/user-error';
import type { RotationHook } from '../vault/rotation';
import type { SyncEngine } from './engine';
import { resignManifest } from './manifest-book';
import type { SyncDb } from './sync-db';
import { createBaseStore } from './base-store';
import { pendingCount } from './queued-all';
import { openToken, sealToken } from './token-record';
import { t } from '../i18n/messages';

const UNREACHABLE = t('error_rotation_hook_unreachable');

export function createRotationHook(deps: { db: SyncDb; engine: () => Pick<SyncEngine, 'signedInClient' | 'syncNow' | 'state'> }): RotationHook {
  const { db } = deps;
  const engine = {
    signedInClient: () => deps.engine().signedInClient(),
    syncNow: () => deps.engine().syncNow(),
    get state() {
      return deps.engine().state;
    },
  };
  return {
    async saltIdentity() {
      const connection = await engine.state.get('connection');
      return connection ? { origin: new URL(connection.serverUrl).origin, email: connection.email } : undefined;
    },

    async publish({ next, keys, previousAuthKey, authKey }) {
      const signed = await engine.signedInClient();
      if (!signed) return;
      try {
        const state = await signed.client.getHeader();
        if (state.header.stamp !== undefined && state.header.stamp === next.stamp) return;
        // The manifest is signed or sealed with the vault key: the other devices will only have the new one.
        const manifest = state.header.manifest === undefined ? undefined : resignManifest(state.header.manifest, keys.accountId, keys.from, keys.to);
        await signed.client.changeMasterPassword({
          currentAuthKey: bytesToBase64url(previousAuthKey),
          newAuthKey: bytesToBase64url(authKey),
          kdf: next.kdf,
          header: {
            ...state.header,
            wrappedVaultKey: next.wrappedVaultKey,
            recoveryWrappedVaultKey: next.recoveryWrappedVaultKey,
            ...(next.stamp ? { stamp: next.stamp } : {}),
            ...(manifest !== undefined ? { manifest } : {}),
          },
        });
      } catch {
        throw new UserError('INVALID', UNREACHABLE);
      }
    },

    tables: [db.syncState],

    async reseal({ accountId, from, to }) {
      const connection = await engine.state.get('connection');
      if (connection) {
        const token = openToken(connection.sealedToken, { accountId, vaultKey: from });
        if (token !== null) await engine.state.put('connection', { ...connection, sealedToken: sealToken(token, { accountId, vaultKey: to }) });
      }
      await engine.state.delete('header');
    },

    async push() {
      if (!(await engine.state.get('connection'))) return 0;
      await engine.syncNow();
      return engine.state.get('connection').then(async (still) => (still ? pendingCount(db, engine.state, createBaseStore(db)) : 0));
    },
  };
}
