// The promise of the Keyhold export: what goes in comes out — random items of every type, with full
// Unicode (lone surrogates too), folders, tags, favorites, trash, times and history — through the
// writer and the reader, every field the same. Argon2id at the floors keeps each run fast.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KDF_FLOORS } from '../../src/crypto/kdf-params.ts';
import { exportKeyhold } from '../../src/export/keyhold-export';
import { parseKeyholdExport } from '../../src/import/formats/keyhold';
import { itemsArb } from './_arbitraries';

describe('Keyhold export round trip', () => {
  it('gives back the same items, every field, and every folder', async () => {
    await fc.assert(
      fc.asyncProperty(itemsArb({ maxLength: 8 }), fc.string({ minLength: 1, maxLength: 20 }), async (items, password) => {
        const file = await exportKeyhold({ items, password, kdf: KDF_FLOORS, folders: ['Empty folder'] });
        const result = await parseKeyholdExport(file, { password });
        expect(result.problems).toEqual([]);
        expect(result.items).toEqual(items);
        const folders = new Set(items.flatMap((i) => (i.folder ? [i.folder] : [])));
        expect(new Set(result.folders)).toEqual(new Set([...folders, 'Empty folder']));
      }),
      { numRuns: 12 },
    );
  }, 60_000);
});
