// The slow, salted hash of auth keys. The auth key is already 256 bits of HKDF output, so this is
// defence in depth: a stolen database does not hand out login credentials. Verification of an
// unknown account runs against a dummy hash of the same cost, so both cases take similar time.
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export type AuthKeyHashCost = { memoryKiB: number; iterations: number; parallelism: number };

export type AuthKeyHasher = {
  hash(authKey: Uint8Array): Promise<string>;
  /** Constant-time comparison inside argon2.verify (crypto.timingSafeEqual). */
  verify(storedHash: string, authKey: Uint8Array): Promise<boolean>;
  /** Spends the time of a verification and always fails: the unknown-account path. */
  verifyDummy(authKey: Uint8Array): Promise<false>;
};

export async function createAuthKeyHasher(cost: AuthKeyHashCost): Promise<AuthKeyHasher> {
  const options = {
    type: argon2.argon2id,
    memoryCost: cost.memoryKiB,
    timeCost: cost.iterations,
    parallelism: cost.parallelism,
  } as const;
  const hash = (authKey: Uint8Array) => argon2.hash(Buffer.from(authKey), options);
  const dummyHash = await hash(randomBytes(32));
  const verify = async (storedHash: string, authKey: Uint8Array) => {
    try {
      return await argon2.verify(storedHash, Buffer.from(authKey));
    } catch {
      return false;
    }
  };
  return {
    hash,
    verify,
    async verifyDummy(authKey) {
      await verify(dummyHash, authKey);
      return false;
    },
  };
}
