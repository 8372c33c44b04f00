// Argon2id parameters as stored in the vault header, and the rules for accepting them.
// The header comes from disk or from the sync server, so it is attacker-controlled: a malicious server
// can send cheap parameters to make an offline guess of the master password cheap (docs/architecture.md,
// "Keys and the vault format"). So parameters are checked before any derivation:
// - floors: m ≥ 19 MiB, t ≥ 2, p ≥ 1 (OWASP Password Storage Cheat Sheet's Argon2id minimum);
// - ceilings: m ≤ 1 GiB, t ≤ 50, p ≤ 16, so a header cannot freeze or exhaust the device either;
// - never weaker than the parameters this device last used for the account (`pinned`), on any of m/t/p.
// Defaults are RFC 9106 §4's second recommended option (64 MiB, t = 3, p = 4).
import { base64urlToBytes, bytesToBase64url, randomBytes } from './bytes.ts';
import { KdfParamsError } from './errors.ts';

export type KdfParams = {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** base64url of 16 random bytes */
  salt: string;
};

/** The cost part of the parameters: what a user or an upgrade may change. */
export type KdfCost = Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>;

export const KDF_SALT_BYTES = 16;

const COST_FIELDS = ['memoryKiB', 'iterations', 'parallelism'] as const;

export const DEFAULT_KDF: Readonly<Omit<KdfParams, 'salt'>> = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 4,
});

export const KDF_FLOORS: Readonly<KdfCost> = Object.freeze({ memoryKiB: 19456, iterations: 2, parallelism: 1 });

export const KDF_CEILINGS: Readonly<KdfCost> = Object.freeze({ memoryKiB: 1048576, iterations: 50, parallelism: 16 });

/**
 * The most work (memory × passes, in KiB-passes) a header may ask for: 1 GiB with 4 passes, about 20
 * times the default and some seconds on a laptop. Each ceiling alone still allows 1 GiB × 50 passes,
 * a minute or more of a frozen device; a hostile server or a damaged header must not buy that.
 */
export const KDF_MAX_WORK = 1048576 * 4;

/**
 * What is wrong with a cost the user typed (Settings → unlock cost), in the units the form uses
 * (MiB), or null when Keyhold accepts it. Unlike assertKdfParamsAcceptable's messages, which are
 * about a header read from disk or a server, this speaks of the user's own input.
 */
export function kdfCostProblem(cost: KdfCost): string | null {
  const mib = (kib: number) => Math.ceil(kib / 1024);
  if (!COST_FIELDS.every((field) => Number.isSafeInteger(cost[field]))) return 'Enter whole numbers.';
  if (cost.memoryKiB < KDF_FLOORS.memoryKiB) return `Memory must be at least ${mib(KDF_FLOORS.memoryKiB)} MiB.`;
  if (cost.memoryKiB > KDF_CEILINGS.memoryKiB) return `Memory can be at most ${mib(KDF_CEILINGS.memoryKiB)} MiB.`;
  if (cost.iterations < KDF_FLOORS.iterations) return `Iterations must be at least ${KDF_FLOORS.iterations}.`;
  if (cost.iterations > KDF_CEILINGS.iterations) return `Iterations can be at most ${KDF_CEILINGS.iterations}.`;
  if (cost.parallelism < KDF_FLOORS.parallelism) return `Parallelism must be at least ${KDF_FLOORS.parallelism}.`;
  if (cost.parallelism > KDF_CEILINGS.parallelism) return `Parallelism can be at most ${KDF_CEILINGS.parallelism}.`;
  if (cost.memoryKiB * cost.iterations > KDF_MAX_WORK)
    return `Memory × iterations can be at most ${mib(KDF_MAX_WORK)} MiB (for example 1024 MiB with 4 iterations): more would take too long on most devices.`;
  return null;
}

/** Whether `cost` is weaker than the default on any of memory, passes or parallelism. */
export function isBelowDefaultKdf(cost: KdfCost): boolean {
  return COST_FIELDS.some((field) => cost[field] < DEFAULT_KDF[field]);
}

const FIELD_LABEL: Record<(typeof COST_FIELDS)[number], string> = {
  memoryKiB: 'memory (KiB)',
  iterations: 'iterations',
  parallelism: 'parallelism',
};

/**
 * Fresh parameters; `overrides` adjust the cost and must pass the floors. The salt is `options.salt`
 * (a synced account's derived salt, kdf-salt.ts) or new random bytes (a vault not yet synced).
 */
