// The manifest's envelope digest (manifest-tree.ts, envelopeDigest) for many items at once, as a
// first sync or a large push needs it: 10,000 items are about 13 MB of envelope text. The digest is
// the same bytes — SHA-256 over the three envelopes, each with its UTF-8 length as a u32 BE prefix,
// first 16 bytes — but computed with hash-wasm's SHA-256 over one reused buffer that the text is
// encoded into, instead of a fresh array per envelope hashed in JavaScript: a first sync of 10,000
// items spent about a tenth of its time in those digests and the garbage they left.
import { wasmSha256 } from '../crypto/wasm-sha256.ts';
import { envelopeDigest, NODE_HASH_BYTES } from './manifest-tree.ts';
import { nextTask } from '../common/next-task.ts';

type Envelopes = { key: string; overview: string; details: string };

const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);

/** Encodes `text` at `at` of the scratch buffer after its 4-byte length; returns the offset after it. */
function put(text: string, at: number): number {
  // UTF-8 needs at most 3 bytes per UTF-16 unit.
  const need = at + 4 + text.length * 3;
  if (need > scratch.length) {
    const grown = new Uint8Array(Math.max(need, scratch.length * 2));
    grown.set(scratch.subarray(0, at));
    scratch = grown;
  }
  const { written } = encoder.encodeInto(text, scratch.subarray(at + 4));
  new DataView(scratch.buffer).setUint32(at, written);
  return at + 4 + written;
}

/**
 * Entries digested per task: a page of 2,000 items in one go held a service worker — and every
 * message to it, such as the popup's — for tens of milliseconds; between slices other tasks run.
 */
const SLICE = 500;

/** envelopeDigest of each entry (null stays null: deletions have none), equal to it byte for byte. */
export async function envelopeDigests(list: readonly (Envelopes | null)[]): Promise<(Uint8Array | null)[]> {
  const sha = await wasmSha256();
  // No WebAssembly here (a locked-down context): the same digest, computed in JavaScript.
  if (sha === null) return list.map((envelopes) => (envelopes ? envelopeDigest(envelopes) : null));
  const out: (Uint8Array | null)[] = [];
  for (let start = 0; start < list.length; start += SLICE) {
    if (start > 0) await nextTask();
    // Each digest is made whole within one task: the hasher and the buffer are shared.
    for (const envelopes of list.slice(start, start + SLICE)) {
      if (!envelopes) {
        out.push(null);
        continue;
      }
      let end = put(envelopes.key, 0);
      end = put(envelopes.overview, end);
      end = put(envelopes.details, end);
      sha.init();
      sha.update(scratch.subarray(0, end));
      out.push(sha.digest('binary').slice(0, NODE_HASH_BYTES));
    }
  }
  return out;
}
