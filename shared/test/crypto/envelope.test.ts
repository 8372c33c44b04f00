// Attacks on envelopes: every tampering, rebinding, truncation or format trick gives the one
// DecryptError, on the single-record and the bulk path alike.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToBase64url, concatBytes, randomBytes } from '../../src/crypto/bytes.ts';
import { encodeAssociatedData, MAX_ENVELOPE_CHARS, MAX_PLAINTEXT_BYTES, type Binding } from '../../src/crypto/envelope.ts';
import { DecryptError } from '../../src/crypto/errors.ts';
import { open } from '../../src/crypto/open.ts';
import { openAll, openMany } from '../../src/crypto/open-many.ts';
import { seal } from '../../src/crypto/seal.ts';
import { flipBit, text } from './_fixtures.ts';

const key = randomBytes(32);
const binding: Binding = { purpose: 'item-overview', accountId: 'acct-1', itemId: 'item-1' };
const plaintext = text('{"name":"Bank","username":"ada"}');
const envelope = seal(key, plaintext, binding);

/** Asserts that both open() and openMany() refuse, with nothing but DecryptError("Decryption failed"). */
async function expectRefused(candidate: string, at: Binding = binding, withKey: Uint8Array = key): Promise<void> {
  let thrown: unknown;
  try {
    open(withKey, candidate, at);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DecryptError);
  expect((thrown as Error).message).toBe('Decryption failed');
  const [outcome] = await openMany([{ key: withKey, envelope: candidate, binding: at }]);
  expect(outcome?.ok).toBe(false);
}

/** An envelope with any header bytes whose GCM tag is valid for associated data built with that header. */
function craftEnvelope(version: number, algorithm: number, content: Uint8Array = plaintext): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(encodeAssociatedData(binding, { version, algorithm }));
  const ct = Buffer.concat([cipher.update(content), cipher.final()]);
  return Buffer.concat([Uint8Array.of(version, algorithm), nonce, ct, cipher.getAuthTag()]).toString('base64url');
}

describe('open', () => {
  it('opens what seal produced for the same key and binding', () => {
    expect(open(key, envelope, binding)).toEqual(plaintext);
  });

  it.each([
    ['version', 0],
    ['algorithm', 1],
    ['nonce (first byte)', 2],
    ['nonce (last byte)', 13],
    ['ciphertext', 14],
    ['tag (first byte)', -16],
    ['tag (last byte)', -1],
  ])('refuses a flipped bit in the %s', async (_part, index) => {
    await expectRefused(flipBit(envelope, index));
    await expectRefused(flipBit(envelope, index, 7));
  });

  it.each<[string, Binding]>([
    ['another item', { ...binding, itemId: 'item-2' }],
    ['the other part of the item (overview → details)', { ...binding, purpose: 'item-details' }],
    ['another purpose', { ...binding, purpose: 'item-key' }],
    ['another account', { ...binding, accountId: 'acct-2' }],
    ['no item at all', { purpose: 'settings', accountId: 'acct-1' }],
  ])('refuses the envelope moved to %s', async (_label, moved) => {
    await expectRefused(envelope, moved);
  });

  it('keeps field boundaries: ids that concatenate to the same bytes still bind differently (length prefixes)', async () => {
    // Without length prefixes both bindings would encode as …"acct" 0x01 "item" 0x00.
    const sealed = seal(key, plaintext, { purpose: 'settings', accountId: 'acct', itemId: 'item\u0000' });
    await expectRefused(sealed, { purpose: 'settings', accountId: 'acct\u0001item' });
    const shifted = seal(key, plaintext, { purpose: 'item-overview', accountId: 'acct', itemId: '1item' });
    await expectRefused(shifted, { purpose: 'item-overview', accountId: 'acct1', itemId: 'item' });
  });

  it('refuses the wrong key', async () => {
    await expectRefused(envelope, binding, randomBytes(32));
  });

  it.each([
    ['empty', ''],
    ['truncated to the header', envelope.slice(0, 3)],
    ['truncated below nonce + tag', bytesToBase64url(new Uint8Array(29).fill(1))],
    ['missing its last byte', bytesToBase64url(Buffer.from(envelope, 'base64url').subarray(0, -1))],
    ['with an extra byte', bytesToBase64url(concatBytes(Buffer.from(envelope, 'base64url'), Uint8Array.of(0)))],
    ['non-base64url', envelope.slice(0, -2) + '+/'],
    ['padded', Buffer.from(envelope, 'base64url').toString('base64')],
    ['with whitespace', ` ${envelope}`],
  ])('refuses input that is %s', async (_label, candidate) => {
    await expectRefused(candidate);
  });

  it('refuses overlong input, even a validly sealed one', async () => {
    const big = craftEnvelope(1, 1, new Uint8Array(MAX_PLAINTEXT_BYTES + 1));
    expect(big.length).toBeGreaterThan(MAX_ENVELOPE_CHARS);
    await expectRefused(big);
    await expectRefused('A'.repeat(MAX_ENVELOPE_CHARS + 4));
  });

  it('refuses non-string envelopes (JSON from a server can hold anything)', async () => {
    await expectRefused(123 as unknown as string);
    await expectRefused(null as unknown as string);
  });

  it('rejects an unknown version even when its tag is valid', async () => {
    expect(open(key, craftEnvelope(1, 1), binding)).toEqual(plaintext); // the crafting is right…
    await expectRefused(craftEnvelope(3, 1)); // …so only the version rule stops these
    await expectRefused(craftEnvelope(0, 1));
  });

  it('rejects an unknown algorithm even when its tag is valid', async () => {
    await expectRefused(craftEnvelope(1, 2));
    await expectRefused(craftEnvelope(1, 0));
  });

  it('treats a malformed key or binding as a caller bug (TypeError), not as a decrypt failure', () => {
    expect(() => open(new Uint8Array(16), envelope, binding)).toThrow(TypeError);
    expect(() => open(key, envelope, { purpose: 'item-overview', accountId: 'acct-1' })).toThrow(TypeError);
    expect(() => open(key, envelope, { ...binding, purpose: 'nope' as never })).toThrow(TypeError);
  });
});

