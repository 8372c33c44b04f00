// Master password → master key (32 bytes) with Argon2id (RFC 9106) via hash-wasm, the fastest
// implementation that runs in every extension context (WASM; see TOOLCHAIN.md for timings).
// The master key is never stored or sent; deriveSubkeys() splits it into the KEK and the auth key.
import { argon2id } from 'hash-wasm';
import { base64urlToBytes, utf8ToBytes, zeroize } from './bytes.ts';
import { assertKdfParamsAcceptable, type KdfParams } from './kdf-params.ts';

export const MASTER_KEY_BYTES = 32;

/**
 * Checks `params` (floors, ceilings, salt) before spending any time, then derives the key.
 * The password is normalised with NFKC (Unicode UAX #15) so the same password typed on keyboards or
 * IMEs that produce composed/decomposed or full-width/half-width forms gives the same key.
 */
export async function deriveMasterKey(password: string, params: KdfParams): Promise<Uint8Array> {
  if (typeof password !== 'string' || password === '') throw new TypeError('password must be a non-empty string');
  assertKdfParamsAcceptable(params);
  const salt = base64urlToBytes(params.salt);
  const passwordBytes = utf8ToBytes(password.normalize('NFKC'));
  try {
    return await argon2id({
      password: passwordBytes,
      salt,
      iterations: params.iterations,
      parallelism: params.parallelism,
      memorySize: params.memoryKiB,
      hashLength: MASTER_KEY_BYTES,
      outputType: 'binary',
    });
  } finally {
    zeroize(passwordBytes);
  }
}
