// hash-wasm's SHA-256, made once and shared by the batch hashers of a first sync or a large push
// (sync/envelope-digests.ts, crypto/write-versions.ts): one instance, re-initialised per message.
// Callers hash in synchronous loops after awaiting it, so two of them never interleave on it.
import { createSHA256, type IHasher } from 'hash-wasm';

let hasher: Promise<IHasher> | null = null;

/** The shared hasher; null where WebAssembly cannot run (a locked-down context), which callers meet with the JavaScript hash. */
export async function wasmSha256(): Promise<IHasher | null> {
  try {
    return await (hasher ??= createSHA256());
  } catch {
    hasher = null;
    return null;
  }
}
