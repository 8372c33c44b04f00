// The rotation in steps (prepareVaultKeyRotation + reencryptItems), as the extension runs it.
import { describe, expect, it } from 'vitest';
import { createAccountKeys } from '../../src/crypto/create-account-keys.ts';
import { DecryptError, RecoveryKeyError, WrongPasswordError } from '../../src/crypto/errors.ts';
import { openItemDetails, openItemOverview } from '../../src/crypto/open-item.ts';
import { generateRecoveryKey } from '../../src/crypto/recovery-key.ts';
import { resetMasterPassword } from '../../src/crypto/reset-master-password.ts';
import { prepareVaultKeyRotation, reencryptItems } from '../../src/crypto/rotate-vault-key.ts';
import { sealItem, type SealedItem } from '../../src/crypto/seal-item.ts';
import { unlockVault } from '../../src/crypto/unlock-vault.ts';
import { stampEpoch, verifyHeaderStamp } from '../../src/crypto/header-stamp.ts';
import { KDF_FLOORS } from '../../src/crypto/kdf-params.ts';
import { deriveKdfSalt } from '../../src/crypto/kdf-salt.ts';
import { floorKdf, flipBit, text } from './_fixtures.ts';

const password = 'rotate in steps';
const account = await createAccountKeys({ password, kdf: floorKdf() });
const { accountId } = account.header;
const contents = Array.from({ length: 12 }, (_, i) => ({
  itemId: `item-${i}`,
  overview: text(JSON.stringify({ name: `Site ${i}` })),
  details: text(JSON.stringify({ password: `secret-${i}` })),
}));
const items: SealedItem[] = contents.map((c) => sealItem({ vaultKey: account.vaultKey, accountId, ...c }));

describe('prepareVaultKeyRotation', () => {
  const prepared = prepareVaultKeyRotation({ password, header: account.header, recoveryKey: account.recoveryKey });

  it('makes a new vault key that the same password and the same recovery key open, with a fresh salt', async () => {
    const p = await prepared;
    expect(p.previousVaultKey).toEqual(account.vaultKey);
    expect(p.vaultKey).not.toEqual(account.vaultKey);
    expect((await unlockVault({ password, header: p.header })).vaultKey).toEqual(p.vaultKey);
    const reset = await resetMasterPassword({ recoveryKey: account.recoveryKey, newPassword: 'x', header: p.header, kdf: KDF_FLOORS });
    expect(reset.vaultKey).toEqual(p.vaultKey);
    expect(p.header.kdf.salt).not.toBe(account.header.kdf.salt);
    const { salt: _newSalt, ...cost } = p.header.kdf;
    const { salt: _oldSalt, ...oldCost } = account.header.kdf;
    expect(cost).toEqual(oldCost);
  });

  it('stamps the new header one epoch on with the NEW key, which the old key cannot verify', async () => {
    const p = await prepared;
    expect(stampEpoch(p.header.stamp)).toBe(stampEpoch(account.header.stamp) + 1);
    expect(verifyHeaderStamp({ vaultKey: p.vaultKey, stamp: p.header.stamp, fields: p.header })).toBe(stampEpoch(p.header.stamp));
    expect(() => verifyHeaderStamp({ vaultKey: account.vaultKey, stamp: p.header.stamp, fields: p.header })).toThrow();
  });

  it('refuses a wrong password and a recovery key that is not this vault’s', async () => {
    await expect(prepareVaultKeyRotation({ password: 'wrong', header: account.header, recoveryKey: account.recoveryKey })).rejects.toBeInstanceOf(
      WrongPasswordError,
    );
    await expect(prepareVaultKeyRotation({ password, header: account.header, recoveryKey: generateRecoveryKey() })).rejects.toBeInstanceOf(
      RecoveryKeyError,
    );
  });
});

describe('reencryptItems', () => {
  it('re-seals each item under a new item key wrapped by the new vault key; the old key opens none of them', async () => {
    const { vaultKey } = await prepareVaultKeyRotation({ password, header: account.header, recoveryKey: account.recoveryKey });
    const r = await reencryptItems({ accountId, from: account.vaultKey, to: vaultKey, items });
    expect(r.unreadable).toEqual([]);
    expect(r.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    r.items.forEach((item, i) => {
      expect(item.key).not.toBe(items[i]!.key);
      expect(openItemOverview({ vaultKey, accountId, item })).toEqual(contents[i]!.overview);
      expect(openItemDetails({ vaultKey, accountId, item })).toEqual(contents[i]!.details);
      expect(() => openItemOverview({ vaultKey: account.vaultKey, accountId, item })).toThrow(DecryptError);
      expect(() => openItemDetails({ vaultKey: account.vaultKey, accountId, item })).toThrow(DecryptError);
    });
  });

  it('reports an item that does not open instead of failing the batch or guessing', async () => {
    const { vaultKey } = await prepareVaultKeyRotation({ password, header: account.header, recoveryKey: account.recoveryKey });
    const damaged = items.map((item, i) =>
      i === 2 ? { ...item, details: flipBit(item.details, -1) } : i === 5 ? { ...item, key: items[6]!.key } : item,
    );
    const r = await reencryptItems({ accountId, from: account.vaultKey, to: vaultKey, items: damaged });
    expect(r.unreadable).toEqual(['item-2', 'item-5']);
    expect(r.items).toHaveLength(items.length - 2);
  });
});

describe('prepareVaultKeyRotation for a synced vault', () => {
  it('derives the new salt from the account identity at the new epoch, as a password change does', async () => {
    const identity = { origin: 'https://sync.example', email: 'a@example.com' };
    const p = await prepareVaultKeyRotation({ password, header: account.header, recoveryKey: account.recoveryKey, saltFor: identity });
    expect(p.header.kdf.salt).toBe(deriveKdfSalt({ identity, generation: stampEpoch(p.header.stamp) }));
    expect((await unlockVault({ password, header: p.header })).vaultKey).toEqual(p.vaultKey);
  });
});
