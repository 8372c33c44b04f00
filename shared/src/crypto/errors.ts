// Errors of the crypto core. Two audiences (STYLE.md habit 8):
// - attackers probe decryption, so DecryptError says nothing beyond "it failed" — no reason, no
//   position, no distinction between a bad tag, a bad length or a bad version;
// - users hit the others (weak KDF settings, a mistyped recovery key, a wrong password), so those say
//   what happened and what to do, and carry a machine-readable `reason` for the UI.

/** The one error every failed decryption gives: tampered, truncated, rebound or unknown-format input. */
export class DecryptError extends Error {
  override readonly name = 'DecryptError';
  constructor() {
    super('Decryption failed');
  }
}

/**
 * A key that was wiped (all zeros) was handed to seal or open: the vault was locked while the work that
 * held the key was still running. Not an attacker-facing error: it never depends on ciphertext.
 */
export class ZeroKeyError extends Error {
  override readonly name = 'ZeroKeyError';
  constructor() {
    super('The key is no longer available (the vault was locked).');
  }
}

/** The master password did not unlock the vault key (distinct so the UI can say so). */
export class WrongPasswordError extends Error {
  override readonly name = 'WrongPasswordError';
  constructor() {
    super('Wrong master password. Check Caps Lock and your keyboard layout, then try again.');
  }
}

export type KdfParamsErrorReason = 'malformed' | 'unsupported-algorithm' | 'malformed-salt' | 'below-floor' | 'above-ceiling' | 'weaker-than-pinned';

/** Key-derivation settings that must not be used (too weak, nonsensical, or weaker than last time). */
export class KdfParamsError extends Error {
  override readonly name = 'KdfParamsError';
  readonly reason: KdfParamsErrorReason;
  constructor(reason: KdfParamsErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

export type RecoveryKeyErrorReason = 'invalid-character' | 'wrong-length' | 'typo' | 'wrong-key';

/** A recovery key that cannot be read, or that does not belong to this vault. */
export class RecoveryKeyError extends Error {
  override readonly name = 'RecoveryKeyError';
  readonly reason: RecoveryKeyErrorReason;
  /** The values the message names (the character, the lengths), for a translated message. */
  readonly details: Readonly<Record<string, string | number>>;
  constructor(reason: RecoveryKeyErrorReason, message: string, details: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.reason = reason;
    this.details = details;
  }
}

export type VaultHeaderErrorReason = 'malformed' | 'unsupported-version';

/** A vault header that is damaged or written by a newer Keyhold. */
export class VaultHeaderError extends Error {
  override readonly name = 'VaultHeaderError';
  readonly reason: VaultHeaderErrorReason;
  constructor(reason: VaultHeaderErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
