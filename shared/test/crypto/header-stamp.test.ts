import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/crypto/bytes.ts';
import { changeMasterPassword } from '../../src/crypto/change-master-password.ts';
import { createAccountKeys } from '../../src/crypto/create-account-keys.ts';
import { HeaderStampError, nextStamp, stampEpoch, stampHeader, verifyHeaderStamp } from '../../src/crypto/header-stamp.ts';
import { KDF_FLOORS } from '../../src/crypto/kdf-params.ts';
import { resetMasterPassword } from '../../src/crypto/reset-master-password.ts';
import type { VaultHeader } from '../../src/crypto/vault-header.ts';
import { flipBit, floorKdf } from './_fixtures.ts';

const password = 'stamp test password';
const account = await createAccountKeys({ password, kdf: floorKdf() });
const { header, vaultKey } = account;

const verify = (h: VaultHeader, key = vaultKey) => verifyHeaderStamp({ vaultKey: key, stamp: h.stamp, fields: h });

describe('header stamps', () => {
  it('a new vault is stamped at epoch 1, and the stamp verifies with its vault key', () => {
    expect(stampEpoch(header.stamp)).toBe(1);
    expect(verify(header)).toBe(1);
  });

  it('every covered field is bound: another KDF, salt, wrapped key, recovery wrapping or account fails', () => {
    const changes: Partial<VaultHeader>[] = [
      { kdf: { ...header.kdf, memoryKiB: header.kdf.memoryKiB + 1024 } },
      { kdf: { ...header.kdf, iterations: header.kdf.iterations + 1 } },
      { kdf: { ...header.kdf, parallelism: header.kdf.parallelism + 1 } },
      { kdf: floorKdf() },
      { wrappedVaultKey: flipBit(header.wrappedVaultKey, -1) },
      { recoveryWrappedVaultKey: flipBit(header.recoveryWrappedVaultKey, -1) },
      { accountId: 'another-account' },
    ];
    for (const change of changes) expect(() => verify({ ...header, ...change })).toThrow(HeaderStampError);
  });

  it('another vault key cannot make or verify a stamp; a forged or missing stamp is refused', () => {
    expect(() => verify(header, randomBytes(32))).toThrow(HeaderStampError);
    const forged = stampHeader({ vaultKey: randomBytes(32), epoch: 7, fields: header });
    expect(() => verify({ ...header, stamp: forged })).toThrow(HeaderStampError);
    expect(() => verify({ ...header, stamp: flipBit(header.stamp!, -1) })).toThrow(HeaderStampError);
    // The epoch is under the MAC: raising it breaks the stamp.
    expect(() => verify({ ...header, stamp: flipBit(header.stamp!, 4) })).toThrow(HeaderStampError);
    expect(() => verify({ ...header, stamp: 'AAAA' })).toThrow(HeaderStampError);
    const { stamp: _dropped, ...unstamped } = header;
    expect(() => verify(unstamped)).toThrow(HeaderStampError);
  });

  it('a password change and a recovery-key reset stamp the new header one epoch on', async () => {
    const changed = await changeMasterPassword({ currentPassword: password, newPassword: 'second password', header, kdf: KDF_FLOORS });
    expect(verify(changed.header)).toBe(2);
    const reset = await resetMasterPassword({
      recoveryKey: account.recoveryKey,
      newPassword: 'third password',
      header: changed.header,
      kdf: KDF_FLOORS,
    });
    expect(verify(reset.header)).toBe(3);
    expect(stampEpoch(undefined)).toBe(0);
    expect(stampEpoch(nextStamp({ vaultKey, previous: undefined, fields: header }))).toBe(1);
  });
});
