import { describe, expect, it } from 'vitest';
import { changeMasterPassword } from '../../src/crypto/change-master-password.ts';
import { createAccountKeys } from '../../src/crypto/create-account-keys.ts';
import { KdfParamsError, RecoveryKeyError, WrongPasswordError } from '../../src/crypto/errors.ts';
import { KDF_FLOORS, newKdfParams } from '../../src/crypto/kdf-params.ts';
import { openItemDetails } from '../../src/crypto/open-item.ts';
import { encodeRecoveryKey, generateRecoveryKey } from '../../src/crypto/recovery-key.ts';
import { resetMasterPassword } from '../../src/crypto/reset-master-password.ts';
import { sealItem } from '../../src/crypto/seal-item.ts';
import { unlockVault } from '../../src/crypto/unlock-vault.ts';
import { floorKdf, text } from './_fixtures.ts';

const oldPassword = 'old password';
const newPassword = 'new password, longer';
const account = await createAccountKeys({ password: oldPassword, kdf: floorKdf() });
const { accountId } = account.header;
const item = sealItem({ vaultKey: account.vaultKey, accountId, itemId: 'item-1', overview: text('{}'), details: text('{"password":"p"}') });

describe('changeMasterPassword', () => {
  const changed = changeMasterPassword({ currentPassword: oldPassword, newPassword, header: account.header, kdf: KDF_FLOORS });

  it('makes the new password work and the old one fail, with the same vault key', async () => {
    const { header } = await changed;
    await expect(unlockVault({ password: oldPassword, header })).rejects.toBeInstanceOf(WrongPasswordError);
    const unlocked = await unlockVault({ password: newPassword, header });
    expect(unlocked.vaultKey).toEqual(account.vaultKey);
    expect(openItemDetails({ vaultKey: unlocked.vaultKey, accountId, item })).toEqual(text('{"password":"p"}'));
  });

  it('re-wraps only: new salt, new auth key, recovery wrapping untouched', async () => {
    const { header, authKey } = await changed;
    expect(header.kdf.salt).not.toBe(account.header.kdf.salt);
    expect(header.wrappedVaultKey).not.toBe(account.header.wrappedVaultKey);
    expect(header.recoveryWrappedVaultKey).toBe(account.header.recoveryWrappedVaultKey);
    expect(authKey).not.toEqual(account.authKey);
    expect((await unlockVault({ password: newPassword, header })).authKey).toEqual(authKey);
  });

  it('refuses a wrong current password', async () => {
    await expect(changeMasterPassword({ currentPassword: 'nope', newPassword, header: account.header })).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('upgrades KDF costs to at least the defaults unless told otherwise, and enforces the floors', async () => {
    const upgraded = await changeMasterPassword({ currentPassword: oldPassword, newPassword, header: account.header });
    expect(upgraded.header.kdf).toMatchObject({ memoryKiB: 65536, iterations: 3, parallelism: 4 });
    await expect(
      changeMasterPassword({ currentPassword: oldPassword, newPassword, header: account.header, kdf: { iterations: 1 } }),
    ).rejects.toBeInstanceOf(KdfParamsError);
  });

  it('checks the current header against the pinned params first', async () => {
    await expect(
      changeMasterPassword({ currentPassword: oldPassword, newPassword, header: account.header, pinned: newKdfParams() }),
    ).rejects.toMatchObject({ reason: 'weaker-than-pinned' });
  });
});

describe('resetMasterPassword', () => {
  it('sets a new password with the recovery key (as text), keeping the vault key', async () => {
    const reset = await resetMasterPassword({
      recoveryKey: encodeRecoveryKey(account.recoveryKey),
      newPassword,
      header: account.header,
      kdf: KDF_FLOORS,
    });
    expect(reset.vaultKey).toEqual(account.vaultKey);
    const unlocked = await unlockVault({ password: newPassword, header: reset.header });
    expect(unlocked.vaultKey).toEqual(account.vaultKey);
    expect(unlocked.authKey).toEqual(reset.authKey);
    await expect(unlockVault({ password: oldPassword, header: reset.header })).rejects.toBeInstanceOf(WrongPasswordError);
    expect(reset.header.kdf.salt).not.toBe(account.header.kdf.salt);
  });

  it('leaves the recovery key valid for the next reset', async () => {
    const first = await resetMasterPassword({ recoveryKey: account.recoveryKey, newPassword, header: account.header, kdf: KDF_FLOORS });
    const second = await resetMasterPassword({ recoveryKey: account.recoveryKey, newPassword: 'third', header: first.header, kdf: KDF_FLOORS });
    expect((await unlockVault({ password: 'third', header: second.header })).vaultKey).toEqual(account.vaultKey);
  });

  it('says a well-formed recovery key from elsewhere does not belong to this vault', async () => {
    await expect(
      resetMasterPassword({ recoveryKey: encodeRecoveryKey(generateRecoveryKey()), newPassword, header: account.header }),
    ).rejects.toMatchObject({ name: 'RecoveryKeyError', reason: 'wrong-key' });
  });

  it('passes through a typo in the recovery key text', async () => {
    const text = encodeRecoveryKey(account.recoveryKey);
    const typo = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const error = await resetMasterPassword({ recoveryKey: typo, newPassword, header: account.header }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecoveryKeyError);
    expect(error).toMatchObject({ reason: 'typo' });
  });
});
