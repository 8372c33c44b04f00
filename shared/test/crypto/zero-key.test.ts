// A wiped (all-zero) key is refused by every sealing and opening path, so work that outlives a lock can
// never seal data under a key anyone can reproduce (docs/architecture.md, "Keys and the vault format").
import { describe, expect, it } from 'vitest';
import { seal } from '../../src/crypto/seal.ts';
import { open } from '../../src/crypto/open.ts';
import { sealMany } from '../../src/crypto/seal-many.ts';
import { openMany } from '../../src/crypto/open-many.ts';
import { openBinary, sealBinary } from '../../src/crypto/seal-binary.ts';
import { sealItem } from '../../src/crypto/seal-item.ts';
import { wrapVaultKey } from '../../src/crypto/wrap-vault-key.ts';
import { randomBytes, zeroize } from '../../src/crypto/bytes.ts';
import { ZeroKeyError } from '../../src/crypto/errors.ts';
import type { Binding } from '../../src/crypto/envelope.ts';
import { text } from './_fixtures.ts';

const binding: Binding = { purpose: 'overview-index', accountId: 'acct-1' };

describe('a zeroed key', () => {
  it('is refused by seal, sealMany, sealBinary, sealItem and wrapVaultKey', async () => {
    const key = randomBytes(32);
    zeroize(key);
    expect(() => seal(key, text('x'), binding)).toThrow(ZeroKeyError);
    await expect(sealMany([{ key, plaintext: text('x'), binding }])).rejects.toBeInstanceOf(ZeroKeyError);
    await expect(sealBinary(key, text('x'), binding)).rejects.toBeInstanceOf(ZeroKeyError);
    expect(() => sealItem({ vaultKey: key, accountId: 'acct-1', itemId: 'item-1', overview: text('o'), details: text('d') })).toThrow(ZeroKeyError);
    expect(() => wrapVaultKey({ vaultKey: randomBytes(32), accountId: 'acct-1', by: { kind: 'kek', kek: key } })).toThrow(ZeroKeyError);
  });

  it('is refused by open, openMany and openBinary before any decryption (not a DecryptError)', async () => {
    const live = randomBytes(32);
    const envelope = seal(live, text('x'), binding);
    const sealed = await sealBinary(live, text('x'), binding);
    zeroize(live);
    expect(() => open(live, envelope, binding)).toThrow(ZeroKeyError);
    await expect(openMany([{ key: live, envelope, binding }])).rejects.toBeInstanceOf(ZeroKeyError);
    await expect(openBinary(live, sealed, binding)).rejects.toBeInstanceOf(ZeroKeyError);
  });
});