describe('seal', () => {
  it('refuses plaintext over the size limit', () => {
    expect(() => seal(key, new Uint8Array(MAX_PLAINTEXT_BYTES + 1), binding)).toThrow(RangeError);
  });
  it('requires an item id for item purposes', () => {
    expect(() => seal(key, plaintext, { purpose: 'item-details', accountId: 'acct-1' })).toThrow(TypeError);
  });
});

describe('openMany / openAll', () => {
  it('reports each record on its own, so one bad record does not hide the others', async () => {
    const other = seal(key, text('second'), { ...binding, itemId: 'item-2' });
    const outcomes = await openMany([
      { key, envelope, binding },
      { key, envelope: flipBit(other, -1), binding: { ...binding, itemId: 'item-2' } },
      { key, envelope: other, binding: { ...binding, itemId: 'item-2' } },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toEqual({ ok: false, error: expect.any(DecryptError) });
  });

  it('openAll is all-or-nothing', async () => {
    await expect(
      openAll([
        { key, envelope, binding },
        { key, envelope: flipBit(envelope, 20), binding },
      ]),
    ).rejects.toBeInstanceOf(DecryptError);
    expect(await openAll([{ key, envelope, binding }])).toEqual([plaintext]);
  });
});

// Version 2 (ADR 0023): an item's overview and details name the write they belong to, so the parts of
// two writes of one item — same item key, same item — never open together.
describe('parts bound to their write', () => {
  const v1 = randomBytes(16);
  const v2 = randomBytes(16);
  const bound = { ...binding, version: v1 };
  const sealed = seal(key, plaintext, bound);

  it('seal to envelope version 2 and open only under the same write', async () => {
    expect(Buffer.from(sealed, 'base64url')[0]).toBe(2);
    expect(open(key, sealed, bound)).toEqual(plaintext);
    await expectRefused(sealed, { ...binding, version: v2 });
    await expectRefused(sealed, binding);
  });

  it('cannot be relabelled as version 1 (the header byte is in the associated data), nor a version 1 as 2', async () => {
    const relabelled = Buffer.from(sealed, 'base64url');
    relabelled[0] = 1;
    await expectRefused(relabelled.toString('base64url'), bound);
    const legacy = Buffer.from(envelope, 'base64url');
    legacy[0] = 2;
    await expectRefused(legacy.toString('base64url'), bound);
  });

  it('still open a version-1 part sealed before versions existed', () => {
    expect(open(key, envelope, bound)).toEqual(plaintext);
  });

  it('take a version only for item parts, of 16 bytes', () => {
    expect(() => seal(key, plaintext, { purpose: 'item-key', accountId: 'acct-1', itemId: 'item-1', version: v1 })).toThrow(TypeError);
    expect(() => seal(key, plaintext, { ...binding, version: v1.subarray(1) })).toThrow(TypeError);
  });
});