export function newKdfParams(overrides: Partial<KdfCost> = {}, options: { salt?: string } = {}): KdfParams {
  const params: KdfParams = {
    algorithm: 'argon2id',
    memoryKiB: overrides.memoryKiB ?? DEFAULT_KDF.memoryKiB,
    iterations: overrides.iterations ?? DEFAULT_KDF.iterations,
    parallelism: overrides.parallelism ?? DEFAULT_KDF.parallelism,
    salt: options.salt ?? bytesToBase64url(randomBytes(KDF_SALT_BYTES)),
  };
  assertKdfParamsAcceptable(params);
  return params;
}

/**
 * Parameters for a re-wrap (password change or reset): a new salt (random, or `options.salt`), and each cost the stronger of the
 * current one and the default unless `overrides` says otherwise — so re-wrapping upgrades old vaults
 * and never silently weakens one. Explicit overrides may go down, to the floors.
 */
export function _successorKdfParams(current: KdfCost, overrides: Partial<KdfCost> = {}, options: { salt?: string } = {}): KdfParams {
  return newKdfParams(
    {
      memoryKiB: overrides.memoryKiB ?? Math.max(current.memoryKiB, DEFAULT_KDF.memoryKiB),
      iterations: overrides.iterations ?? Math.max(current.iterations, DEFAULT_KDF.iterations),
      parallelism: overrides.parallelism ?? Math.max(current.parallelism, DEFAULT_KDF.parallelism),
    },
    options,
  );
}

function _checkSalt(salt: unknown): void {
  let bytes: Uint8Array | undefined;
  try {
    if (typeof salt === 'string') bytes = base64urlToBytes(salt);
  } catch {
    bytes = undefined;
  }
  if (bytes?.length !== KDF_SALT_BYTES) {
    throw new KdfParamsError(
      'malformed-salt',
      `The vault's key-derivation salt is damaged (it must be ${KDF_SALT_BYTES} bytes in base64url). The vault header may be corrupt or tampered with.`,
    );
  }
}

/**
 * Throws KdfParamsError unless the parameters are well-formed, within floors and ceilings, and (when
 * `pinned` is given) at least as strong as the pinned ones on each of memory, iterations, parallelism.
 * Accepts `unknown`-shaped input at runtime because headers arrive as JSON from outside.
 */
export function assertKdfParamsAcceptable(params: KdfParams, options: { pinned?: KdfParams } = {}): void {
  if (typeof params !== 'object' || params === null) {
    throw new KdfParamsError('malformed', 'The vault has no readable key-derivation settings. The vault header may be corrupt.');
  }
  if (params.algorithm !== 'argon2id') {
    throw new KdfParamsError(
      'unsupported-algorithm',
      `The vault uses a key-derivation algorithm this version of Keyhold does not support (${String(params.algorithm)}). Update Keyhold.`,
    );
  }
  for (const field of COST_FIELDS) {
    const value: unknown = params[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new KdfParamsError(
        'malformed',
        `The vault's key-derivation setting "${FIELD_LABEL[field]}" is not a whole number. The vault header may be corrupt.`,
      );
    }
    if (value < KDF_FLOORS[field]) {
      throw new KdfParamsError(
        'below-floor',
        `The vault's key-derivation settings are too weak: ${FIELD_LABEL[field]} is ${value}, the minimum is ${KDF_FLOORS[field]}. ` +
          'Weak settings make a stolen vault easy to crack, so Keyhold refuses them; this can mean the vault was tampered with.',
      );
    }
    if (value > KDF_CEILINGS[field]) {
      throw new KdfParamsError(
        'above-ceiling',
        `The vault's key-derivation settings are beyond what Keyhold will run: ${FIELD_LABEL[field]} is ${value}, the maximum is ${KDF_CEILINGS[field]}.`,
      );
    }
  }
  if (params.memoryKiB * params.iterations > KDF_MAX_WORK) {
    throw new KdfParamsError(
      'above-ceiling',
      `The vault's key-derivation settings would take too long to run on this device: ${params.memoryKiB} KiB × ${params.iterations} passes, ` +
        `the most Keyhold runs is ${KDF_MAX_WORK / 1024} MiB-passes (1 GiB with 4 passes).`,
    );
  }
  _checkSalt(params.salt);
  const pinned = options.pinned;
  if (pinned === undefined) return;
  for (const field of COST_FIELDS) {
    // A damaged pin must not switch the check off (a comparison with undefined is always false).
    if (!Number.isSafeInteger(pinned[field])) throw new TypeError(`pinned KDF params: ${field} is not an integer`);
    if (params[field] < pinned[field]) {
      throw new KdfParamsError(
        'weaker-than-pinned',
        `The vault's key-derivation settings are weaker than the ones this device last used for this account ` +
          `(${FIELD_LABEL[field]}: ${params[field]}, previously ${pinned[field]}). This can mean the sync server was tampered with; Keyhold did not use them.`,
      );
    }
  }
}
