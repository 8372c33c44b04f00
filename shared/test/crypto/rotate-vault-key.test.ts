import { describe, expect, it } from 'vitest';
import { createAccountKeys } from '../../src/crypto/create-account-keys.ts';
import { DecryptError, RecoveryKeyError, WrongPasswordError } from '../../src/crypto/errors.ts';
import { openItemDetails, openItemOverview } from '../../src/crypto/open-item.ts';
import { open } from '../../src/crypto/open.ts';
import { encodeRecoveryKey, generateRecoveryKey } from '../../src/crypto/recovery-key.ts';
import { resetMasterPassword } from '../../src/crypto/reset-master-password.ts';
import { rotateVaultKey, type VaultRecord } from '../../src/crypto/rotate-vault-key.ts';
import { seal } from '../../src/crypto/seal.ts';
import { sealItem, type SealedItem } from '../../src/crypto/seal-item.ts';
import { unlockVault } from '../../src/crypto/unlock-vault.ts';
import { KDF_FLOORS } from '../../src/crypto/kdf-params.ts';
import { floorKdf, flipBit, text } from './_fixtures.ts';

const password = 'rotate me';
const account = await createAccountKeys({ password, kdf: floorKdf() });
const { accountId } = account.header;
const contents = Array.from({ length: 25 }, (_, i) => ({
  itemId: `item-${i}`,
  overview: text(JSON.stringify({ name: `Site ${i}` })),
  details: text(JSON.stringify({ password: `secret-${i}` })),
}));
const items: SealedItem[] = contents.map((c) => sealItem({ vaultKey: account.vaultKey, accountId, ...c }));
const records: VaultRecord[] = [
  {
    binding: { purpose: 'settings', accountId },
    envelope: seal(account.vaultKey, text('{"autoLockMinutes":5}'), { purpose: 'settings', accountId }),
  },
];
const snapshot = JSON.stringify({ header: account.header, items, records });

describe('rotateVaultKey', () => {
  const rotated = rotateVaultKey({
    password,
    header: account.header,
    items,
    records,
    recovery: { kind: 'keep', recoveryKey: encodeRecoveryKey(account.recoveryKey) },
  });

  it('re-encrypts every item under new item keys, contents unchanged, opened with the new vault key', async () => {
    const r = await rotated;
    expect(r.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    r.items.forEach((item, i) => {
      expect(item.key).not.toBe(items[i]!.key);
      expect(item.overview).not.toBe(items[i]!.overview);
      expect(item.details).not.toBe(items[i]!.details);
      expect(openItemOverview({ vaultKey: r.vaultKey, accountId, item })).toEqual(contents[i]!.overview);
      expect(openItemDetails({ vaultKey: r.vaultKey, accountId, item })).toEqual(contents[i]!.details);
    });
  });

  it('the old vault key opens nothing new', async () => {
    const r = await rotated;
    expect(r.vaultKey).not.toEqual(account.vaultKey);
    for (const item of r.items) expect(() => openItemOverview({ vaultKey: account.vaultKey, accountId, item })).toThrow(DecryptError);
    expect(() => open(account.vaultKey, r.records[0]!.envelope, r.records[0]!.binding)).toThrow(DecryptError);
  });

  it('re-seals the other vault-key records', async () => {
    const r = await rotated;
    expect(open(r.vaultKey, r.records[0]!.envelope, { purpose: 'settings', accountId })).toEqual(text('{"autoLockMinutes":5}'));
  });

  it('re-wraps by the password KEK and by the kept recovery key', async () => {
    const r = await rotated;
    expect((await unlockVault({ password, header: r.header })).vaultKey).toEqual(r.vaultKey);
    expect(r.recoveryKey).toEqual(account.recoveryKey);
    const reset = await resetMasterPassword({ recoveryKey: account.recoveryKey, newPassword: 'after reset', header: r.header, kdf: KDF_FLOORS });
    expect(reset.vaultKey).toEqual(r.vaultKey);
    expect(r.header.kdf).toEqual(account.header.kdf);
  });

  it('mutates nothing it was given', async () => {
    await rotated;
    expect(JSON.stringify({ header: account.header, items, records })).toBe(snapshot);
    expect((await unlockVault({ password, header: account.header })).vaultKey).toEqual(account.vaultKey);
  });

  it('can issue a new recovery key instead; the old one then no longer works', async () => {
    const r = await rotateVaultKey({ password, header: account.header, items, recovery: { kind: 'new' } });
    expect(r.recoveryKey).not.toEqual(account.recoveryKey);
    expect((await resetMasterPassword({ recoveryKey: r.recoveryKey, newPassword: 'x', header: r.header, kdf: KDF_FLOORS })).vaultKey).toEqual(
      r.vaultKey,
    );
    await expect(resetMasterPassword({ recoveryKey: account.recoveryKey, newPassword: 'x', header: r.header })).rejects.toMatchObject({
      reason: 'wrong-key',
    });
  });

  it('is all-or-nothing: one damaged item fails the whole rotation', async () => {
    const damaged = items.map((item, i) => (i === 7 ? { ...item, details: flipBit(item.details, -1) } : item));
    await expect(rotateVaultKey({ password, header: account.header, items: damaged, recovery: { kind: 'new' } })).rejects.toBeInstanceOf(
      DecryptError,
    );
    const swapped = items.map((item, i) => (i === 3 ? { ...item, key: items[4]!.key } : item));
    await expect(rotateVaultKey({ password, header: account.header, items: swapped, recovery: { kind: 'new' } })).rejects.toBeInstanceOf(
      DecryptError,
    );
  });

  it('refuses a wrong password and a recovery key that is not this vault’s', async () => {
    await expect(rotateVaultKey({ password: 'wrong', header: account.header, items, recovery: { kind: 'new' } })).rejects.toBeInstanceOf(
      WrongPasswordError,
    );
    await expect(
      rotateVaultKey({ password, header: account.header, items, recovery: { kind: 'keep', recoveryKey: generateRecoveryKey() } }),
    ).rejects.toBeInstanceOf(RecoveryKeyError);
  });
});
