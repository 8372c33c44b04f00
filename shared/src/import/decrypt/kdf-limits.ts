// The one check every encrypted format runs on the key-derivation settings its file asks for,
// before spending any time on them (the caps and why: KDF_LIMITS in limits.ts). A value that is not
// a positive whole number is refused the same way: the file is damaged or made to be hostile.
import { ImportError, type KdfSetting } from '../import-error';
import { KDF_LIMITS } from '../limits';

export type KdfCost =
  | { kind: 'pbkdf2'; iterations: number }
  | { kind: 'argon2'; memoryKiB: number; iterations: number; parallelism: number }
  | { kind: 'aes-kdf'; rounds: number };

export function assertKdfCost(cost: KdfCost): void {
  switch (cost.kind) {
    case 'pbkdf2':
      return within('iterations', cost.iterations, KDF_LIMITS.pbkdf2MaxIterations);
    case 'aes-kdf':
      return within('rounds', cost.rounds, KDF_LIMITS.aesKdfMaxRounds);
    case 'argon2':
      within('parallelism', cost.parallelism, KDF_LIMITS.argon2MaxParallelism);
      // Argon2 needs at least 8 KiB per lane (RFC 9106 §3.1).
      within('memory', cost.memoryKiB, KDF_LIMITS.argon2MaxMemoryKiB, 8 * cost.parallelism);
      within('iterations', cost.iterations, Math.floor(KDF_LIMITS.argon2MaxMiBPasses / Math.max(1, cost.memoryKiB / 1024)));
  }
}

function within(setting: KdfSetting, value: number, max: number, min = 1): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new ImportError({ code: 'kdf-out-of-range', setting });
}
