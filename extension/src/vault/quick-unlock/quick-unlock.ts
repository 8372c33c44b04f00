// Quick unlock: the second and third ways from "locked" to "unlocked" besides the master password —
// a PIN (only while the browser stays open) and a WebAuthn PRF credential (a platform authenticator or
// a security key). Each unwraps a copy of the vault key that the master password's holder made, and
// hands it to the session under the ticket taken before the slow work, exactly like a password unlock
// (docs/architecture.md, "The vault session"; docs/adr/0019-quick-unlock.md).
//
// Rules: turning either on needs the master password; 5 wrong PINs wipe the PIN wrap
// (pin-attempts.ts); the PIN wrap lives in session memory only (pin-store.ts); a master-password
// change, a reset, a key rotation or a lock-everywhere calls drop(); and a wrap made under an older
// master-password wrapping does not open anyway (quick-wrap.ts, headerFingerprint).
import { base64urlToBytes, zeroize } from '@keyhold/shared/crypto/bytes';
import { DecryptError } from '@keyhold/shared/crypto/errors';
import { newKdfParams, type KdfCost } from '@keyhold/shared/crypto/kdf-params';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { UserError } from '../../common/user-error';
import { t, tp } from '../../i18n/messages';
import type { VaultDb } from '../db';
import type { VaultSession } from '../session';
import { readHeader } from '../header-record';
import { afterWrongPin, attemptsLeft, beginAttempt } from './pin-attempts';
import type { PinRecord, PinStore } from './pin-store';
import { prfRecordSchema, type PrfRecord } from './prf-record';
import {
  derivePinKey,
  headerFingerprint,
  openQuickWrap,
  PIN_PATTERN,
  prfWrappingKey,
  wrapVaultKeyForQuickUnlock,
  type QuickMethod,
} from './quick-wrap';

type Keys = { accountId: string; vaultKey: Uint8Array };

export type QuickUnlockStatus = {
  pin: { attemptsLeft: number } | null;
  /** What the page passes to `navigator.credentials.get` (neither is secret). */
  prf: { credentialId: string; salt: string } | null;
};

export type PrfEnrolment = { credentialId: string; salt: string; prfOutput: Uint8Array };

export type QuickUnlockDeps = {
  db: VaultDb;
  session: VaultSession;
  pins: PinStore;
  /** Argon2id cost for the PIN (the defaults unless a test asks for the floors). */
  pinKdf?: KdfCost;
  /** Checks the master password, throttled and counted like unlock (credentials.ts, confirmPassword). */
  confirmPassword: (password: string) => Promise<void>;
  /** Opens the session with an unwrapped key under `ticket` (unlock.ts, openWithKey). */
  openWithKey: (ticket: number, keys: Keys) => Promise<void>;
  /** Observes each PIN derivation (tests count the guesses an attacker got). */
  onPinTried?: () => void;
};

// NOT_FOUND: this way in is off (never turned on, wiped, dropped, or gone with the browser session).
const pinOffError = () => new UserError('NOT_FOUND', t('quick_unlock_error_pin_off'));
const pinWipedError = () => new UserError('NOT_FOUND', t('quick_unlock_error_pin_wiped'));
const prfOffError = () => new UserError('NOT_FOUND', t('quick_unlock_error_prf_off'));

