// 1Password's 1PUX export: a zip holding `export.data` (JSON: accounts → vaults → items) and
// `export.attributes`, plus attachments under `files/`, which are not imported (reported). Vaults
// become folders, categories map to Keyhold types (001 login and 005 password → login, 002 card,
// 003 note, 004 identity, 112 API credential); every other category becomes a note keeping all its
// fields. Times are Unix seconds. Archived items get the tag "archived". Source: 1Password Support,
// "About the 1Password Unencrypted Export (.1pux) format" (support.1password.com/1pux-format/).
import { createItemCollector, type CollectorOptions, type ImportResult, type ItemCollector } from '../collect-items';
import { ImportError } from '../import-error';
import type { DraftField, ItemDraft } from '../item-draft';
import { asRecord, list, num, rec, records, str, type JsonRecord } from '../json-fields';
import { parseJsonSafely } from '../read-json';
import { createZipReader } from '../read-zip';
import { cardExpiry } from '../card-expiry';
import { toUrls } from '../urls';
import { ARCHIVED_TAG } from './onepassword-csv';
import { createFieldPicker, sectionFields, type PuxField } from './onepassword-1pux-fields';

export const PUX_DATA_ENTRY = 'export.data';

export function parseOnePasswordPux(input: Uint8Array, options: CollectorOptions = {}): ImportResult {
  const zip = createZipReader(input);
  const text = new TextDecoder().decode(zip.read(PUX_DATA_ENTRY));
  return parseOnePasswordPuxData(text, options);
}

/** The `export.data` JSON on its own (also what tests and the CLI can feed directly). */
export function parseOnePasswordPuxData(text: string, options: CollectorOptions = {}): ImportResult {
  const root = asRecord(parseJsonSafely(text));
  if (root === null || !Array.isArray(root['accounts'])) throw new ImportError({ code: 'wrong-shape', expected: '1Password 1PUX', path: 'accounts' });
  const collector = createItemCollector(options);
  let number = 0;
  for (const account of records(root, 'accounts')) {
    for (const vault of records(account, 'vaults')) {
      const folder = str(rec(vault, 'attrs'), 'name') || null;
      if (folder !== null) collector.addFolder(folder);
      for (const entry of list(vault, 'items')) {
        const at = { item: ++number };
        // Early 1PUX versions wrapped each item as { item: {...} }.
        const wrapped = asRecord(entry);
        const item = rec(wrapped, 'item') ?? wrapped;
        if (item === null) collector.report({ kind: 'skipped', at, reason: 'not-an-item' });
        else collector.add(at, draftOf(item, folder, collector, at));
      }
    }
  }
  return collector.result();
}

