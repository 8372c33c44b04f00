// writeVersion (seal-item.ts) for many wrapped item keys at once, as opening a pull page needs it:
// the same bytes — the first WRITE_VERSION_BYTES of SHA-256 over the key envelope's UTF-8 text —
// computed with hash-wasm's SHA-256 over one reused buffer instead of a fresh array per key hashed in
// JavaScript (a first sync of 10,000 items spent about 3 % of its worker time there).
import { wasmSha256 } from './wasm-sha256.ts';
import { WRITE_VERSION_BYTES } from './envelope.ts';
import { writeVersion } from './seal-item.ts';

const encoder = new TextEncoder();
let scratch = new Uint8Array(4 * 1024);

/** writeVersion of each wrapped item key, equal to it byte for byte. */
export async function writeVersions(wrappedItemKeys: readonly string[]): Promise<Uint8Array[]> {
  const sha = await wasmSha256();
  // No WebAssembly here (a locked-down context): the same versions, computed in JavaScript.
  if (sha === null) return wrappedItemKeys.map(writeVersion);
  return wrappedItemKeys.map((text) => {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, scratch);
    sha.init();
    sha.update(scratch.subarray(0, written));
    return sha.digest('binary').slice(0, WRITE_VERSION_BYTES);
  });
}
