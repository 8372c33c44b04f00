// Random valid Keyhold items of every type for the export property tests: built with newItem (so each
// one passes the vault's own validation), then given the members newItem sets itself — times and
// history — as a vault that has lived a while would hold them. `text` is the string arbitrary, so a
// test can ask for full Unicode (lone surrogates included) or for what a format can carry.
import fc from 'fast-check';
import type { Item, ItemOf, ItemType } from '../../src/items/item';
import { newItem, type NewItemFields } from '../../src/items/new-item';
import type { HistoryEntry } from '../../src/items/schema-common';
import { CUSTOM_FIELD_KINDS, URL_MATCH_MODES } from '../../src/items/types/login';
import { assertValidItem } from '../../src/items/validate-item';

export type ItemArbOptions = { text?: fc.Arbitrary<string>; types?: readonly ItemType[]; trash?: boolean; history?: boolean };

const ms = fc.integer({ min: 0, max: 8.64e15 });
const isoDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
export const TOTPS = ['', 'JBSWY3DPEHPK3PXP', 'otpauth://totp/Example:ada?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=8'];
const jsonLeaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));

export function itemArb(options: ItemArbOptions = {}): fc.Arbitrary<Item> {
  const text = options.text ?? fc.string({ unit: 'binary', maxLength: 24 });
  const nonEmpty = text.filter((s) => s.trim() !== '');
  const short = (max: number) => fc.array(text, { maxLength: max });
  const common = fc.record({
    id: fc.uuid({ version: 4 }),
    name: text,
    tags: short(3),
    folder: fc.option(nonEmpty, { nil: null }),
    favorite: fc.boolean(),
    trashedAt: options.trash === false ? fc.constant(null) : fc.option(ms, { nil: null }),
  });
  const customField = fc.record({ id: fc.uuid(), name: text, value: text, kind: fc.constantFrom(...CUSTOM_FIELD_KINDS) });
  const byType: { [T in ItemType]: fc.Arbitrary<NewItemFields<T>> } = {
    login: fc.record({
      username: text,
      extraUsernames: short(2),
      password: text,
      urls: fc.array(fc.record({ url: nonEmpty, match: fc.constantFrom(...URL_MATCH_MODES) }), { maxLength: 3 }),
      totp: fc.constantFrom(...TOTPS),
      notes: text,
      customFields: fc.array(customField, { maxLength: 3 }),
    }),
    note: fc.record({ text }),
    card: fc.record({
      brand: text,
      cardholder: text,
      number: text,
      expMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
      expYear: fc.option(fc.integer({ min: 1900, max: 9999 }), { nil: null }),
      securityCode: text,
      pin: text,
      notes: text,
    }),
    identity: fc.record({
      email: text,
      title: text,
      firstName: text,
      middleName: text,
      lastName: text,
      phone: text,
      addressLines: short(4),
      city: text,
      region: text,
      postalCode: text,
      country: text,
      company: text,
      birthDate: fc.option(isoDate, { nil: null }),
      notes: text,
    }),
    'api-key': fc.record({
      serviceUrl: text,
      key: text,
      secret: text,
      expiresOn: fc.option(isoDate, { nil: null }),
      rotationDueOn: fc.option(isoDate, { nil: null }),
      notes: text,
    }),
  };
  const history = fc.array(
    fc.record(
      {
        value: fc.oneof(text, jsonLeaf),
        changedAt: ms,
        field: fc.constantFrom('password', 'notes', 'customFields.0.value'),
        reason: fc.constantFrom('changed', 'conflict', 'deleted-edit'),
        resolvedAt: ms,
      },
      { requiredKeys: ['value', 'changedAt', 'reason'] },
    ),
    { maxLength: options.history === false ? 0 : 3 },
  );
  const types = options.types ?? (Object.keys(byType) as ItemType[]);
  return fc.constantFrom(...types).chain((type) =>
    fc.tuple(common, byType[type] as fc.Arbitrary<NewItemFields<ItemType>>, ms, ms, history).map(([c, fields, t1, t2, entries]) => {
      const created = newItem(type, { ...c, ...fields } as NewItemFields<typeof type>, 0) as ItemOf<typeof type>;
      const item = { ...created, createdAt: Math.min(t1, t2), updatedAt: Math.max(t1, t2), history: entries as HistoryEntry[] } as Item;
      assertValidItem(item);
      return item;
    }),
  );
}

/** Items with distinct ids (a vault never holds two with one id). */
export function itemsArb(options: ItemArbOptions & { maxLength?: number } = {}): fc.Arbitrary<Item[]> {
  return fc.uniqueArray(itemArb(options), { maxLength: options.maxLength ?? 6, selector: (item) => item.id });
}
