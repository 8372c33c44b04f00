import { describe, expect, it } from 'vitest';
import { bytesToBase64url } from '../../src/crypto/bytes.ts';
import { KdfParamsError } from '../../src/crypto/errors.ts';
import {
  assertKdfParamsAcceptable,
  DEFAULT_KDF,
  isBelowDefaultKdf,
  KDF_CEILINGS,
  KDF_FLOORS,
  KDF_MAX_WORK,
  kdfCostProblem,
  newKdfParams,
  type KdfParams,
} from '../../src/crypto/kdf-params.ts';

const strong: KdfParams = newKdfParams();

function reasonOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof KdfParamsError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('newKdfParams', () => {
  it('defaults to Argon2id 64 MiB, t=3, p=4 with a fresh 16-byte salt', () => {
    const a = newKdfParams();
    expect(a).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(DEFAULT_KDF).toEqual({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(Buffer.from(a.salt, 'base64url').length).toBe(16);
    expect(newKdfParams().salt).not.toBe(a.salt);
  });
  it('refuses overrides below the floors', () => {
    expect(reasonOf(() => newKdfParams({ memoryKiB: 1024 }))).toBe('below-floor');
  });
});

describe('assertKdfParamsAcceptable', () => {
  it('accepts the defaults and the floors exactly', () => {
    expect(() => assertKdfParamsAcceptable(strong)).not.toThrow();
    expect(() => assertKdfParamsAcceptable({ ...strong, ...KDF_FLOORS })).not.toThrow();
    expect(KDF_FLOORS).toEqual({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
  });

  it.each([
    ['memory', { memoryKiB: KDF_FLOORS.memoryKiB - 1 }],
    ['iterations', { iterations: 1 }],
    ['parallelism', { parallelism: 0 }],
  ])('refuses %s below the floor', (_label, change) => {
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, ...change }))).toBe('below-floor');
  });

  it.each([
    ['memory', { memoryKiB: KDF_CEILINGS.memoryKiB + 1 }],
    ['iterations', { iterations: KDF_CEILINGS.iterations + 1 }],
    ['parallelism', { parallelism: KDF_CEILINGS.parallelism + 1 }],
  ])('refuses %s above the ceiling (a header must not exhaust the device)', (_label, change) => {
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, ...change }))).toBe('above-ceiling');
  });

  it('refuses more work than 1 GiB × 4 passes even when each setting is within its ceiling, and accepts up to it', () => {
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, memoryKiB: 1048576, iterations: 5 }))).toBe('above-ceiling');
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, memoryKiB: 524288, iterations: 9 }))).toBe('above-ceiling');
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, memoryKiB: 1048576, iterations: 4 }))).toBeUndefined();
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, memoryKiB: 65536, iterations: 50 }))).toBeUndefined();
    expect(KDF_MAX_WORK).toBe(1048576 * 4);
  });

  it("says what is wrong with a cost the user typed in the form's units, without talk of tampering", () => {
    expect(kdfCostProblem(DEFAULT_KDF)).toBeNull();
    expect(kdfCostProblem({ ...DEFAULT_KDF, memoryKiB: 18 * 1024 })).toBe('Memory must be at least 19 MiB.');
    expect(kdfCostProblem({ ...DEFAULT_KDF, memoryKiB: 2048 * 1024 })).toBe('Memory can be at most 1024 MiB.');
    expect(kdfCostProblem({ ...DEFAULT_KDF, iterations: 1 })).toBe('Iterations must be at least 2.');
    expect(kdfCostProblem({ ...DEFAULT_KDF, parallelism: 17 })).toBe('Parallelism can be at most 16.');
    expect(kdfCostProblem({ memoryKiB: 1024 * 1024, iterations: 5, parallelism: 4 })).toMatch(/^Memory × iterations can be at most 4096 MiB/);
    for (const cost of [
      { ...DEFAULT_KDF, memoryKiB: 1 },
      { ...DEFAULT_KDF, iterations: 99 },
      { ...DEFAULT_KDF, memoryKiB: 1024 * 1024, iterations: 9 },
    ]) {
      // Whatever the form refuses, the header check refuses too, and the other way round.
      expect(kdfCostProblem(cost)).not.toBeNull();
      expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, ...cost }))).toBeDefined();
      expect(kdfCostProblem(cost)).not.toMatch(/tamper|KiB/);
    }
  });

  it('tells settings below the default on any of memory, passes or parallelism', () => {
    expect(isBelowDefaultKdf(DEFAULT_KDF)).toBe(false);
    expect(isBelowDefaultKdf({ memoryKiB: 1048576, iterations: 4, parallelism: 4 })).toBe(false);
    expect(isBelowDefaultKdf(KDF_FLOORS)).toBe(true);
    expect(isBelowDefaultKdf({ ...DEFAULT_KDF, parallelism: 1 })).toBe(true);
    expect(isBelowDefaultKdf({ ...DEFAULT_KDF, memoryKiB: 65535 })).toBe(true);
  });

  it.each([
    ['too short', bytesToBase64url(new Uint8Array(15))],
    ['too long', bytesToBase64url(new Uint8Array(17))],
    ['not base64url', '!!!!!!!!!!!!!!!!!!!!!!'],
    ['padded', Buffer.alloc(16).toString('base64')],
    ['missing', undefined],
  ])('refuses a malformed salt (%s)', (_label, salt) => {
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, salt } as KdfParams))).toBe('malformed-salt');
  });

  it.each([
    ['fractional memory', { memoryKiB: 65536.5 }],
    ['string iterations', { iterations: '3' }],
    ['NaN parallelism', { parallelism: Number.NaN }],
  ])('refuses %s', (_label, change) => {
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, ...change } as unknown as KdfParams))).toBe('malformed');
  });

  it('refuses another algorithm', () => {
    expect(reasonOf(() => assertKdfParamsAcceptable({ ...strong, algorithm: 'pbkdf2' } as unknown as KdfParams))).toBe('unsupported-algorithm');
  });

  it.each([
    ['memory', { memoryKiB: 65536 - 1024 }],
    ['iterations', { iterations: 2 }],
    ['parallelism', { parallelism: 3 }],
  ])('refuses params weaker than the pinned ones in %s, even above the floors', (_label, change) => {
    const offered = { ...newKdfParams(), ...change };
    expect(() => assertKdfParamsAcceptable(offered)).not.toThrow();
    expect(reasonOf(() => assertKdfParamsAcceptable(offered, { pinned: strong }))).toBe('weaker-than-pinned');
  });

  it('does not let a damaged pin switch the check off', () => {
    expect(() => assertKdfParamsAcceptable(newKdfParams(), { pinned: { ...strong, memoryKiB: undefined } as unknown as KdfParams })).toThrow(
      TypeError,
    );
  });

  it('accepts params equal to or stronger than the pinned ones, whatever the salt', () => {
    expect(() => assertKdfParamsAcceptable(newKdfParams(), { pinned: strong })).not.toThrow();
    expect(() => assertKdfParamsAcceptable(newKdfParams({ memoryKiB: 131072, iterations: 4 }), { pinned: strong })).not.toThrow();
  });

  it('says what is wrong in words a user can act on', () => {
    expect(() => assertKdfParamsAcceptable({ ...strong, iterations: 1 })).toThrow(/too weak.*iterations is 1, the minimum is 2/);
    expect(() => assertKdfParamsAcceptable({ ...strong, iterations: 2 }, { pinned: strong })).toThrow(/weaker than the ones this device last used/);
  });
});
