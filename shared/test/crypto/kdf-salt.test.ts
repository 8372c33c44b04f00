// Derived KDF salts (ADR 0020): a function of the server origin, the email and a generation that a
// server cannot steer to make two victims share a salt, and the paths that make them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes } from '../../src/crypto/bytes.ts';
import { changeMasterPassword } from '../../src/crypto/change-master-password.ts';
import { createAccountKeys } from '../../src/crypto/create-account-keys.ts';
import { stampEpoch } from '../../src/crypto/header-stamp.ts';
import { deriveKdfSalt, derivedSaltGeneration, normaliseSaltIdentity } from '../../src/crypto/kdf-salt.ts';
import { KDF_FLOORS } from '../../src/crypto/kdf-params.ts';
import { moveToDerivedSalt } from '../../src/crypto/move-to-derived-salt.ts';
import { encodeRecoveryKey } from '../../src/crypto/recovery-key.ts';
import { resetMasterPassword } from '../../src/crypto/reset-master-password.ts';
import { unlockVault } from '../../src/crypto/unlock-vault.ts';
import { floorKdf } from './_fixtures.ts';

const alice = { origin: 'https://sync.example.org', email: 'alice@example.org' };
const bob = { origin: 'https://sync.example.org', email: 'bob@example.org' };

/** The construction written out with node:crypto, as a cross-check of the implementation. */
function reference(origin: string, email: string, generation: number): string {
  const prefixed = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const tag = Buffer.alloc(4);
  tag.writeUInt32BE(generation);
  const digest = createHash('sha256')
    .update(Buffer.concat([Buffer.from('keyhold/v1/kdf-salt'), prefixed(origin), prefixed(email), tag]))
    .digest();
  return Buffer.concat([tag, digest.subarray(0, 12)]).toString('base64url');
}

describe('deriveKdfSalt', () => {
  it('matches the construction written out independently', () => {
    expect(deriveKdfSalt({ identity: alice, generation: 1 })).toBe(reference('https://sync.example.org', 'alice@example.org', 1));
    expect(deriveKdfSalt({ identity: bob, generation: 70_000 })).toBe(reference('https://sync.example.org', 'bob@example.org', 70_000));
    expect(base64urlToBytes(deriveKdfSalt({ identity: alice, generation: 3 }))).toHaveLength(16);
  });

  it('differs per email, per server and per generation', () => {
    const salts = new Set([
      deriveKdfSalt({ identity: alice, generation: 1 }),
      deriveKdfSalt({ identity: bob, generation: 1 }),
      deriveKdfSalt({ identity: { ...alice, origin: 'https://other.example.org' }, generation: 1 }),
      deriveKdfSalt({ identity: alice, generation: 2 }),
    ]);
    expect(salts.size).toBe(4);
  });

  it('normalises the origin and the email the way the client and the server both see them', () => {
    expect(normaliseSaltIdentity({ origin: 'HTTPS://Sync.Example.org:443/keyhold/', email: ' Alice@Example.ORG ' })).toEqual(alice);
    expect(deriveKdfSalt({ identity: { origin: 'https://SYNC.example.org/x', email: 'ALICE@example.org' }, generation: 1 })).toBe(
      deriveKdfSalt({ identity: alice, generation: 1 }),
    );
    expect(() => deriveKdfSalt({ identity: { origin: 'not a url', email: 'a@b.c' }, generation: 1 })).toThrow(TypeError);
    expect(() => deriveKdfSalt({ identity: alice, generation: 0 })).toThrow(RangeError);
  });
});

describe('derivedSaltGeneration', () => {
  it('recognises the salt of this identity and says its generation', () => {
    expect(derivedSaltGeneration(deriveKdfSalt({ identity: alice, generation: 7 }), alice)).toBe(7);
  });

  it("refuses another account's salt, another server's, a random salt and garbage", () => {
    const bobs = deriveKdfSalt({ identity: bob, generation: 1 });
    expect(derivedSaltGeneration(bobs, alice)).toBeNull();
    expect(derivedSaltGeneration(deriveKdfSalt({ identity: { ...alice, origin: 'https://evil.example' }, generation: 1 }), alice)).toBeNull();
    expect(derivedSaltGeneration(floorKdf().salt, alice)).toBeNull();
    expect(derivedSaltGeneration('AAAAAAAAAAAAAAAAAAAAAA', alice)).toBeNull();
    expect(derivedSaltGeneration('!!', alice)).toBeNull();
  });
});

describe('the paths that make salts', () => {
  const password = 'correct horse battery staple';

  it('createAccountKeys with an identity: generation 1, the epoch of the first header', async () => {
    const { header } = await createAccountKeys({ password, kdf: floorKdf(), saltFor: alice });
    expect(derivedSaltGeneration(header.kdf.salt, alice)).toBe(1);
    expect(stampEpoch(header.stamp)).toBe(1);
  });

  it('a change and a reset move the salt to the next epoch; without an identity the salt stays random', async () => {
    const made = await createAccountKeys({ password, kdf: floorKdf(), saltFor: alice });
    const changed = await changeMasterPassword({
      currentPassword: password,
      newPassword: 'next one',
      header: made.header,
      kdf: KDF_FLOORS,
      saltFor: alice,
    });
    expect(derivedSaltGeneration(changed.header.kdf.salt, alice)).toBe(2);
    expect(changed.header.kdf.salt).not.toBe(made.header.kdf.salt);
    const reset = await resetMasterPassword({
      recoveryKey: encodeRecoveryKey(made.recoveryKey),
      newPassword: 'third',
      header: changed.header,
      kdf: KDF_FLOORS,
      saltFor: alice,
    });
    expect(derivedSaltGeneration(reset.header.kdf.salt, alice)).toBe(3);
    const plain = await changeMasterPassword({ currentPassword: 'third', newPassword: 'fourth', header: reset.header, kdf: KDF_FLOORS });
    expect(derivedSaltGeneration(plain.header.kdf.salt, alice)).toBeNull();
  });

  it('moves a random-salt vault to the derived salt with the same password and cost', async () => {
    const old = await createAccountKeys({ password, kdf: floorKdf() });
    expect(derivedSaltGeneration(old.header.kdf.salt, alice)).toBeNull();
    const moved = await moveToDerivedSalt({ vaultKey: old.vaultKey, header: old.header, password, saltFor: alice });
    expect(derivedSaltGeneration(moved.header.kdf.salt, alice)).toBe(2);
    expect({ ...moved.header.kdf, salt: '' }).toEqual({ ...old.header.kdf, salt: '' });
    const unlocked = await unlockVault({ password, header: moved.header });
    expect(unlocked.vaultKey).toEqual(old.vaultKey);
    expect(unlocked.authKey).toEqual(moved.authKey);
    expect(unlocked.authKey).not.toEqual(old.authKey);
  });
});
