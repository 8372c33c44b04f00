// Create → unlock, wrong passwords, and the rule that weakened KDF parameters are refused BEFORE the
// password touches them. hash-wasm (third-party) is wrapped in a call-counting spy that still runs the
// real Argon2id, so the tests can see whether a derivation happened at all.
import { argon2id } from 'hash-wasm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccountKeys } from '../../src/crypto/create-account-keys.ts';
import { DecryptError, KdfParamsError, VaultHeaderError, WrongPasswordError } from '../../src/crypto/errors.ts';
import { KDF_FLOORS, newKdfParams } from '../../src/crypto/kdf-params.ts';
import { RECOVERY_KEY_BYTES } from '../../src/crypto/recovery-key.ts';
import { unlockVault } from '../../src/crypto/unlock-vault.ts';
import type { VaultHeader } from '../../src/crypto/vault-header.ts';
import { unwrapVaultKey } from '../../src/crypto/wrap-vault-key.ts';
import { floorKdf } from './_fixtures.ts';

vi.mock('hash-wasm', async (importOriginal) => {
  const real = await importOriginal<typeof import('hash-wasm')>();
  return { ...real, argon2id: vi.fn(real.argon2id) };
});
const argon2Calls = vi.mocked(argon2id);

const password = 'correct horse battery staple';
const created = await createAccountKeys({ password, kdf: floorKdf() });
beforeEach(() => {
  argon2Calls.mockClear();
});

describe('createAccountKeys', () => {
  it('creates a v1 header, a 32-byte vault key, an auth key and a recovery key', () => {
    expect(created.header).toMatchObject({ formatVersion: 1, kdf: { algorithm: 'argon2id', ...KDF_FLOORS } });
    expect(created.header.accountId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.vaultKey.length).toBe(32);
    expect(created.authKey.length).toBe(32);
    expect(created.recoveryKey.length).toBe(RECOVERY_KEY_BYTES);
  });

  it('wraps the vault key under the recovery key too', () => {
    const { header, recoveryKey, vaultKey } = created;
    expect(unwrapVaultKey({ wrapped: header.recoveryWrappedVaultKey, accountId: header.accountId, by: { kind: 'recovery', recoveryKey } })).toEqual(
      vaultKey,
    );
  });

  it('keeps the two wrappings apart: the recovery wrapping is not a KEK wrapping', () => {
    const { header, recoveryKey } = created;
    expect(() => unwrapVaultKey({ wrapped: header.wrappedVaultKey, accountId: header.accountId, by: { kind: 'recovery', recoveryKey } })).toThrow(
      DecryptError,
    );
  });

  it('uses the given account id, and default KDF settings when none are given', async () => {
    const fresh = await createAccountKeys({ password, accountId: 'acct-42' });
    expect(fresh.header.accountId).toBe('acct-42');
    expect(fresh.header.kdf).toMatchObject({ memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect((await unlockVault({ password, header: fresh.header })).vaultKey).toEqual(fresh.vaultKey);
  });

  it('refuses an empty password and KDF settings below the floors', async () => {
    await expect(createAccountKeys({ password: '' })).rejects.toThrow(TypeError);
    await expect(createAccountKeys({ password, kdf: { ...floorKdf(), iterations: 1 } })).rejects.toBeInstanceOf(KdfParamsError);
  });
});

describe('unlockVault', () => {
  it('returns the vault key and the same auth key as at creation', async () => {
    const unlocked = await unlockVault({ password, header: created.header });
    expect(unlocked.vaultKey).toEqual(created.vaultKey);
    expect(unlocked.authKey).toEqual(created.authKey);
  });

  it('works from a JSON round trip of the header (as stored and synced)', async () => {
    const header = JSON.parse(JSON.stringify(created.header)) as VaultHeader;
    expect((await unlockVault({ password, header })).vaultKey).toEqual(created.vaultKey);
  });

  it('says "wrong master password" for a wrong password', async () => {
    await expect(unlockVault({ password: 'correct horse battery stapler', header: created.header })).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(unlockVault({ password: '', header: created.header })).rejects.toThrow(/Wrong master password/);
  });

  it('fails as a wrong password when the header was moved to another account id', async () => {
    await expect(unlockVault({ password, header: { ...created.header, accountId: 'someone-else' } })).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it.each([
    ['memory', { memoryKiB: 65536 - 1 }],
    ['iterations', { iterations: 2 }],
    ['parallelism', { parallelism: 3 }],
  ])('refuses a header weaker than the pinned params in %s without deriving anything', async (_label, weaker) => {
    const pinned = newKdfParams();
    // A "server" swaps in weaker (but above-floor) parameters; this device last used `pinned`.
    const header: VaultHeader = { ...created.header, kdf: { ...pinned, ...weaker } };
    await expect(unlockVault({ password, header, pinned })).rejects.toMatchObject({ reason: 'weaker-than-pinned' });
    expect(argon2Calls).not.toHaveBeenCalled();
  });

  it('does derive (once) when the header is as strong as the pinned params — the spy sees real work', async () => {
    await unlockVault({ password, header: created.header, pinned: created.header.kdf });
    expect(argon2Calls).toHaveBeenCalledTimes(1);
  });

  it('refuses a header below the floors without deriving, even with nothing pinned', async () => {
    const header: VaultHeader = { ...created.header, kdf: { ...created.header.kdf, memoryKiB: 1024 } };
    await expect(unlockVault({ password, header })).rejects.toBeInstanceOf(KdfParamsError);
    expect(argon2Calls).not.toHaveBeenCalled();
  });

  it('refuses a damaged or newer-format header without deriving', async () => {
    await expect(unlockVault({ password, header: { ...created.header, formatVersion: 2 } as unknown as VaultHeader })).rejects.toMatchObject({
      reason: 'unsupported-version',
    });
    await expect(
      unlockVault({ password, header: { ...created.header, wrappedVaultKey: undefined } as unknown as VaultHeader }),
    ).rejects.toBeInstanceOf(VaultHeaderError);
    expect(argon2Calls).not.toHaveBeenCalled();
  });
});
