import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/crypto/bytes.ts';
import { createItemKey } from '../../src/crypto/create-item-key.ts';
import { DecryptError } from '../../src/crypto/errors.ts';
import { openItemDetails, openItemOverview } from '../../src/crypto/open-item.ts';
import { openItemKey } from '../../src/crypto/open-item-key.ts';
import { sealItem, type SealedItem } from '../../src/crypto/seal-item.ts';
import { text } from './_fixtures.ts';

const vaultKey = randomBytes(32);
const accountId = 'acct-1';
const overview = text('{"name":"Bank","urls":["https://bank.example"]}');
const details = text('{"password":"correct horse"}');
const a = sealItem({ vaultKey, accountId, itemId: 'item-a', overview, details });
const b = sealItem({ vaultKey, accountId, itemId: 'item-b', overview: text('{"name":"Mail"}'), details: text('{"password":"pw-b"}') });

describe('sealItem / openItemOverview / openItemDetails', () => {
  it('round-trips both parts', () => {
    expect(a.id).toBe('item-a');
    expect(openItemOverview({ vaultKey, accountId, item: a })).toEqual(overview);
    expect(openItemDetails({ vaultKey, accountId, item: a })).toEqual(details);
  });

  it('uses a different random item key per item', () => {
    expect(a.key).not.toBe(b.key);
    const keyA = openItemKey({ vaultKey, accountId, itemId: 'item-a', wrappedItemKey: a.key });
    const keyB = openItemKey({ vaultKey, accountId, itemId: 'item-b', wrappedItemKey: b.key });
    expect(keyA).not.toEqual(keyB);
  });

  it('refuses an item key swapped in from another item', () => {
    const swapped: SealedItem = { ...a, key: b.key };
    expect(() => openItemOverview({ vaultKey, accountId, item: swapped })).toThrow(DecryptError);
    expect(() => openItemKey({ vaultKey, accountId, itemId: 'item-a', wrappedItemKey: b.key })).toThrow(DecryptError);
  });

  it('refuses parts of two writes of one item together, although the item key is the same (ADR 0023)', () => {
    const itemKey = openItemKey({ vaultKey, accountId, itemId: 'item-a', wrappedItemKey: a.key });
    const edited = sealItem({
      vaultKey,
      accountId,
      itemId: 'item-a',
      overview: text('{"name":"Bank 2"}'),
      details: text('{"password":"new"}'),
      itemKey,
    });
    expect(openItemDetails({ vaultKey, accountId, item: edited })).toEqual(text('{"password":"new"}'));
    // The old overview beside the new key and details, and the old key beside the new parts.
    expect(() => openItemOverview({ vaultKey, accountId, item: { ...edited, overview: a.overview } })).toThrow(DecryptError);
    expect(() => openItemDetails({ vaultKey, accountId, item: { ...edited, key: a.key } })).toThrow(DecryptError);
  });

  it('refuses a whole item renamed to another id, and parts moved between items', () => {
    expect(() => openItemOverview({ vaultKey, accountId, item: { ...a, id: 'item-b' } })).toThrow(DecryptError);
    expect(() => openItemOverview({ vaultKey, accountId, item: { ...a, overview: b.overview } })).toThrow(DecryptError);
  });

  it('refuses overview and details swapped', () => {
    const swapped: SealedItem = { ...a, overview: a.details, details: a.overview };
    expect(() => openItemOverview({ vaultKey, accountId, item: swapped })).toThrow(DecryptError);
    expect(() => openItemDetails({ vaultKey, accountId, item: swapped })).toThrow(DecryptError);
  });

  it('refuses another account or another vault key', () => {
    expect(() => openItemOverview({ vaultKey, accountId: 'acct-2', item: a })).toThrow(DecryptError);
    expect(() => openItemOverview({ vaultKey: randomBytes(32), accountId, item: a })).toThrow(DecryptError);
  });

  it('re-seals an edited item under the key it already has when given one', () => {
    const itemKey = openItemKey({ vaultKey, accountId, itemId: 'item-a', wrappedItemKey: a.key });
    const edited = sealItem({ vaultKey, accountId, itemId: 'item-a', overview: text('{"name":"Bank 2"}'), details, itemKey });
    const again = openItemKey({ vaultKey, accountId, itemId: 'item-a', wrappedItemKey: edited.key });
    expect(again).toEqual(itemKey);
    expect(itemKey.some((x) => x !== 0)).toBe(true); // a caller's key is not zeroed under it
    expect(openItemOverview({ vaultKey, accountId, item: edited })).toEqual(text('{"name":"Bank 2"}'));
  });

  it('createItemKey makes a fresh 32-byte key bound to the item', () => {
    const { itemKey, wrappedItemKey } = createItemKey({ vaultKey, accountId, itemId: 'item-c' });
    expect(itemKey.length).toBe(32);
    expect(openItemKey({ vaultKey, accountId, itemId: 'item-c', wrappedItemKey })).toEqual(itemKey);
    expect(() => openItemKey({ vaultKey, accountId, itemId: 'item-d', wrappedItemKey })).toThrow(DecryptError);
  });
});
