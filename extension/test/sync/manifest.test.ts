// The manifest's wire form and its judgements: one encoding per manifest, sealed to the account,
// merged per item by the newest revision, and the four verdicts a served change can get.
import { describe, expect, it } from 'vitest';
import { randomBytes } from '@keyhold/shared/crypto/bytes';
import {
  decodeManifest,
  encodeManifest,
  judge,
  ManifestError,
  mergeManifests,
  openManifest,
  sealManifest,
  type ManifestEntry,
} from '../../src/sync/manifest';

const ID_A = '0b9e5c1e-1111-4a5b-8c6d-000000000001';
const ID_B = '0b9e5c1e-1111-4a5b-8c6d-000000000002';
const keys = { accountId: 'c0ffee00-0000-4000-8000-000000000001', vaultKey: randomBytes(32) };

const manifest = (entries: [string, number, boolean][]) =>
  new Map<string, ManifestEntry>(entries.map(([id, revision, deleted]) => [id, { revision, deleted }]));

describe('encoding', () => {
  it('round-trips, 23 bytes per item, the same bytes whatever the insertion order', () => {
    const one = manifest([
      [ID_B, 2 ** 40 + 7, true],
      [ID_A, 3, false],
    ]);
    const two = manifest([
      [ID_A, 3, false],
      [ID_B, 2 ** 40 + 7, true],
    ]);
    const bytes = encodeManifest(one);
    expect(bytes.length).toBe(5 + 2 * 23);
    expect(bytes).toEqual(encodeManifest(two));
    expect(decodeManifest(bytes)).toEqual(one);
  });

  it('rejects malformed bytes: unknown format, wrong length, entries out of order, bad flags', () => {
    const bytes = encodeManifest(
      manifest([
        [ID_A, 1, false],
        [ID_B, 2, false],
      ]),
    );
    const mutate = (at: number, value: number) => {
      const copy = bytes.slice();
      copy[at] = value;
      return copy;
    };
    expect(() => decodeManifest(mutate(0, 2))).toThrow(ManifestError);
    expect(() => decodeManifest(bytes.slice(0, -1))).toThrow(ManifestError);
    const swapped = bytes.slice();
    swapped.set(bytes.subarray(5 + 23, 5 + 46), 5);
    swapped.set(bytes.subarray(5, 5 + 23), 5 + 23);
    expect(() => decodeManifest(swapped)).toThrow(ManifestError);
    expect(() => decodeManifest(mutate(5 + 22, 2))).toThrow(ManifestError);
  });

  it('only the account that sealed it can open it; a flipped bit or another account fails', () => {
    const sealed = sealManifest(manifest([[ID_A, 9, false]]), keys);
    expect(openManifest(sealed, keys).get(ID_A)).toEqual({ revision: 9, deleted: false });
    expect(() => openManifest(sealed, { ...keys, accountId: 'c0ffee00-0000-4000-8000-000000000002' })).toThrow(ManifestError);
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[flipped.length - 1]! ^= 1;
    expect(() => openManifest(flipped.toString('base64url'), keys)).toThrow(ManifestError);
  });
});

describe('merging and judging', () => {
  it('keeps the newest revision per item, in any order', () => {
    const older = manifest([
      [ID_A, 4, false],
      [ID_B, 9, false],
    ]);
    const newer = manifest([[ID_A, 7, true]]);
    expect(mergeManifests(older, newer)).toEqual(mergeManifests(newer, older));
    expect(mergeManifests(older, newer).get(ID_A)).toEqual({ revision: 7, deleted: true });
    expect(mergeManifests(older, newer).get(ID_B)).toEqual({ revision: 9, deleted: false });
  });

  it('vouches only for the exact revision and deleted-state a device wrote', () => {
    const m = manifest([[ID_A, 5, false]]);
    expect(judge(m, { id: ID_A, revision: 5, deleted: false })).toBe('vouched');
    expect(judge(m, { id: ID_A, revision: 4, deleted: false })).toBe('superseded');
    expect(judge(m, { id: ID_A, revision: 5, deleted: true })).toBe('contradicted');
    expect(judge(m, { id: ID_A, revision: 6, deleted: false })).toBe('unconfirmed');
    expect(judge(m, { id: ID_B, revision: 1, deleted: false })).toBe('unconfirmed');
  });
});
