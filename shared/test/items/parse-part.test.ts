// Corrupted or hostile records must come back as "cannot be read" with a reason, never throw and
// never take the vault down; reasons name what is wrong but never echo the (secret) values.
import { describe, expect, it } from 'vitest';
import {
  decodeItemPart,
  DETAILS_MAX_BYTES,
  encodeItemPart,
  ItemTooLargeError,
  MIN_PADDED_BYTES,
  OVERVIEW_MAX_BYTES,
  paddedSize,
} from '../../src/items/encode-part';
import { sealItem } from '../../src/crypto/seal-item';
import { randomBytes } from '../../src/crypto/bytes';
import { joinItem, ItemMismatchError } from '../../src/items/join-item';
import { parseDetails, parseOverview } from '../../src/items/parse-part';
import { splitItem } from '../../src/items/split-item';
import { login, sample } from './fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeItemPart', () => {
  it('refuses broken JSON, invalid UTF-8 and oversized input with a reason', () => {
    expect(decodeItemPart(utf8('{"id": '), { kind: 'details' })).toEqual({ ok: false, reason: 'details is not valid JSON' });
    expect(decodeItemPart(new Uint8Array([0x7b, 0xff, 0x7d]), { kind: 'overview' })).toEqual({
      ok: false,
      reason: 'overview is not valid UTF-8',
    });
    const big = new Uint8Array(OVERVIEW_MAX_BYTES + 1).fill(0x20);
    expect(decodeItemPart(big, { kind: 'overview' })).toMatchObject({ ok: false, reason: expect.stringMatching(/larger than 64 KiB/) });
  });

  it('drops __proto__ members so a record cannot change object prototypes', () => {
    const decoded = decodeItemPart(utf8('{"type":"note","__proto__":{"polluted":true}}'), { kind: 'details' });
    expect(decoded.ok).toBe(true);
    const value = (decoded.ok ? decoded.value : {}) as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops __proto__ members spelled with escapes or nested, like plain ones', () => {
    for (const json of [
      String.raw`{"type":"note","\u005f_proto__":{"polluted":true}}`,
      String.raw`{"type":"note","__pro\u0074o__":{"polluted":true}}`,
      '{"type":"note","fields":[{"__proto__":{"polluted":true}}]}',
    ]) {
      const decoded = decodeItemPart(utf8(json), { kind: 'details' });
      expect(decoded.ok).toBe(true);
      const text = JSON.stringify(decoded.ok ? decoded.value : null);
      expect(text).not.toContain('__proto__');
      expect(text).not.toContain('polluted');
    }
  });

  it('reads parts with escapes and without them alike', () => {
    const value = { type: 'note', text: 'line\nnext \u0001 é "quoted"', list: [1, { a: null }] };
    expect(decodeItemPart(utf8(JSON.stringify(value)), { kind: 'details' })).toEqual({ ok: true, value });
    expect(decodeItemPart(utf8(JSON.stringify({ type: 'note', text: 'plain' })), { kind: 'details' })).toEqual({
      ok: true,
      value: { type: 'note', text: 'plain' },
    });
  });
});

describe('encodeItemPart', () => {
  it('refuses a part over its limit with a message saying what to do', () => {
    const item = sample('note');
    const { details } = splitItem({ ...item, text: 'x'.repeat(DETAILS_MAX_BYTES) });
    expect(() => encodeItemPart(details, { kind: 'details' })).toThrow(ItemTooLargeError);
    expect(() => encodeItemPart(details, { kind: 'details' })).toThrow(/too large to save.*Shorten its notes/);
  });
});

