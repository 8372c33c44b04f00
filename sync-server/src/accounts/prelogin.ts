// prelogin: the KDF parameters a client needs before it can derive the auth key.
// Unknown emails get parameters that look like a real account's, so prelogin cannot tell who has an
// account — not even someone whose settings differ from the default (issue #11):
// - the cost (m, t, p) is drawn from the costs the server's accounts actually use, weighted by how
//   many use each, with a keyed hash of the email as the die: asking twice gives the same answer;
// - the salt is another keyed hash of the email.
// The distribution is read at most once per COSTS_TTL_MS, so an unknown email costs no extra query
// most of the time (a known one costs one). On a server without accounts the default is the answer.
import { DEFAULT_KDF, KDF_SALT_BYTES } from '@keyhold/shared/crypto/kdf-params';
import type { PreloginOutput } from '@keyhold/shared/sync/protocol';
import { hmacSha256 } from '../security/hmac';
import type { AccountStore, KdfCostCount } from '../storage/port';

export const COSTS_TTL_MS = 10 * 60 * 1000;

export function createPrelogin(deps: { accounts: AccountStore; preloginSaltKey: Buffer; now: () => number }) {
  let cached: { costs: KdfCostCount[]; readAt: number } | undefined;
  const costs = async (): Promise<KdfCostCount[]> => {
    const time = deps.now();
    if (!cached || time - cached.readAt >= COSTS_TTL_MS || time < cached.readAt) {
      cached = { costs: await deps.accounts.kdfCosts(), readAt: time };
    }
    return cached.costs;
  };
  return async (input: { email: string }): Promise<PreloginOutput> => {
    const kdf = await deps.accounts.kdfByEmail(input.email);
    if (kdf) return { kdf };
    const salt = hmacSha256(deps.preloginSaltKey, input.email).subarray(0, KDF_SALT_BYTES).toString('base64url');
    const die = hmacSha256(deps.preloginSaltKey, `cost\n${input.email}`).readUIntBE(0, 6) / 2 ** 48;
    const cost = pickWeighted(await costs(), die) ?? DEFAULT_KDF;
    return {
      kdf: {
        algorithm: 'argon2id',
        memoryKiB: cost.memoryKiB,
        iterations: cost.iterations,
        parallelism: cost.parallelism,
        salt,
      },
    };
  };
}

/** The entry whose cumulative share of accounts covers `die` (in [0, 1)); undefined for an empty list. */
function pickWeighted(costs: readonly KdfCostCount[], die: number): KdfCostCount | undefined {
  const total = costs.reduce((sum, cost) => sum + cost.accounts, 0);
  let threshold = die * total;
  for (const cost of costs) {
    if (threshold < cost.accounts) return cost;
    threshold -= cost.accounts;
  }
  return costs.at(-1);
}