function draftOf(item: JsonRecord, folder: string | null, collector: ItemCollector, at: { item: number }): ItemDraft {
  const overview = rec(item, 'overview');
  const details = rec(item, 'details');
  const tags = list(overview, 'tags').filter((t): t is string => typeof t === 'string');
  if (str(item, 'state') === 'archived') tags.push(ARCHIVED_TAG);
  const common = { name: str(overview, 'title'), folder, tags, favorite: (num(item, 'favIndex') ?? 0) > 0 };
  const seconds = (key: string): number | null => {
    const s = num(item, key);
    return s === null ? null : s * 1000;
  };
  const times = { createdAt: seconds('createdAt'), updatedAt: seconds('updatedAt') };
  const fields = sectionFields(details);
  const attachments = fields.filter((f) => f.attachment).length + (rec(details, 'documentAttributes') === null ? 0 : 1);
  if (attachments > 0) collector.report({ kind: 'attachment-not-imported', at, count: attachments });
  const pick = createFieldPicker(fields);
  const notes = str(details, 'notesPlain');
  switch (str(item, 'categoryUuid')) {
    case '001':
    case '005':
      return loginDraft(item, common, fields, notes, times);
    case '002': {
      const expiry = cardExpiry({ text: pick.text('expiry') });
      const card = {
        cardholder: pick.text('cardholder'),
        brand: pick.text('type'),
        number: pick.text('ccnum'),
        securityCode: pick.text('cvv'),
        pin: pick.text('pin'),
      };
      return { type: 'card', fields: { ...common, ...card, ...expiry.fields, notes }, unmapped: [...expiry.unmapped, ...pick.rest()], ...times };
    }
    case '004': {
      const address = pick.take('address');
      const birth = pick.take('birthdate');
      const [street = '', ...addressRest] = address?.text.split('\n') ?? [];
      const identity = {
        firstName: pick.text('firstname'),
        middleName: pick.text('initial'),
        lastName: pick.text('lastname'),
        company: pick.text('company'),
        email: pick.text('email'),
        phone: pick.text('defphone', 'cellphone', 'homephone', 'busphone'),
        birthDate: dateOnly(birth),
        addressLines: street === '' ? [] : [street],
      };
      const place =
        addressRest.length > 0 ? [{ name: 'City, region, postal code, country', value: addressRest.join('\n'), kind: 'text' as const }] : [];
      return { type: 'identity', fields: { ...common, ...identity, notes }, unmapped: [...place, ...unread(birth), ...pick.rest()], ...times };
    }
    case '112': {
      const expires = pick.take('expires');
      const apiKey = { key: pick.text('username'), secret: pick.text('credential'), serviceUrl: pick.text('hostname'), expiresOn: dateOnly(expires) };
      return { type: 'api-key', fields: { ...common, ...apiKey, notes }, unmapped: [...unread(expires), ...pick.rest()], ...times };
    }
    case '003':
    default:
      return { type: 'note', fields: { ...common, text: notes }, unmapped: pick.rest(), ...times };
  }
}

type Common = { name: string; folder: string | null; tags: string[]; favorite: boolean };

function loginDraft(
  item: JsonRecord,
  common: Common,
  fields: readonly PuxField[],
  notes: string,
  times: { createdAt: number | null; updatedAt: number | null },
): ItemDraft {
  const overview = rec(item, 'overview');
  const details = rec(item, 'details');
  const loginFields = records(details, 'loginFields');
  const designated = (d: string): string => str(loginFields.find((f) => str(f, 'designation') === d) ?? null, 'value');
  // Other form fields 1Password saved with the login (a PIN box, a "remember me" checkbox…).
  const formFields: DraftField[] = loginFields
    .filter((f) => str(f, 'designation') === '' && str(f, 'value') !== '')
    .map((f) => ({ name: str(f, 'name') || str(f, 'id'), value: str(f, 'value'), kind: str(f, 'fieldType') === 'P' ? 'hidden' : 'text' }));
  const totpField = fields.find((f) => f.kind === 'totp' && f.text !== '');
  const urls = [...records(overview, 'urls').map((u) => str(u, 'url')), str(overview, 'url')];
  return {
    type: 'login',
    fields: { ...common, username: designated('username'), password: designated('password') || str(details, 'password'), urls: toUrls(urls), notes },
    totp: totpField?.text ?? '',
    customFields: [...formFields, ...fields.filter((f) => f !== totpField && !f.attachment && f.text !== '').map((f) => f.draft)],
    passwordHistory: records(details, 'passwordHistory').map((h) => ({ value: str(h, 'value'), changedAt: (num(h, 'time') ?? Number.NaN) * 1000 })),
    ...times,
  };
}

/** A `date` field as "YYYY-MM-DD"; any other kind of value is not a date Keyhold can hold. */
function dateOnly(field: PuxField | undefined): string | null {
  return field !== undefined && field.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(field.text) ? field.text : null;
}

/** A field taken for a date slot that did not hold a date: kept, not lost. */
function unread(field: PuxField | undefined): DraftField[] {
  return field !== undefined && dateOnly(field) === null && field.text.trim() !== '' ? [field.draft] : [];
}
