// Sign-up: creates the server account for the vault on this device and uploads it. The master
// password is checked against the local vault (it must unlock it); only the auth key derived from
// it leaves the device, with the header's KDF parameters and wrapped keys, under the vault's own
// account id (bound into every ciphertext). The first sync then pushes every item.
// A vault is created before it has an account, with a random KDF salt: sign-up first moves it to
// the salt derived from the server's origin and the email (crypto/kdf-salt.ts, ADR 0020) — the same
// password and cost, re-wrapped, written locally — so every account starts with a salt that a new
// device can check before it derives anything.
import { unlockVault } from '@keyhold/shared/crypto/unlock-vault';
import { bytesToBase64url, constantTimeEqual, zeroize } from '@keyhold/shared/crypto/bytes';
import { WrongPasswordError } from '@keyhold/shared/crypto/errors';
import { derivedSaltGeneration } from '@keyhold/shared/crypto/kdf-salt';
import { moveToDerivedSalt } from '@keyhold/shared/crypto/move-to-derived-salt';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { inviteTokenSchema } from '@keyhold/shared/sync/protocol-primitives';
import { UserError } from '../common/user-error';
import { withAccountErrors } from './account-errors';
import { checkCredentials, clientFor, saltIdentityOf, type AccountDeps, type CheckedCredentials, type Credentials } from './account-deps';
import { beginSyncing } from './begin-syncing';
import type { RunResult } from './engine';
import { emptyManifestRoot } from './manifest-book';
import { t } from '../i18n/messages';

export async function signUp(deps: AccountDeps, input: Credentials & { inviteToken?: string }): Promise<RunResult> {
  const { db, vault } = deps;
  const checked = await checkCredentials(deps, input);
  const invite = input.inviteToken?.trim() ? inviteTokenSchema.safeParse(input.inviteToken.trim()) : undefined;
  if (invite && !invite.success) throw new UserError('INVALID', t('error_sign_up_that_invite_code_is_not'));
  const stored = await db.getMeta('header');
  if (!stored) throw new UserError('NO_VAULT', t('error_sign_up_create_a_vault_on_this'));
  const pinned = await db.getMeta('pinnedKdf');
  let keys: { vaultKey: Uint8Array; authKey: Uint8Array };
  try {
    keys = await unlockVault({ password: checked.password, header: stored, pinned });
  } catch (error) {
    if (error instanceof WrongPasswordError) throw new UserError('WRONG_PASSWORD', t('error_header_record_that_master_password_is_not'));
    throw error;
  }
  try {
    await vault.borrow(async (unlocked) => {
      if (!constantTimeEqual(keys.vaultKey, unlocked.vaultKey)) throw new UserError('INVALID', t('error_sign_up_that_password_belongs_to_another'));
      const header = await withDerivedSalt(deps, { header: stored, keys, checked, pinned });
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
            manifest: emptyManifestRoot(sessionKeys),
            ...(header.stamp ? { stamp: header.stamp } : {}),
          },
          deviceName: checked.deviceName,
          ...(invite?.success ? { inviteToken: invite.data } : {}),
        }),
      );
      if (grant.accountId !== header.accountId) throw new UserError('INVALID', t('error_sign_up_the_sync_server_answered_for'));
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

/**
 * The local header with the salt derived for this server and email: unchanged if it has it already,
 * else re-wrapped under the same password and cost and written locally (and re-pinned) before
 * anything is sent. `keys.authKey` is replaced by the new salt's. A sign-up that then fails leaves the
 * vault opening with the same password as before.
 */
async function withDerivedSalt(
  deps: AccountDeps,
  opts: {
    header: VaultHeader;
    keys: { vaultKey: Uint8Array; authKey: Uint8Array };
    checked: CheckedCredentials;
    pinned: VaultHeader['kdf'] | undefined;
  },
): Promise<VaultHeader> {
  const identity = saltIdentityOf(opts.checked);
  if (derivedSaltGeneration(opts.header.kdf.salt, identity) !== null) return opts.header;
  const moved = await moveToDerivedSalt({
    vaultKey: opts.keys.vaultKey,
    header: opts.header,
    password: opts.checked.password,
    saltFor: identity,
    ...(opts.pinned ? { pinned: opts.pinned } : {}),
  });
  zeroize(opts.keys.authKey);
  opts.keys.authKey = moved.authKey;
  await deps.db.transaction('rw', deps.db.meta, async () => {
    await deps.db.putMeta('header', moved.header);
    await deps.db.putMeta('pinnedKdf', moved.header.kdf);
  });
  return moved.header;
}
