// AES-256-GCM known answers (GCM specification, McGrew & Viega, test cases 13–16, the 256-bit-key
// cases; the same vectors NIST SP 800-38D validation uses) on both code paths, and cross-checks of the
// envelope against node:crypto and WebCrypto so the format is reproducible without our code.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { _aesGcmDecrypt, _aesGcmDecryptAsync, _aesGcmEncrypt, _aesGcmEncryptAsync, _createKeyCache } from '../../src/crypto/aes-gcm.ts';
import { bytesToBase64url, concatBytes, randomBytes } from '../../src/crypto/bytes.ts';
import { encodeAssociatedData, type Binding } from '../../src/crypto/envelope.ts';
import { open } from '../../src/crypto/open.ts';
import { openMany } from '../../src/crypto/open-many.ts';
import { seal } from '../../src/crypto/seal.ts';
import { sealMany } from '../../src/crypto/seal-many.ts';
import { envelopeBytes, fromHex, hex, text } from './_fixtures.ts';

const K15 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
const P15 = 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const C15 = '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad';

const vectors = [
  { name: 'test case 13', key: '00'.repeat(32), iv: '00'.repeat(12), pt: '', aad: '', ct: '', tag: '530f8afbc74536b9a963b4f1c4cb738b' },
  {
    name: 'test case 14',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    pt: '00'.repeat(16),
    aad: '',
    ct: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  { name: 'test case 15', key: K15, iv: 'cafebabefacedbaddecaf888', pt: P15, aad: '', ct: C15, tag: 'b094dac5d93471bdec1a502270e3cc6c' },
  {
    name: 'test case 16',
    key: K15,
    iv: 'cafebabefacedbaddecaf888',
    pt: P15.slice(0, 120),
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    ct: C15.slice(0, 120),
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

describe.each(vectors)('AES-256-GCM $name', (v) => {
  const [key, iv, pt, aad] = [fromHex(v.key), fromHex(v.iv), fromHex(v.pt), fromHex(v.aad)];
  const sealed = v.ct + v.tag;

  it('encrypts and decrypts on the synchronous (noble) path', () => {
    expect(hex(_aesGcmEncrypt(key, iv, pt, aad))).toBe(sealed);
    expect(hex(_aesGcmDecrypt(key, iv, fromHex(sealed), aad))).toBe(v.pt);
  });

  it('encrypts and decrypts on the WebCrypto path', async () => {
    expect(hex(await _aesGcmEncryptAsync(await _createKeyCache('encrypt')(key), iv, pt, aad))).toBe(sealed);
    expect(hex(await _aesGcmDecryptAsync(await _createKeyCache('decrypt')(key), iv, fromHex(sealed), aad))).toBe(v.pt);
  });

  it('rejects a wrong tag on both paths', async () => {
    const bad = fromHex(sealed);
    bad[bad.length - 1]! ^= 1;
    expect(() => _aesGcmDecrypt(key, iv, bad, aad)).toThrow();
    await expect(_aesGcmDecryptAsync(await _createKeyCache('decrypt')(key), iv, bad, aad)).rejects.toThrow();
  });
});

describe('envelope cross-checks', () => {
  const key = randomBytes(32);
  const binding: Binding = { purpose: 'item-details', accountId: 'acct-1', itemId: 'item-1' };
  const plaintext = text('{"password":"hunter2"}');

  it('seal() output decrypts with node:crypto given the documented layout and associated data', () => {
    const bytes = envelopeBytes(seal(key, plaintext, binding));
    expect([bytes[0], bytes[1]]).toEqual([1, 1]);
    const nonce = bytes.subarray(2, 14);
    const tag = bytes.subarray(bytes.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(encodeAssociatedData(binding));
    decipher.setAuthTag(tag);
    const out = Buffer.concat([decipher.update(bytes.subarray(14, bytes.length - 16)), decipher.final()]);
    expect(new Uint8Array(out)).toEqual(plaintext);
  });

  it('open() accepts an envelope built with node:crypto', () => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(encodeAssociatedData(binding));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const envelope = bytesToBase64url(concatBytes(Uint8Array.of(1, 1), nonce, ct, cipher.getAuthTag()));
    expect(open(key, envelope, binding)).toEqual(plaintext);
  });

  it('seal() and sealMany() produce envelopes the other side opens', async () => {
    const fromSync = seal(key, plaintext, binding);
    const [fromBulk] = await sealMany([{ key, plaintext, binding }]);
    expect(open(key, fromBulk!, binding)).toEqual(plaintext);
    const [outcome] = await openMany([{ key, envelope: fromSync, binding }]);
    expect(outcome).toEqual({ ok: true, plaintext });
    expect(envelopeBytes(fromBulk!).length).toBe(envelopeBytes(fromSync).length);
  });

  it('the associated data is the documented length-prefixed encoding', () => {
    const ad = encodeAssociatedData({ purpose: 'item-key', accountId: 'a', itemId: 'bc' });
    expect(hex(ad)).toBe(['0101', '00000008', hex(text('item-key')), '00000001', '61', '01', '00000002', '6263'].join(''));
    expect(hex(encodeAssociatedData({ purpose: 'settings', accountId: 'a' }))).toBe(
      ['0101', '00000008', hex(text('settings')), '00000001', '61', '00'].join(''),
    );
  });

  it('uses a fresh nonce for every encryption', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) nonces.add(hex(envelopeBytes(seal(key, plaintext, binding)).subarray(2, 14)));
    for (const e of await sealMany(Array.from({ length: 200 }, () => ({ key, plaintext, binding }))))
      nonces.add(hex(envelopeBytes(e).subarray(2, 14)));
    expect(nonces.size).toBe(400);
  });
});