export function createQuickUnlock(deps: QuickUnlockDeps) {
  const { db, session, pins } = deps;
  // One attempt or change at a time: two popups trying PINs at once cannot both read the same count.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step);
    queue = run.catch(() => undefined);
    return run;
  }

  const current = (record: { accountId: string; fingerprint: string }, header: VaultHeader) =>
    record.accountId === header.accountId && record.fingerprint === headerFingerprint(header);

  /** The PIN record if it belongs to this header; a stale one is wiped. */
  async function livePin(header: VaultHeader): Promise<PinRecord | null> {
    const record = await pins.load();
    if (record && !current(record, header)) {
      await pins.clear();
      return null;
    }
    return record;
  }

  async function livePrf(header: VaultHeader): Promise<PrfRecord | null> {
    const stored = await db.getMeta('quickUnlockPrf');
    const record = stored ? prfRecordSchema.safeParse(stored) : null;
    if (record?.success && current(record.data, header)) return record.data;
    if (stored) await db.meta.delete('quickUnlockPrf');
    return null;
  }

  /** Wraps a copy of the unlocked vault key under `wrappingKey`, after the master password was checked. */
  async function wrapUnlocked(method: QuickMethod, wrappingKey: Uint8Array): Promise<{ accountId: string; fingerprint: string; wrapped: string }> {
    try {
      return await session.borrow(async ({ accountId, vaultKey }) => {
        const header = await readHeader(db);
        const fingerprint = headerFingerprint(header);
        return { accountId, fingerprint, wrapped: wrapVaultKeyForQuickUnlock(wrappingKey, { accountId, vaultKey }, { method, fingerprint }) };
      });
    } finally {
      zeroize(wrappingKey);
    }
  }

  async function dropPin(): Promise<void> {
    await pins.clear();
  }

  async function dropPrf(): Promise<void> {
    await db.meta.delete('quickUnlockPrf');
  }

  return {
    async status(): Promise<QuickUnlockStatus> {
      const header = await db.getMeta('header');
      if (!header) return { pin: null, prf: null };
      const [pin, prf] = await Promise.all([livePin(header), livePrf(header)]);
      return {
        pin: pin ? { attemptsLeft: attemptsLeft({ kind: 'armed', failures: pin.failures }) } : null,
        prf: prf ? { credentialId: prf.credentialId, salt: prf.salt } : null,
      };
    },

    /** Turns the PIN on (or sets a new one): needs the master password and an unlocked vault. */
    enablePin(password: string, pin: string): Promise<void> {
      if (!PIN_PATTERN.test(pin)) return Promise.reject(new UserError('INVALID', t('quick_unlock_error_pin_invalid')));
      return serial(async () => {
        await deps.confirmPassword(password);
        const kdf = newKdfParams(deps.pinKdf);
        const { accountId, fingerprint, wrapped } = await wrapUnlocked('pin', await derivePinKey(pin, kdf));
        await pins.save({ accountId, fingerprint, kdf, wrapped, failures: 0 });
      });
    },

    disablePin: () => serial(dropPin),

    /**
     * Unlocks with the PIN. The attempt is charged before the derivation (pin-attempts.ts); a right
     * PIN clears the count, the fifth wrong one wipes the wrap.
     */
    unlockWithPin(pin: string): Promise<void> {
      return serial(async () => {
        const ticket = session.ticket();
        const header = await readHeader(db);
        const record = await livePin(header);
        if (!record) throw pinOffError();
        const start = beginAttempt({ kind: 'armed', failures: record.failures });
        if (start.kind === 'refused') {
          await pins.clear();
          throw pinWipedError();
        }
        await pins.save({ ...record, failures: start.failures });
        let vaultKey: Uint8Array | null = null;
        if (PIN_PATTERN.test(pin)) {
          deps.onPinTried?.();
          const wrappingKey = await derivePinKey(pin, record.kdf);
          try {
            vaultKey = openQuickWrap(wrappingKey, record.wrapped, { accountId: record.accountId, method: 'pin', fingerprint: record.fingerprint });
          } catch (error) {
            if (!(error instanceof DecryptError)) throw error;
          } finally {
            zeroize(wrappingKey);
          }
        }
        if (!vaultKey) {
          const next = afterWrongPin(start.failures);
          if (next.kind === 'off') {
            await pins.clear();
            throw pinWipedError();
          }
          throw new UserError('WRONG_PASSWORD', tp('quick_unlock_error_wrong_pin', attemptsLeft(next)));
        }
        await pins.save({ ...record, failures: 0 });
        await deps.openWithKey(ticket, { accountId: record.accountId, vaultKey });
      });
    },

    /** Turns on unlock with a PRF credential the page has just created (its first PRF output in hand). */
    enablePrf(password: string, enrolment: PrfEnrolment): Promise<void> {
      return serial(async () => {
        try {
          await deps.confirmPassword(password);
          const { accountId, fingerprint, wrapped } = await wrapUnlocked('prf', prfWrappingKey(enrolment.prfOutput));
          const record = prfRecordSchema.parse({ accountId, fingerprint, credentialId: enrolment.credentialId, salt: enrolment.salt, wrapped });
          await db.putMeta('quickUnlockPrf', record);
        } finally {
          zeroize(enrolment.prfOutput);
        }
      });
    },

    disablePrf: () => serial(dropPrf),

    /** Unlocks with the PRF output the authenticator gave for the enrolled credential and salt. */
    unlockWithPrf(prfOutput: Uint8Array): Promise<void> {
      return serial(async () => {
        const ticket = session.ticket();
        try {
          const header = await readHeader(db);
          const record = await livePrf(header);
          if (!record) throw prfOffError();
          const wrappingKey = prfWrappingKey(prfOutput);
          let vaultKey: Uint8Array;
          try {
            vaultKey = openQuickWrap(wrappingKey, record.wrapped, { accountId: record.accountId, method: 'prf', fingerprint: record.fingerprint });
          } catch (error) {
            if (!(error instanceof DecryptError)) throw error;
            throw new UserError('WRONG_PASSWORD', t('quick_unlock_error_prf_wrong'));
          } finally {
            zeroize(wrappingKey);
          }
          await deps.openWithKey(ticket, { accountId: record.accountId, vaultKey });
        } finally {
          zeroize(prfOutput);
        }
      });
    },

    /**
     * Drops every quick-unlock wrap (PIN and PRF). Called by a master-password change, a reset with the
     * recovery key, a password adopted from another device, a vault-key rotation and a lock-everywhere.
     */
    drop(): Promise<void> {
      return serial(async () => {
        await Promise.all([dropPin(), dropPrf()]);
      });
    },
  };
}

export type QuickUnlock = ReturnType<typeof createQuickUnlock>;

/** A PRF output as the page sends it (base64url of 32 bytes), as bytes. */
export function prfOutputFromText(text: string): Uint8Array {
  return base64urlToBytes(text);
}
