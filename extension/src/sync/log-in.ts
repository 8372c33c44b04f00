// Log-in: connects this device to an existing account. The order is the security: the KDF
// parameters the server names are checked (floors, and never weaker than this device last used)
// BEFORE the password is derived, so weakened parameters never produce an auth key to send. A
// device with nothing pinned (a new browser) takes nothing below Keyhold's default from a server
// unless the user accepts it after a plain warning (CONFIRM): otherwise a malicious server could
// answer the floor and get a verifier several times cheaper to attack. The salt must be the one
// derived from this server's origin and the email typed (crypto/kdf-salt.ts, ADR 0020), checked with
// no derivation at all: otherwise a server could hand every victim the same salt and attack all their
// verifiers with one dictionary. An account made before derived salts passes only after the user
// accepts a second plain warning (CONFIRM_SALT); the device then moves the account to its derived
// salt (a re-wrap under the same password, published like a password change, ADR 0017). After
// the server accepts the auth key, its copy of the wrapped vault key must open with the same
// password, or nothing is downloaded (a server that swapped it is reported). On a browser without a
// vault, the header becomes the local vault, which is unlocked and filled by the first (full) sync.
import { assertKdfParamsAcceptable, DEFAULT_KDF, isBelowDefaultKdf, type KdfParams } from '@keyhold/shared/crypto/kdf-params';
import { derivePasswordKeys } from '@keyhold/shared/crypto/derive-password-keys';
import { unwrapVaultKey } from '@keyhold/shared/crypto/wrap-vault-key';
import { bytesToBase64url, constantTimeEqual, zeroize } from '@keyhold/shared/crypto/bytes';
import { KdfParamsError } from '@keyhold/shared/crypto/errors';
import { parseVaultHeader, VAULT_FORMAT_VERSION, type VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { verifyHeaderStamp } from '@keyhold/shared/crypto/header-stamp';
import { derivedSaltGeneration, type SaltIdentity } from '@keyhold/shared/crypto/kdf-salt';
import type { HeaderState, SessionGrant } from '@keyhold/shared/sync/protocol';
import { UserError } from '../common/user-error';
import { withAccountErrors } from './account-errors';
import { checkCredentials, clientFor, saltIdentityOf, type AccountDeps, type CheckedCredentials, type Credentials } from './account-deps';
import { beginSyncing } from './begin-syncing';
import type { RunResult } from './engine';
import type { ServerClient } from './server-client';
import { t } from '../i18n/messages';
import { kdfProblem } from '../vault/kdf-problem';

const HEADER_MISMATCH = t('error_log_in_header_mismatch');

function sameKdf(a: KdfParams, b: KdfParams): boolean {
  return (
    a.algorithm === b.algorithm &&
    a.memoryKiB === b.memoryKiB &&
    a.iterations === b.iterations &&
    a.parallelism === b.parallelism &&
    a.salt === b.salt
  );
}

/** What the log-in screen shows before a new device derives with settings below the default. */
export function weakerKdfWarning(kdf: KdfParams): string {
  const parts: string[] = [];
  const mib = (kib: number) => Math.round(kib / 1024);
  if (kdf.memoryKiB < DEFAULT_KDF.memoryKiB) parts.push(t('error_log_in_weaker_memory', mib(kdf.memoryKiB), mib(DEFAULT_KDF.memoryKiB)));
  if (kdf.iterations < DEFAULT_KDF.iterations) parts.push(t('error_log_in_weaker_passes', kdf.iterations, DEFAULT_KDF.iterations));
  if (kdf.parallelism < DEFAULT_KDF.parallelism) parts.push(t('error_log_in_weaker_parallelism', kdf.parallelism, DEFAULT_KDF.parallelism));
  return t('error_log_in_weaker_kdf', parts.join(t('error_log_in_weaker_separator')));
}

/** What the log-in screen shows before a device derives with a salt that is not this account's derived one. */
export const UNCHECKED_SALT_WARNING = t('error_log_in_unchecked_salt_warning');

/**
 * Whether the server's salt may be used without asking: the salt derived for this server and email,
 * or the salt this browser's own vault already has (nothing the server chose just now).
 */
function saltChecked(kdf: KdfParams, identity: SaltIdentity, local: VaultHeader | undefined): boolean {
  return derivedSaltGeneration(kdf.salt, identity) !== null || (local !== undefined && local.kdf.salt === kdf.salt);
}

/** Ends a session this device will not use (best effort: the server may be the problem). */
async function abandon(client: ServerClient): Promise<void> {
  await client.logout().catch(() => undefined);
}

/** The vault key in the server's header, opened with the password's KEK — or a refusal. */
async function openServerVaultKey(
  deps: AccountDeps,
  client: ServerClient,
  state: HeaderState,
  expect: { kdf: KdfParams; kek: Uint8Array; grant: SessionGrant },
): Promise<Uint8Array> {
  try {
    if (!sameKdf(state.kdf, expect.kdf)) throw new Error('kdf');
    return unwrapVaultKey({ wrapped: state.header.wrappedVaultKey, accountId: expect.grant.accountId, by: { kind: 'kek', kek: expect.kek } });
  } catch {
    await deps.engine.reports.add('header-mismatch', { revision: state.revision });
    await abandon(client);
    throw new UserError('INVALID', HEADER_MISMATCH);
  }
}

/**
 * A browser without a vault takes the server's header as its vault, with the header's stamp when it
 * verifies with the vault key (its epoch is what later headers must exceed: ADR 0017).
 */
async function adoptHeader(
  deps: AccountDeps,
  state: HeaderState,
  keys: { accountId: string; vaultKey: Uint8Array },
  pinned: KdfParams | undefined,
): Promise<void> {
  const fields = {
    accountId: keys.accountId,
    kdf: state.kdf,
    wrappedVaultKey: state.header.wrappedVaultKey,
    recoveryWrappedVaultKey: state.header.recoveryWrappedVaultKey,
  };
  let stamp: string | undefined;
  try {
    verifyHeaderStamp({ vaultKey: keys.vaultKey, stamp: state.header.stamp, fields });
    stamp = state.header.stamp;
  } catch {
    stamp = undefined; // unstamped (older header) or not verifiable: epoch 0
  }
  const header: VaultHeader = parseVaultHeader({ formatVersion: VAULT_FORMAT_VERSION, ...fields, ...(stamp ? { stamp } : {}) }, { pinned });
  const { db } = deps;
  await db.transaction('rw', db.meta, async () => {
    if (await db.getMeta('header')) throw new UserError('VAULT_EXISTS', t('error_log_in_this_browser_already_has_a'));
    await db.putMeta('header', header);
    await db.putMeta('pinnedKdf', header.kdf);
    // The recovery key was shown and confirmed on the device that created the vault.
    await db.putMeta('recoveryConfirmed', true);
  });
}

async function connect(
  deps: AccountDeps,
  checked: CheckedCredentials,
): Promise<{ grant: SessionGrant; client: ServerClient; state: HeaderState; serverKey: Uint8Array; saltMoves: boolean }> {
  const [pinned, local] = await Promise.all([deps.db.getMeta('pinnedKdf'), deps.db.getMeta('header')]);
  const { kdf } = await withAccountErrors(() => clientFor(deps, checked.url).prelogin(checked.email));
  try {
    assertKdfParamsAcceptable(kdf, pinned ? { pinned } : {});
  } catch (error) {
    if (error instanceof KdfParamsError) throw new UserError('INVALID', kdfProblem(error));
    throw error;
  }
  // Nothing is derived, and no auth key exists, before both checks pass (ADR 0020).
  const identity = saltIdentityOf(checked);
  const derived = derivedSaltGeneration(kdf.salt, identity) !== null;
  if (!saltChecked(kdf, identity, local) && !checked.acceptUncheckedSalt) throw new UserError('CONFIRM_SALT', UNCHECKED_SALT_WARNING);
  if (!pinned && isBelowDefaultKdf(kdf) && !checked.acceptWeakerKdf) throw new UserError('CONFIRM', weakerKdfWarning(kdf));
  const { kek, authKey } = await derivePasswordKeys(checked.password, kdf);
  try {
    const grant = await withAccountErrors(
      () => clientFor(deps, checked.url).login({ email: checked.email, authKey: bytesToBase64url(authKey), deviceName: checked.deviceName }),
      { loggingIn: true },
    );
    const client = clientFor(deps, checked.url, grant.token);
    const state = await withAccountErrors(() => client.getHeader());
    const serverKey = await openServerVaultKey(deps, client, state, { kdf, kek, grant });
    return { grant, client, state, serverKey, saltMoves: !derived };
  } finally {
    zeroize(kek, authKey);
  }
}

export async function logIn(deps: AccountDeps, input: Credentials): Promise<RunResult> {
  const { db, vault } = deps;
  const checked = await checkCredentials(deps, input);
  const local = await db.getMeta('header');
  const { grant, client, state, serverKey, saltMoves } = await connect(deps, checked);
  try {
    if (local && local.accountId !== grant.accountId) {
      throw new UserError('VAULT_EXISTS', t('error_log_in_this_browser_already_has_its'));
    }
    if (!local) {
      await adoptHeader(deps, state, { accountId: grant.accountId, vaultKey: serverKey }, await db.getMeta('pinnedKdf'));
      // The header just adopted is the one whose vault key the password's KEK opened above.
      await vault.unlockWithOpenedKey(serverKey.slice());
    }
    const connectedBefore = await deps.engine.state.get('connection');
    if (!(await vault.isUnlocked())) await vault.unlock(checked.password);
    // An unlock after a password change elsewhere signs in by itself (password-change.ts, ADR 0017):
    // this log-in's own session is then one too many.
    const resumed = connectedBefore ? undefined : await deps.engine.state.get('connection');
    if (resumed && resumed.accountId === grant.accountId && resumed.serverUrl === checked.url.base) {
      await abandon(client);
      deps.scheduler.setPeriodic(true);
      return deps.engine.syncNow();
    }
    await vault.borrow(async (unlocked) => {
      if (!constantTimeEqual(unlocked.vaultKey, serverKey)) {
        throw new UserError('INVALID', t('error_log_in_the_vault_in_this_account'));
      }
      const keys = { accountId: grant.accountId, vaultKey: unlocked.vaultKey };
      await beginSyncing(db, { url: checked.url, email: checked.email, deviceName: checked.deviceName, grant, keys, now: deps.now(), fresh: false });
    });
  } catch (error) {
    // The new session is of no use if this device does not go on to sync with it.
    await abandon(client);
    throw error;
  } finally {
    zeroize(serverKey);
  }
  deps.scheduler.setPeriodic(true);
  if (saltMoves) await moveAccountSalt(deps, checked.password);
  // A new device's cursor is 0, so this run lists everything; signing in again resumes from the cursor.
  // The header just read names the manifest's root: its tree is fetched beside the first page.
  return deps.engine.syncNow({ manifest: state.header.manifest });
}

/**
 * Moves an account with an unchecked salt (made before ADR 0020) to its derived salt: the unlock-cost
 * re-wrap with the same password and cost, which now derives the salt from the connection and is
 * published as a password change (the other devices ask for the password once, ADR 0017). A failure
 * leaves the account as it was, still usable: the next log-in or password change tries again.
 */
async function moveAccountSalt(deps: AccountDeps, password: string): Promise<void> {
  try {
    await deps.vault.setKdf(password, await deps.vault.kdfCost());
  } catch (error) {
    console.warn('Keyhold: the account stays on its older salt for now', error);
  }
}
