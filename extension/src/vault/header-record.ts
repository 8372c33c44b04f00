// The vault header record and the wrong-password record, as the unlock and credential paths read and
// write them. The failure count lives in the database, so a restart does not reset the delay
// (unlock-throttle.ts); a header change pins the KDF cost it was made with, so it can never be weakened.
import { KdfParamsError, WrongPasswordError } from '@keyhold/shared/crypto/errors';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { UserError } from '../common/user-error';
import type { VaultDb } from './db';
import { retryAfterMs, type Failures } from './unlock-throttle';
import { t } from '../i18n/messages';
import { kdfProblem } from './kdf-problem';

/** What a call that needs the vault says on a browser that has none yet. */
export function noVaultError(): UserError {
  return new UserError('NO_VAULT', t('error_header_record_there_is_no_vault_on'));
}

export async function readHeader(db: VaultDb): Promise<VaultHeader> {
  const value = await db.getMeta('header');
  if (!value) throw noVaultError();
  return value;
}

export async function writeHeader(db: VaultDb, next: VaultHeader): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.putMeta('header', next);
    await db.putMeta('pinnedKdf', next.kdf);
  });
}

/** Refuses while the delay after wrong passwords runs. */
export function refuseWhileThrottled(failures: Failures | undefined, now: number): void {
  const wait = retryAfterMs(failures, now);
  if (wait > 0) throw new UserError('RATE_LIMITED', t('error_header_record_too_many_wrong_attempts_try', Math.ceil(wait / 1000)), wait);
}

/** A failed password check as the user should see it; a wrong password is counted first. */
export async function translateUnlockError(db: VaultDb, error: unknown, now: number): Promise<unknown> {
  if (error instanceof WrongPasswordError) {
    const previous = await db.getMeta('unlockFailures');
    const failures = { count: (previous?.count ?? 0) + 1, lastAt: now };
    await db.putMeta('unlockFailures', failures);
    return new UserError('WRONG_PASSWORD', t('error_header_record_that_master_password_is_not'), retryAfterMs(failures, now));
  }
  if (error instanceof KdfParamsError) return new UserError('INVALID', kdfProblem(error));
  return error;
}