describe("padding: the server cannot read secrets' lengths off the envelopes", () => {
  const sealedLengths = (fields: Parameters<typeof login>[0]) => {
    const { overview, details } = splitItem(login(fields));
    const sealed = sealItem({
      vaultKey: randomBytes(32),
      accountId: 'acct',
      itemId: overview.id,
      overview: encodeItemPart(overview, { kind: 'overview' }),
      details: encodeItemPart(details, { kind: 'details' }),
    });
    return { overview: sealed.overview.length, details: sealed.details.length };
  };

  it('a short and a long password, or username, seal to envelopes of the same length', () => {
    const base = { name: 'Mail', urls: [{ url: 'https://mail.example.com', match: 'default' as const }] };
    expect(sealedLengths({ ...base, username: 'al', password: 'x1' })).toEqual(
      sealedLengths({ ...base, username: 'alexandra.longname@example.com', password: 'correct horse battery staple 42 !!' }),
    );
  });

  it('pads with JSON whitespace to a bucket that reads back the same, and stays within the limit', () => {
    const { details } = splitItem(sample('login'));
    const bytes = encodeItemPart(details, { kind: 'details' });
    expect(bytes.length).toBe(paddedSize(new TextEncoder().encode(JSON.stringify(details)).length));
    expect(decodeItemPart(bytes, { kind: 'details' })).toEqual({ ok: true, value: details });
    // An unpadded part (written by an earlier version) reads the same.
    expect(decodeItemPart(new TextEncoder().encode(JSON.stringify(details)), { kind: 'details' })).toEqual({ ok: true, value: details });
    const big = splitItem({ ...sample('note'), text: 'x'.repeat(DETAILS_MAX_BYTES - 300) }).details;
    expect(encodeItemPart(big, { kind: 'details' }).length).toBe(DETAILS_MAX_BYTES);
  });

  it('buckets: 256 at least, powers of two to 4 KiB, then steps of at most 12 %', () => {
    expect([1, 256, 257, 600, 1025, 4096].map(paddedSize)).toEqual([MIN_PADDED_BYTES, 256, 512, 1024, 2048, 4096]);
    for (let length = 4097; length < DETAILS_MAX_BYTES; length += 997) {
      const padded = paddedSize(length);
      expect(padded).toBeGreaterThanOrEqual(length);
      expect(padded / length).toBeLessThanOrEqual(1.12);
      expect(paddedSize(padded)).toBe(padded);
    }
    expect(paddedSize(OVERVIEW_MAX_BYTES)).toBe(OVERVIEW_MAX_BYTES);
    expect(paddedSize(DETAILS_MAX_BYTES - 1)).toBe(DETAILS_MAX_BYTES);
  });
});

describe('parseOverview / parseDetails', () => {
  const { overview, details } = splitItem(sample('login'));

  it.each([
    ['not an object', [1, 2]],
    ['null', null],
    ['missing type', { ...overview, type: undefined }],
    ['bad id', { ...overview, id: 'x' }],
    ['tags of the wrong type', { ...overview, tags: 'a,b' }],
    ['unknown match mode', { ...overview, urls: [{ url: 'https://a.example', match: 'fuzzy' }] }],
    ['negative time', { ...overview, updatedAt: -1 }],
  ])('an overview with %s is reported, not thrown', (_label, input) => {
    const result = parseOverview(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeGreaterThan(0);
  });

  it('says where the details are wrong without echoing the secret', () => {
    const result = parseDetails({ ...details, password: 12345678, customFields: 'SECRET-field' });
    expect(result.ok).toBe(false);
    const reason = result.ok ? '' : result.reason;
    expect(reason).toMatch(/password/);
    expect(reason).toMatch(/customFields/);
    expect(reason).not.toMatch(/12345678|SECRET/);
  });

  it('an unknown type still needs a valid id and version to be kept', () => {
    expect(parseDetails({ type: 'wallet', id: 'nope', schemaVersion: 3 }).ok).toBe(false);
    expect(parseDetails({ type: 'wallet', id: overview.id, schemaVersion: 0 }).ok).toBe(false);
  });
});

describe('joinItem', () => {
  it('refuses parts of different items or types', () => {
    const a = splitItem(sample('login'));
    const b = splitItem(sample('login'));
    expect(() => joinItem(a.overview, b.details)).toThrow(ItemMismatchError);
    const note = splitItem(sample('note'));
    expect(() => joinItem(a.overview, { ...note.details, id: a.overview.id })).toThrow(/type/);
  });
});
