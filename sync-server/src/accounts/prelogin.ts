// prelogin: the KDF parameters a client needs before it can derive the auth key.
// Unknown emails get parameters that look like a real account's, so prelogin cannot tell who has an
// account — not even someone whose settings differ from the default (issue #11):
// - the cost (m, t, p) and the kind of salt are drawn from what the server's accounts actually have,
//   weighted by how many have each, with a keyed hash of the email as the die: asking twice gives
//   the same answer;
// - the salt, where the drawn account has one derived from its identity (ADR 0020: the generation
//   in its first four bytes), is derived the same way for the unknown email and this server's origin
//   at the drawn generation — the check a client makes passes, as for a real account; otherwise (a
//   salt from before ADR 0020, or a request whose origin the server does not know) it is another
//   keyed hash of the email, random-looking like those salts.
// The accounts are read at most once per COSTS_TTL_MS, so an unknown email costs no extra query
// most of the time (a known one costs one). On a server without accounts the answer is the default
// cost with a salt derived at generation 2 (what sign-up makes: the new vault is epoch 1).
import { DEFAULT_KDF, KDF_SALT_BYTES, type KdfCost, type KdfParams } from '@keyhold/shared/crypto/kdf-params';
import { deriveKdfSalt } from '@keyhold/shared/crypto/kdf-salt';
import type { PreloginOutput } from '@keyhold/shared/sync/protocol';
import { hmacSha256 } from '../security/hmac';
import type { AccountStore } from '../storage/port';

export const COSTS_TTL_MS = 10 * 60 * 1000;

/**
 * The highest generation read as one: a random salt from before ADR 0020 starts with a number this
 * small once in 4,096, and real generations (one per credential change) stay far below it.
 */
export const MAX_PLAUSIBLE_GENERATION = 2 ** 20;
const NEW_ACCOUNT_GENERATION = 2;

/** What decoys copy from real accounts: the cost, and the salt's generation (null: a random salt). */
type Profile = KdfCost & { generation: number | null; accounts: number };

export function createPrelogin(deps: { accounts: AccountStore; preloginSaltKey: Buffer; now: () => number; publicUrl?: string | undefined }) {
  const publicOrigin = deps.publicUrl === undefined ? undefined : new URL(deps.publicUrl).origin;
  let cached: { profiles: Profile[]; readAt: number } | undefined;
  const profiles = async (): Promise<Profile[]> => {
    const time = deps.now();
    if (!cached || time - cached.readAt >= COSTS_TTL_MS || time < cached.readAt) {
      cached = { profiles: profilesOf(await deps.accounts.kdfSettings()), readAt: time };
    }
    return cached.profiles;
  };
  /** `request.origin`: the origin the client addressed (http/create-http-server.ts); the configured public URL wins. */
  return async (input: { email: string }, request: { origin?: string | undefined } = {}): Promise<PreloginOutput> => {
    const kdf = await deps.accounts.kdfByEmail(input.email);
    if (kdf) return { kdf };
    const die = hmacSha256(deps.preloginSaltKey, `cost\n${input.email}`).readUIntBE(0, 6) / 2 ** 48;
    const drawn = pickWeighted(await profiles(), die) ?? { ...DEFAULT_KDF, generation: NEW_ACCOUNT_GENERATION, accounts: 0 };
    const origin = publicOrigin ?? request.origin;
    const salt =
      drawn.generation !== null && origin !== undefined
        ? deriveKdfSalt({ identity: { origin, email: input.email }, generation: drawn.generation })
        : hmacSha256(deps.preloginSaltKey, input.email).subarray(0, KDF_SALT_BYTES).toString('base64url');
    return {
      kdf: { algorithm: 'argon2id', memoryKiB: drawn.memoryKiB, iterations: drawn.iterations, parallelism: drawn.parallelism, salt },
    };
  };
}

/** The generation a salt claims (unverified: the server does not check it against the email), or null. */
function claimedGeneration(salt: string): number | null {
  const bytes = Buffer.from(salt, 'base64url');
  if (bytes.length !== KDF_SALT_BYTES) return null;
  const generation = bytes.readUInt32BE(0);
  return generation >= 1 && generation <= MAX_PLAUSIBLE_GENERATION ? generation : null;
}

/** Real accounts grouped by cost and generation, counted, in a fixed order (so a die always picks the same). */
function profilesOf(settings: readonly KdfParams[]): Profile[] {
  const byKey = new Map<string, Profile>();
  for (const kdf of settings) {
    const generation = claimedGeneration(kdf.salt);
    const key = `${kdf.memoryKiB}/${kdf.iterations}/${kdf.parallelism}/${generation ?? '-'}`;
    const profile = byKey.get(key);
    if (profile) profile.accounts += 1;
    else byKey.set(key, { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism, generation, accounts: 1 });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, profile]) => profile);
}

/** The entry whose cumulative share of accounts covers `die` (in [0, 1)); undefined for an empty list. */
function pickWeighted(profiles: readonly Profile[], die: number): Profile | undefined {
  const total = profiles.reduce((sum, profile) => sum + profile.accounts, 0);
  let threshold = die * total;
  for (const profile of profiles) {
    if (threshold < profile.accounts) return profile;
    threshold -= profile.accounts;
  }
  return profiles.at(-1);
}
