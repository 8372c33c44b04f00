// Sign-up: creates the server account for the vault on this device and uploads it. The master
// password is checked against the local vault (it must unlock it); only the auth key derived from
// it leaves the device, with the header's KDF parameters and wrapped keys, under the vault's own
// account id (bound into every ciphertext). The first sync then pushes every item.
import { unlockVault } from '@keyhold/shared/crypto/unlock-vault';
import { bytesToBase64url, constantTimeEqual, zeroize } from '@keyhold/shared/crypto/bytes';
import { WrongPasswordError } from '@keyhold/shared/crypto/errors';
import { inviteTokenSchema } from '@keyhold/shared/sync/protocol-primitives';
import { UserError } from '../common/user-error';
import { withAccountErrors } from './account-errors';
import { checkCredentials, clientFor, type AccountDeps, type Credentials } from './account-deps';
import { beginSyncing } from './begin-syncing';
import type { RunResult } from './engine';
import { sealManifest } from './manifest';

export async function signUp(deps: AccountDeps, input: Credentials & { inviteToken?: string }): Promise<RunResult> {
  const { db, vault } = deps;
  const checked = await checkCredentials(deps, input);
  const invite = input.inviteToken?.trim() ? inviteTokenSchema.safeParse(input.inviteToken.trim()) : undefined;
  if (invite && !invite.success)
    throw new UserError('INVALID', 'That invite code is not valid. Copy it exactly as `keyhold-server invite` printed it.');
  const header = await db.getMeta('header');
  if (!header) throw new UserError('NO_VAULT', 'Create a vault on this device first; signing up uploads it.');
  let keys: { vaultKey: Uint8Array; authKey: Uint8Array };
  try {
    keys = await unlockVault({ password: checked.password, header, pinned: await db.getMeta('pinnedKdf') });
  } catch (error) {
    if (error instanceof WrongPasswordError) throw new UserError('WRONG_PASSWORD', 'That master password is not right.');
    throw error;
  }
  try {
    await vault.borrow(async (unlocked) => {
      if (!constantTimeEqual(keys.vaultKey, unlocked.vaultKey)) throw new UserError('INVALID', 'That password belongs to another vault.');
      const sessionKeys = { accountId: header.accountId, vaultKey: unlocked.vaultKey };
      const grant = await withAccountErrors(() =>
        clientFor(deps, checked.url).register({
          email: checked.email,
          accountId: header.accountId,
          kdf: header.kdf,
          authKey: bytesToBase64url(keys.authKey),
          header: {
            wrappedVaultKey: header.wrappedVaultKey,
            recoveryWrappedVaultKey: header.recoveryWrappedVaultKey,
            manifest: sealManifest(new Map(), sessionKeys),
            ...(header.stamp ? { stamp: header.stamp } : {}),
          },
          deviceName: checked.deviceName,
          ...(invite?.success ? { inviteToken: invite.data } : {}),
        }),
      );
      if (grant.accountId !== header.accountId) throw new UserError('INVALID', 'The sync server answered for another account. Nothing was uploaded.');
      await beginSyncing(db, {
        url: checked.url,
        email: checked.email,
        deviceName: checked.deviceName,
        grant,
        keys: sessionKeys,
        now: deps.now(),
        fresh: true,
      });
    });
  } finally {
    zeroize(keys.vaultKey, keys.authKey);
  }
  deps.scheduler.setPeriodic(true);
  // A new account starts at cursor 0: this run lists the (empty) server and uploads everything.
  return deps.engine.syncNow();
}
