// writeVersions (crypto/write-versions.ts) is writeVersion (seal-item.ts) for many keys, byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeVersion } from '../../src/crypto/seal-item.ts';
import { writeVersions } from '../../src/crypto/write-versions.ts';

describe('writeVersions', () => {
  it('equals writeVersion for every text: empty, ASCII, non-ASCII, longer than its buffer', async () => {
    const texts = ['', 'AQEAAAAA', 'é – 漢字 🙂', 'x'.repeat(10_000)];
    expect(await writeVersions(texts)).toEqual(texts.map(writeVersion));
  });

  it('equals writeVersion for any list of strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { maxLength: 20 }), async (texts) => {
        expect(await writeVersions(texts)).toEqual(texts.map(writeVersion));
      }),
    );
  });
});
