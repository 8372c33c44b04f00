// Passkeys travel in Bitwarden JSON (login.fido2Credentials): Keyhold's export reads back through
// Keyhold's Bitwarden importer with the same credential, user and key (which still signs); a
// Bitwarden-made entry (GUID credential id, WebCrypto PKCS#8) is taken in; a key of another kind is
// left out and reported, not guessed at.
import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { exportBitwardenJson } from '../../src/export/bitwarden-json';
import { parseBitwardenJson } from '../../src/import/formats/bitwarden-json';
import type { LoginItem } from '../../src/items/item';
import { newItem } from '../../src/items/new-item';
import type { Passkey } from '../../src/items/types/passkey';
import { base64urlToBytes, bytesToBase64url } from '../../src/crypto/bytes';
import { es256PublicKey } from '../../src/webauthn/es256';

const NOW = Date.UTC(2026, 0, 1);

function passkey(): Passkey {
  return {
    id: bytesToBase64url(crypto.getRandomValues(new Uint8Array(16))),
    rpId: 'bank.example',
    rpName: 'Bank',
    userHandle: bytesToBase64url(crypto.getRandomValues(new Uint8Array(32))),
    userName: 'ada@bank.example',
    userDisplayName: 'Ada',
    algorithm: 'ES256',
    privateKey: bytesToBase64url(p256.utils.randomSecretKey()),
    discoverable: true,
    createdAt: NOW - 1000,
    lastUsedAt: NOW,
  };
}

function logins(json: string): LoginItem[] {
  return parseBitwardenJson(json).items.filter((i): i is LoginItem => i.type === 'login');
}

describe('passkeys in Bitwarden JSON', () => {
  it('round-trip through our exporter and importer with the same key', () => {
    const original = passkey();
    const item = {
      ...newItem('login', { name: 'Bank', username: 'ada', urls: [{ url: 'https://bank.example', match: 'default' }] }, NOW),
      passkeys: [original],
    };
    const json = exportBitwardenJson([item]);
    const exported = JSON.parse(json).items[0].login.fido2Credentials[0];
    expect(exported).toMatchObject({
      keyType: 'public-key',
      keyAlgorithm: 'ECDSA',
      keyCurve: 'P-256',
      rpId: 'bank.example',
      counter: '0',
      discoverable: 'true',
    });
    expect(exported.credentialId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const [back] = logins(json);
    expect(back?.passkeys).toEqual([{ ...original, lastUsedAt: null }]);
    expect(es256PublicKey(base64urlToBytes(back!.passkeys![0]!.privateKey))).toEqual(es256PublicKey(base64urlToBytes(original.privateKey)));
  });

  it('takes in a Bitwarden-made passkey and reports one of another kind', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', pair.privateKey)).toString('base64url');
    const credential = {
      credentialId: '6c0b9c5e-3d4e-4a8f-9a7b-1d2e3f405162',
      keyType: 'public-key',
      keyAlgorithm: 'ECDSA',
      keyCurve: 'P-256',
      keyValue: pkcs8,
      rpId: 'github.com',
      userHandle: 'dXNlci1oYW5kbGU',
      userName: 'octo',
      counter: '3',
      rpName: 'GitHub',
      userDisplayName: 'Octo Cat',
      discoverable: 'true',
      creationDate: '2025-05-01T10:00:00.000Z',
    };
    const json = JSON.stringify({
      encrypted: false,
      folders: [],
      items: [
        {
          type: 1,
          name: 'GitHub',
          login: {
            username: 'octo',
            password: 'pw',
            uris: [{ uri: 'https://github.com', match: null }],
            fido2Credentials: [credential, { ...credential, keyCurve: 'Ed25519' }],
          },
        },
      ],
    });
    const result = parseBitwardenJson(json);
    const [login] = result.items as LoginItem[];
    expect(login?.passkeys).toHaveLength(1);
    expect(login?.passkeys?.[0]).toMatchObject({
      id: 'bAucXj1OSo-aex0uP0BRYg',
      rpId: 'github.com',
      userName: 'octo',
      createdAt: Date.parse('2025-05-01T10:00:00.000Z'),
    });
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'passkey-not-imported', count: 1 }));
  });
});
