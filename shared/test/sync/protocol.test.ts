// The wire rules both sides rely on: canonical base64url, strict objects, size and count limits,
// normalised emails, one spelling per id, KDF floors.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  getSnapshotInputSchema,
  getSnapshotOutputSchema,
  kdfParamsSchema,
  loginInputSchema,
  pullInputSchema,
  pullOutputSchema,
  pushInputSchema,
  putSnapshotInputSchema,
  registerInputSchema,
} from '../../src/sync/protocol';
import {
  MAX_ITEM_CHARS,
  MAX_PUSH_ITEMS,
  MAX_SNAPSHOT_CHUNKS,
  MAX_SNAPSHOT_CHUNK_CHARS,
  SNAPSHOT_ID_BYTES,
  isCanonicalBase64url,
} from '../../src/sync/protocol-primitives';

const b64 = (n: number) => randomBytes(n).toString('base64url');
const envelopes = () => ({ key: b64(60), overview: b64(100), details: b64(200) });
const item = () => ({ id: randomUUID(), baseRevision: 0, deleted: false as const, envelopes: envelopes() });
const kdf = () => ({ algorithm: 'argon2id' as const, memoryKiB: 65536, iterations: 3, parallelism: 4, salt: b64(16) });

describe('isCanonicalBase64url', () => {
  it('accepts what Node encodes, for every length remainder', () => {
    for (let n = 0; n < 40; n += 1) expect(isCanonicalBase64url(randomBytes(n).toString('base64url'))).toBe(true);
  });

  it('rejects padding, the standard alphabet, stray characters, impossible lengths and non-zero spare bits', () => {
    for (const bad of ['AA==', 'ab+/', 'ab c', 'abcde', 'Zh', 'AAB', 'é']) expect(isCanonicalBase64url(bad)).toBe(false);
    expect(isCanonicalBase64url('Zg')).toBe(true);
    expect(isCanonicalBase64url('AAA')).toBe(true);
  });
});

describe('malformed envelopes', () => {
  it('names the envelope and the rule when a pushed envelope is malformed', () => {
    const cases: [string, string, string][] = [
      ['key', 'Zh', 'must be canonical base64url (RFC 4648 §5, no padding)'],
      ['overview', 'AA==', 'must be canonical base64url (RFC 4648 §5, no padding)'],
      ['details', 'ab+/', 'must be canonical base64url (RFC 4648 §5, no padding)'],
      ['details', '', 'Too small: expected string to have >=1 characters'],
      ['key', 'A'.repeat(MAX_ITEM_CHARS + 4), `Too big: expected string to have <=${MAX_ITEM_CHARS} characters`],
    ];
    for (const [field, value, message] of cases) {
      const result = pushInputSchema.safeParse({ items: [item(), { ...item(), envelopes: { ...envelopes(), [field]: value } }] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['items', 1, 'envelopes', field], message });
    }
  });
});

describe('push input', () => {
  it('accepts live items and tombstones', () => {
    const tombstone = { id: randomUUID(), baseRevision: 4, deleted: true, envelopes: null };
    expect(pushInputSchema.safeParse({ items: [item(), tombstone] }).success).toBe(true);
  });

  it('rejects unknown fields at every level', () => {
    expect(pushInputSchema.safeParse({ items: [item()], force: true }).success).toBe(false);
    expect(pushInputSchema.safeParse({ items: [{ ...item(), owner: 'x' }] }).success).toBe(false);
    expect(pushInputSchema.safeParse({ items: [{ ...item(), envelopes: { ...envelopes(), extra: 'AA' } }] }).success).toBe(false);
  });

  it('rejects negative or fractional revisions, duplicate ids, mixed-case ids and a tombstone with envelopes', () => {
    const one = item();
    for (const items of [
      [{ ...one, baseRevision: -1 }],
      [{ ...one, baseRevision: 1.5 }],
      [one, { ...item(), id: one.id }],
      [{ ...one, id: one.id.toUpperCase() }],
      [{ ...one, deleted: true }],
      [{ ...one, envelopes: null }],
    ]) {
      expect(pushInputSchema.safeParse({ items }).success).toBe(false);
    }
  });

  it('limits a push to 500 items and an item to 1 MiB of envelopes', () => {
    const many = Array.from({ length: MAX_PUSH_ITEMS }, item);
    expect(pushInputSchema.safeParse({ items: many }).success).toBe(true);
    expect(pushInputSchema.safeParse({ items: [...many, item()] }).success).toBe(false);
    expect(pushInputSchema.safeParse({ items: [] }).success).toBe(false);
    const third = 'A'.repeat(Math.floor(MAX_ITEM_CHARS / 12) * 4);
    const justFits = { ...item(), envelopes: { key: third, overview: third, details: third } };
    expect(pushInputSchema.safeParse({ items: [justFits] }).success).toBe(true);
    const tooBig = { ...item(), envelopes: { key: third, overview: third, details: third + 'AAAAAAAAAAAAAAAA' } };
    expect(pushInputSchema.safeParse({ items: [tooBig] }).success).toBe(false);
  });
});

