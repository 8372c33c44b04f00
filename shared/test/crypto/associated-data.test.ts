// The AEAD associated data is part of the vault format: every sealed part ever written opens only if
// these bytes come out the same. Built here independently, field by field, from the layout in
// envelope.ts, for bindings with and without an item and a write version, ASCII or not.
import { describe, expect, it } from 'vitest';
import { encodeAssociatedData, type Binding } from '../../src/crypto/envelope.ts';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const field = (text: string) => Buffer.concat([u32(Buffer.byteLength(text, 'utf8')), Buffer.from(text, 'utf8')]);

function reference(binding: Binding, header: { version: number; algorithm: number }): Buffer {
  return Buffer.concat([
    Buffer.from([header.version, header.algorithm]),
    field(binding.purpose),
    field(binding.accountId),
    binding.itemId === undefined ? Buffer.from([0]) : Buffer.concat([Buffer.from([1]), field(binding.itemId)]),
    header.version === 2 ? Buffer.from(binding.version!) : Buffer.alloc(0),
  ]);
}

describe('encodeAssociatedData', () => {
  const version = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
  const cases: { binding: Binding; header: { version: number; algorithm: number } }[] = [
    { binding: { purpose: 'vault-key', accountId: 'c0ffee00-0000-4000-8000-000000000001' }, header: { version: 1, algorithm: 1 } },
    { binding: { purpose: 'item-key', accountId: 'acct-1', itemId: 'item-1' }, header: { version: 1, algorithm: 1 } },
    { binding: { purpose: 'item-overview', accountId: 'acct-1', itemId: 'item-1', version }, header: { version: 2, algorithm: 1 } },
    { binding: { purpose: 'item-details', accountId: 'kønto-ß-😀', itemId: 'élément-€', version }, header: { version: 2, algorithm: 1 } },
  ];
  for (const { binding, header } of cases) {
    it(`lays out ${binding.purpose} (${binding.accountId}) exactly`, () => {
      expect(Buffer.from(encodeAssociatedData(binding, header))).toEqual(reference(binding, header));
    });
  }

  it('defaults to the envelope version the binding seals to, and needs the write version for version 2', () => {
    const bound: Binding = { purpose: 'item-details', accountId: 'a', itemId: 'b', version };
    expect(Buffer.from(encodeAssociatedData(bound))).toEqual(reference(bound, { version: 2, algorithm: 1 }));
    expect(() => encodeAssociatedData({ purpose: 'item-details', accountId: 'a', itemId: 'b' }, { version: 2, algorithm: 1 })).toThrow(
      /needs binding.version/,
    );
  });
});
