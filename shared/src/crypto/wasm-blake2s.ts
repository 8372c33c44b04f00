// hash-wasm's keyed BLAKE2s with a 32-bit digest, for hashing many short strings under one key (the
// overview index's site buckets, extension/src/vault/index-store.ts). The same bytes as
// @noble/hashes' blake2s(message, { key, dkLen: 4 }); null where WebAssembly cannot run.
import { createBLAKE2s, type IHasher } from 'hash-wasm';

export type { IHasher };

export async function keyedBlake2s32(key: Uint8Array): Promise<IHasher | null> {
  try {
    return await createBLAKE2s(32, key);
  } catch {
    return null;
  }
}
