// Bitwarden's CSV export, personal vault columns: folder, favorite, type, name, notes, fields,
// reprompt, login_uri, login_username, login_password, login_totp. Bitwarden's CSV knows only logins
// and notes; so that nothing is dropped, cards, identities and API keys are written as notes with
// their values in `fields`, one "name: value" per line (as Bitwarden writes custom fields), and URIs
// are separated by commas. Source: Bitwarden Help, "Condition a Bitwarden .csv"
// (bitwarden.com/help/condition-bitwarden-import), the shape import/formats/bitwarden-csv.ts reads.
// Every cell goes through writeCsv, which neutralises formulas. Items in the trash are left out.
import { isOpaque, type CardItem, type IdentityItem, type Item } from '../items/item';
import { apiKeyFields, commonExtras, itemsToExport, nameOf, opaqueNoteText, type NamedValue } from './bitwarden-common';
import { BITWARDEN_CSV_COLUMNS } from '../import/formats/bitwarden-csv';
import { writeCsv } from './write-csv';

export { BITWARDEN_CSV_COLUMNS };

type Row = Record<(typeof BITWARDEN_CSV_COLUMNS)[number], string>;

export function exportBitwardenCsv(items: readonly Item[]): string {
  const rows = itemsToExport(items).map((item) => {
    const row = rowOf(item);
    return BITWARDEN_CSV_COLUMNS.map((column) => row[column]);
  });
  return writeCsv(BITWARDEN_CSV_COLUMNS, rows);
}

function rowOf(item: Item): Row {
  const base: Row = {
    folder: typeof item.folder === 'string' ? item.folder : '',
    favorite: item.favorite === true ? '1' : '',
    type: 'note',
    name: nameOf(item),
    notes: '',
    fields: '',
    reprompt: '0',
    login_uri: '',
    login_username: '',
    login_password: '',
    login_totp: '',
  };
  if (isOpaque(item)) return { ...base, notes: opaqueNoteText(item) };
  const extras = commonExtras(item);
  switch (item.type) {
    case 'login':
      return {
        ...base,
        type: 'login',
        notes: item.notes,
        fields: fieldLines([...item.customFields, ...extras]),
        login_uri: item.urls.map((u) => u.url).join(','),
        login_username: item.username,
        login_password: item.password,
        login_totp: item.totp,
      };
    case 'note':
      return { ...base, notes: item.text, fields: fieldLines(extras) };
    case 'card':
      return { ...base, notes: item.notes, fields: fieldLines([...cardFields(item), ...extras]) };
    case 'identity':
      return { ...base, notes: item.notes, fields: fieldLines([...identityFields(item), ...extras]) };
    case 'api-key':
      return { ...base, notes: item.notes, fields: fieldLines([...apiKeyFields(item), ...extras]) };
  }
}

function fieldLines(fields: readonly Pick<NamedValue, 'name' | 'value'>[]): string {
  return fields.map((f) => `${f.name}: ${f.value}`).join('\n');
}

function present(fields: readonly NamedValue[]): NamedValue[] {
  return fields.filter((f) => f.value !== '');
}

function cardFields(item: CardItem): NamedValue[] {
  const month = item.expMonth === null ? '' : String(item.expMonth).padStart(2, '0');
  const expiry = [month, item.expYear === null ? '' : String(item.expYear)].filter((part) => part !== '').join('/');
  return present([
    { name: 'Cardholder name', value: item.cardholder, kind: 'text' },
    { name: 'Brand', value: item.brand, kind: 'text' },
    { name: 'Number', value: item.number, kind: 'hidden' },
    { name: 'Expiry', value: expiry, kind: 'text' },
    { name: 'Security code', value: item.securityCode, kind: 'hidden' },
    { name: 'PIN', value: item.pin, kind: 'hidden' },
  ]);
}

function identityFields(item: IdentityItem): NamedValue[] {
  return present([
    { name: 'Title', value: item.title, kind: 'text' },
    { name: 'First name', value: item.firstName, kind: 'text' },
    { name: 'Middle name', value: item.middleName, kind: 'text' },
    { name: 'Last name', value: item.lastName, kind: 'text' },
    { name: 'Email', value: item.email, kind: 'text' },
    { name: 'Phone', value: item.phone, kind: 'text' },
    { name: 'Address', value: item.addressLines.join(', '), kind: 'text' },
    { name: 'City', value: item.city, kind: 'text' },
    { name: 'State / region', value: item.region, kind: 'text' },
    { name: 'Postal code', value: item.postalCode, kind: 'text' },
    { name: 'Country', value: item.country, kind: 'text' },
    { name: 'Company', value: item.company, kind: 'text' },
    { name: 'Birth date', value: item.birthDate ?? '', kind: 'text' },
  ]);
}
