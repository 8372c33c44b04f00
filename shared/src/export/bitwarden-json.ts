// Bitwarden's unencrypted JSON export ("File format: .json"), personal vault, so a user can take the
// vault to Bitwarden or any manager that reads it: `{ encrypted: false, folders: [{id, name}], items }`,
// item types 1 login, 2 secure note, 3 card, 4 identity; custom field types 0 text, 1 hidden,
// 2 boolean; URI match null (the default), 0 base domain, 1 host, 2 starts with, 3 exact, 4 regular
// expression, 5 never. Source: Bitwarden Help, "Condition a Bitwarden .json"
// (bitwarden.com/help/condition-bitwarden-import), the shape import/formats/bitwarden-json.ts reads.
// Keyhold values Bitwarden has no member for become custom fields (bitwarden-common.ts): tags, further
// usernames, a card's PIN, an identity's birth date; API keys are secure notes with their fields.
import { fieldOf } from '../items/history';
import { isOpaque, type CardItem, type IdentityItem, type Item, type KnownItem, type LoginItem } from '../items/item';
import type { UrlMatchMode } from '../items/types/login';
import { apiKeyFields, commonExtras, itemsToExport, nameOf, opaqueNoteText, type NamedValue } from './bitwarden-common';
import { folderNames } from './folder-names';
import { passkeysToBitwarden } from './bitwarden-passkeys';

const TYPE = { login: 1, note: 2, card: 3, identity: 4 } as const;
const FIELD_TYPE: Readonly<Record<NamedValue['kind'], number>> = { text: 0, hidden: 1, boolean: 2 };
const URI_MATCH: Readonly<Record<UrlMatchMode, number | null>> = {
  default: null,
  'base-domain': 0,
  host: 1,
  'starts-with': 2,
  exact: 3,
  regex: 4,
  never: 5,
};

type BitwardenField = { name: string; value: string; type: number; linkedId: null };

/** The export file's text. Items in the trash are left out, as Bitwarden's own export does. */
export function exportBitwardenJson(items: readonly Item[]): string {
  const exported = itemsToExport(items);
  const folders = folderNames(exported).map((name) => ({ id: crypto.randomUUID(), name }));
  const folderIds = new Map(folders.map((f) => [f.name, f.id] as const));
  const out = exported.map((item) => itemOf(item, folderIds));
  return `${JSON.stringify({ encrypted: false, folders, items: out }, null, 2)}\n`;
}

function itemOf(item: Item, folderIds: ReadonlyMap<string, string>): Record<string, unknown> {
  const base = {
    passwordHistory: null as unknown,
    revisionDate: isoTime(item.updatedAt),
    creationDate: isoTime(item.createdAt),
    deletedDate: null,
    id: item.id,
    organizationId: null,
    folderId: (typeof item.folder === 'string' && folderIds.get(item.folder)) || null,
    type: TYPE.note as number,
    reprompt: 0,
    name: nameOf(item),
    notes: null as string | null,
    favorite: item.favorite === true,
    fields: [] as BitwardenField[],
    collectionIds: null,
  };
  if (isOpaque(item)) return { ...base, notes: opaqueNoteText(item), secureNote: { type: 0 } };
  const known: KnownItem = item;
  const extras = commonExtras(known).map(toField);
  switch (known.type) {
    case 'login':
      return {
        ...base,
        type: TYPE.login,
        notes: orNull(known.notes),
        fields: [...known.customFields.map((f) => toField({ name: f.name, value: f.value, kind: f.kind === 'url' ? 'text' : f.kind })), ...extras],
        passwordHistory: passwordHistoryOf(known),
        login: loginOf(known),
      };
    case 'note':
      return { ...base, notes: orNull(known.text), fields: extras, secureNote: { type: 0 } };
    case 'card':
      return { ...base, type: TYPE.card, notes: orNull(known.notes), fields: [...cardExtras(known), ...extras], card: cardOf(known) };
    case 'identity':
      return {
        ...base,
        type: TYPE.identity,
        notes: orNull(known.notes),
        fields: [...identityExtras(known), ...extras],
        identity: identityOf(known),
      };
    case 'api-key':
      return { ...base, notes: orNull(known.notes), fields: [...apiKeyFields(known).map(toField), ...extras], secureNote: { type: 0 } };
  }
}

function loginOf(item: LoginItem): Record<string, unknown> {
  return {
    fido2Credentials: passkeysToBitwarden(item.passkeys ?? []),
    uris: item.urls.map((u) => ({ match: URI_MATCH[u.match], uri: u.url })),
    username: orNull(item.username),
    password: orNull(item.password),
    totp: orNull(item.totp),
  };
}

/** Old passwords only (Bitwarden keeps no other history): entries about the password with a text value. */
function passwordHistoryOf(item: LoginItem): { lastUsedDate: string; password: string }[] | null {
  const entries = item.history.filter((h) => fieldOf(h) === 'password' && typeof h.value === 'string' && h.value !== '');
  return entries.length === 0 ? null : entries.map((h) => ({ lastUsedDate: isoTime(h.changedAt), password: h.value as string }));
}

function cardOf(item: CardItem): Record<string, unknown> {
  return {
    cardholderName: orNull(item.cardholder),
    brand: orNull(item.brand),
    number: orNull(item.number),
    expMonth: item.expMonth === null ? null : String(item.expMonth),
    expYear: item.expYear === null ? null : String(item.expYear),
    code: orNull(item.securityCode),
  };
}

function cardExtras(item: CardItem): BitwardenField[] {
  return item.pin === '' ? [] : [toField({ name: 'PIN', value: item.pin, kind: 'hidden' })];
}

/** Bitwarden has three address lines: further lines are joined into the third. */
function identityOf(item: IdentityItem): Record<string, unknown> {
  const [address1 = '', address2 = '', ...more] = item.addressLines;
  return {
    title: orNull(item.title),
    firstName: orNull(item.firstName),
    middleName: orNull(item.middleName),
    lastName: orNull(item.lastName),
    address1: orNull(address1),
    address2: orNull(address2),
    address3: orNull(more.join(', ')),
    city: orNull(item.city),
    state: orNull(item.region),
    postalCode: orNull(item.postalCode),
    country: orNull(item.country),
    company: orNull(item.company),
    email: orNull(item.email),
    phone: orNull(item.phone),
    ssn: null,
    username: null,
    passportNumber: null,
    licenseNumber: null,
  };
}

function identityExtras(item: IdentityItem): BitwardenField[] {
  return item.birthDate === null ? [] : [toField({ name: 'Birth date', value: item.birthDate, kind: 'text' })];
}

function toField(f: NamedValue): BitwardenField {
  return { name: f.name, value: f.value, type: FIELD_TYPE[f.kind], linkedId: null };
}

/** Bitwarden writes null for an empty value. */
function orNull(value: string): string | null {
  return value === '' ? null : value;
}

function isoTime(ms: unknown): string {
  return new Date(typeof ms === 'number' && Number.isFinite(ms) ? ms : 0).toISOString();
}
