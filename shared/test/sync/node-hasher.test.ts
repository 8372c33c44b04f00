import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nodeHash, type NodeKind } from '../../src/sync/manifest-tree.ts';
import { nodeHasher } from '../../src/sync/node-hasher.ts';

describe('nodeHasher', () => {
  it('is nodeHash, byte for byte, for every kind and any bytes, one node after another', async () => {
    const hash = await nodeHasher();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom<NodeKind>('bucket', 'mid', 'split'), fc.uint8Array({ maxLength: 2000 })), { maxLength: 10 }),
        async (nodes) => {
          expect(nodes.map(([kind, bytes]) => hash(kind, bytes))).toEqual(nodes.map(([kind, bytes]) => nodeHash(kind, bytes)));
        },
      ),
    );
  });

  it('keeps the kinds apart: the same bytes hash differently as a bucket, a mid and a split', async () => {
    const hash = await nodeHasher();
    const bytes = new Uint8Array(1024).fill(7);
    expect(new Set(['bucket', 'mid', 'split'].map((kind) => Buffer.from(hash(kind as NodeKind, bytes)).toString('hex'))).size).toBe(3);
  });
});
