// Argon2id known answers and cross-checks for the master-key derivation.
// hash-wasm (our engine) takes a secret but no associated data, so it cannot run the RFC 9106 §5.3
// vector (which has both). That vector is run on the two other implementations in the tree, and
// hash-wasm is held to the reference implementation's own argon2id vectors (phc-winner-argon2
// src/test.c, version 0x13) and to the native `argon2` package on our exact parameter shapes.
import argon2 from 'argon2';
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { argon2id as wasmArgon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes } from '../../src/crypto/bytes.ts';
import { deriveMasterKey } from '../../src/crypto/derive-master-key.ts';
import { KdfParamsError } from '../../src/crypto/errors.ts';
import { newKdfParams, type KdfParams } from '../../src/crypto/kdf-params.ts';
import { floorKdf, hex } from './_fixtures.ts';

function nativeRaw(password: Uint8Array | string, params: KdfParams): Promise<Buffer> {
  return argon2.hash(typeof password === 'string' ? password : Buffer.from(password), {
    raw: true,
    type: argon2.argon2id,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    salt: Buffer.from(base64urlToBytes(params.salt)),
  });
}

describe('Argon2id known answers', () => {
  const RFC9106_TAG = '0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659';
  const rfc = {
    password: new Uint8Array(32).fill(0x01),
    salt: new Uint8Array(16).fill(0x02),
    secret: new Uint8Array(8).fill(0x03),
    ad: new Uint8Array(12).fill(0x04),
  };

  it('RFC 9106 §5.3 (m=32 KiB, t=3, p=4, secret, associated data) on @noble/hashes and native argon2', async () => {
    const noble = nobleArgon2id(rfc.password, rfc.salt, { m: 32, t: 3, p: 4, dkLen: 32, key: rfc.secret, personalization: rfc.ad });
    const native = await argon2.hash(Buffer.from(rfc.password), {
      raw: true,
      type: argon2.argon2id,
      memoryCost: 32,
      timeCost: 3,
      parallelism: 4,
      hashLength: 32,
      salt: Buffer.from(rfc.salt),
      secret: Buffer.from(rfc.secret),
      associatedData: Buffer.from(rfc.ad),
    });
    expect(hex(noble)).toBe(RFC9106_TAG);
    expect(hex(native)).toBe(RFC9106_TAG);
  });

  it('hash-wasm agrees with native argon2 on the RFC 9106 inputs it can take (secret, no associated data)', async () => {
    const wasm = await wasmArgon2id({
      password: rfc.password,
      salt: rfc.salt,
      secret: rfc.secret,
      memorySize: 32,
      iterations: 3,
      parallelism: 4,
      hashLength: 32,
      outputType: 'binary',
    });
    const native = await argon2.hash(Buffer.from(rfc.password), {
      raw: true,
      type: argon2.argon2id,
      memoryCost: 32,
      timeCost: 3,
      parallelism: 4,
      hashLength: 32,
      salt: Buffer.from(rfc.salt),
      secret: Buffer.from(rfc.secret),
    });
    expect(hex(wasm)).toBe(hex(native));
  });

  // phc-winner-argon2 src/test.c, Argon2id, version 0x13: (t, log2 m, p, password, salt) → tag.
  const reference: [number, number, number, string, string, string][] = [
    [2, 16, 1, 'password', 'somesalt', '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7'],
    [2, 8, 1, 'password', 'somesalt', '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe'],
    [2, 8, 2, 'password', 'somesalt', '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037'],
    [1, 16, 1, 'password', 'somesalt', 'f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98'],
    [4, 16, 1, 'password', 'somesalt', '9025d48e68ef7395cca9079da4c4ec3affb3c8911fe4f86d1a2520856f63172c'],
    [2, 16, 1, 'differentpassword', 'somesalt', '0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde'],
    [2, 16, 1, 'password', 'diffsalt', 'bdf32b05ccc42eb15d58fd19b1f856b113da1e9a5874fdcc544308565aa8141c'],
  ];
  it.each(reference)('reference vector t=%i m=2^%i p=%i %s/%s on hash-wasm', async (t, logM, p, password, salt, tag) => {
    const out = await wasmArgon2id({ password, salt, iterations: t, memorySize: 2 ** logM, parallelism: p, hashLength: 32, outputType: 'hex' });
    expect(out).toBe(tag);
  });
});

describe('deriveMasterKey', () => {
  it('equals native argon2id (raw, 32 bytes) at the floors', async () => {
    const params = floorKdf();
    const key = await deriveMasterKey('correct horse battery staple', params);
    expect(key.length).toBe(32);
    expect(hex(key)).toBe(hex(await nativeRaw('correct horse battery staple', params)));
  });

  it('equals native argon2id with the default parameters (64 MiB, t=3, p=4)', async () => {
    const params = newKdfParams();
    expect(hex(await deriveMasterKey('hunter2', params))).toBe(hex(await nativeRaw('hunter2', params)));
  });

  it('depends on the salt', async () => {
    const a = floorKdf();
    expect(hex(await deriveMasterKey('same password', a))).not.toBe(hex(await deriveMasterKey('same password', floorKdf())));
  });

  it('normalises the password with NFKC, so composed, decomposed and full-width input give one key', async () => {
    const params = floorKdf();
    const composed = await deriveMasterKey('Ångström１２３', params); // U+00C5, full-width digits
    const decomposed = await deriveMasterKey('A\u030Angstro\u0308m123', params);
    expect(hex(decomposed)).toBe(hex(composed));
    expect(hex(composed)).toBe(hex(await nativeRaw('Ångström123', params)));
  });

  it('refuses unacceptable parameters before deriving', async () => {
    await expect(deriveMasterKey('pw', { ...floorKdf(), memoryKiB: 8 })).rejects.toBeInstanceOf(KdfParamsError);
  });
});
