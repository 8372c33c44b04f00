// nodeHash (manifest-tree.ts) for many nodes in a row, as a first sync checks a whole tree of about
// 4,000 nodes against their parents: the same 16 bytes, computed with hash-wasm's SHA-256 instead of
// in JavaScript. Each call hashes one node from start to end, so callers may hold the function across
// awaits while others use the shared hasher between their calls.
import { wasmSha256 } from '../crypto/wasm-sha256.ts';
import { NODE_DOMAIN, NODE_HASH_BYTES, nodeHash, type NodeKind } from './manifest-tree.ts';

export type NodeHasher = (kind: NodeKind, bytes: Uint8Array) => Uint8Array;

const DOMAIN_BYTES: Readonly<Record<NodeKind, Uint8Array>> = {
  bucket: Uint8Array.of(NODE_DOMAIN.bucket),
  mid: Uint8Array.of(NODE_DOMAIN.mid),
  split: Uint8Array.of(NODE_DOMAIN.split),
};

/** nodeHash, on WebAssembly where it runs (else the JavaScript one itself). */
export async function nodeHasher(): Promise<NodeHasher> {
  const sha = await wasmSha256();
  if (sha === null) return nodeHash;
  return (kind, bytes) => {
    sha.init();
    sha.update(DOMAIN_BYTES[kind]);
    sha.update(bytes);
    return sha.digest('binary').slice(0, NODE_HASH_BYTES);
  };
}