describe('account inputs', () => {
  const register = () => ({
    email: 'Alice@Example.org ',
    accountId: randomUUID(),
    kdf: kdf(),
    authKey: b64(32),
    header: { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62) },
    deviceName: 'Laptop',
  });

  it('normalises emails', () => {
    expect(registerInputSchema.parse(register()).email).toBe('alice@example.org');
    expect(loginInputSchema.safeParse({ email: 'not-an-email', authKey: b64(32), deviceName: 'x' }).success).toBe(false);
  });

  it('wants a 32-byte auth key and a 16-byte salt', () => {
    expect(registerInputSchema.safeParse({ ...register(), authKey: b64(31) }).success).toBe(false);
    expect(registerInputSchema.safeParse({ ...register(), kdf: { ...kdf(), salt: b64(8) } }).success).toBe(false);
  });

  it('refuses KDF parameters below the floors or above the ceilings', () => {
    expect(kdfParamsSchema.safeParse({ ...kdf(), memoryKiB: 19455 }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ ...kdf(), iterations: 1 }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ ...kdf(), parallelism: 17 }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ ...kdf(), algorithm: 'pbkdf2' }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ ...kdf(), memoryKiB: 19456, iterations: 2, parallelism: 1 }).success).toBe(true);
  });

  it('rejects device names with control characters', () => {
    expect(registerInputSchema.safeParse({ ...register(), deviceName: 'a\u0000b' }).success).toBe(false);
    expect(registerInputSchema.safeParse({ ...register(), deviceName: '   ' }).success).toBe(false);
  });
});

describe('pull', () => {
  it('bounds the page size', () => {
    expect(pullInputSchema.safeParse({ since: 0, limit: 5000 }).success).toBe(true);
    expect(pullInputSchema.safeParse({ since: 0, limit: 5001 }).success).toBe(false);
    expect(pullInputSchema.safeParse({ since: -1 }).success).toBe(false);
  });

  it('lets the client reject a server answer that mixes a tombstone with envelopes', () => {
    const answer = {
      resetRequired: false,
      revision: 3,
      hasMore: false,
      items: [{ id: randomUUID(), revision: 3, deleted: true, envelopes: envelopes(), updatedAt: 1 }],
    };
    expect(pullOutputSchema.safeParse(answer).success).toBe(false);
  });
});

describe('index snapshot', () => {
  const chunk = () => ({ snapshotId: b64(SNAPSHOT_ID_BYTES), index: 1, count: 3, chunk: b64(300) });

  it('accepts a chunk below its count, up to the largest chunk and the most chunks', () => {
    expect(putSnapshotInputSchema.safeParse(chunk()).success).toBe(true);
    const largest = { ...chunk(), index: MAX_SNAPSHOT_CHUNKS - 1, count: MAX_SNAPSHOT_CHUNKS, chunk: 'A'.repeat(MAX_SNAPSHOT_CHUNK_CHARS) };
    expect(putSnapshotInputSchema.safeParse(largest).success).toBe(true);
    expect(getSnapshotOutputSchema.safeParse({ snapshot: largest }).success).toBe(true);
    expect(getSnapshotOutputSchema.safeParse({ snapshot: null }).success).toBe(true);
    expect(getSnapshotInputSchema.safeParse({ index: 0 }).success).toBe(true);
    expect(getSnapshotInputSchema.safeParse({ snapshotId: b64(SNAPSHOT_ID_BYTES), index: MAX_SNAPSHOT_CHUNKS - 1 }).success).toBe(true);
  });

  it('refuses, on the way in and on the way back, an index not below the count, a wrong id, a bad or oversized chunk', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ index: 3 }, 'index'],
      [{ index: 0, count: 0 }, 'count'],
      [{ count: MAX_SNAPSHOT_CHUNKS + 1 }, 'count'],
      [{ index: -1 }, 'index'],
      [{ index: 0.5 }, 'index'],
      [{ snapshotId: b64(SNAPSHOT_ID_BYTES + 1) }, 'snapshotId'],
      [{ snapshotId: b64(SNAPSHOT_ID_BYTES - 1) }, 'snapshotId'],
      [{ chunk: 'Zh' }, 'chunk'],
      [{ chunk: 'AA==' }, 'chunk'],
      [{ chunk: '' }, 'chunk'],
      [{ chunk: 'A'.repeat(MAX_SNAPSHOT_CHUNK_CHARS + 4) }, 'chunk'],
    ];
    for (const [change, field] of bad) {
      const input = putSnapshotInputSchema.safeParse({ ...chunk(), ...change });
      expect(input.error?.issues[0]?.path).toEqual([field]);
      expect(getSnapshotOutputSchema.safeParse({ snapshot: { ...chunk(), ...change } }).success).toBe(false);
    }
    expect(putSnapshotInputSchema.safeParse({ ...chunk(), index: 3 }).error?.issues[0]?.message).toBe("must be below the snapshot's chunk count");
    expect(putSnapshotInputSchema.safeParse({ ...chunk(), extra: 1 }).success).toBe(false);
    expect(getSnapshotInputSchema.safeParse({ index: MAX_SNAPSHOT_CHUNKS }).success).toBe(false);
    expect(getSnapshotInputSchema.safeParse({ snapshotId: 'Zh', index: 0 }).success).toBe(false);
    expect(getSnapshotInputSchema.safeParse({ index: 0, count: 1 }).success).toBe(false);
  });
});
