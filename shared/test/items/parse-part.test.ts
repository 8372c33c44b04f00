// Corrupted or hostile records must come back as "cannot be read" with a reason, never throw and
// never take the vault down; reasons name what is wrong but never echo the (secret) values.
import { describe, expect, it } from 'vitest';
import { decodeItemPart, DETAILS_MAX_BYTES, encodeItemPart, ItemTooLargeError, OVERVIEW_MAX_BYTES } from '../../src/items/encode-part';
import { joinItem, ItemMismatchError } from '../../src/items/join-item';
import { parseDetails, parseOverview } from '../../src/items/parse-part';
import { splitItem } from '../../src/items/split-item';
import { sample } from './fixtures';

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
});

describe('encodeItemPart', () => {
  it('refuses a part over its limit with a message saying what to do', () => {
    const item = sample('note');
    const { details } = splitItem({ ...item, text: 'x'.repeat(DETAILS_MAX_BYTES) });
    expect(() => encodeItemPart(details, { kind: 'details' })).toThrow(ItemTooLargeError);
    expect(() => encodeItemPart(details, { kind: 'details' })).toThrow(/too large to save.*Shorten its notes/);
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
