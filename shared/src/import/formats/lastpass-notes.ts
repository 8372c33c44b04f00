// LastPass secure notes made from a template ("NoteType:Credit Card", "NoteType:Address", …): the
// `extra` text is "Key:Value" lines in the template's order, and "Notes:" is the last key, whose
// value runs to the end of the text (it may span lines). Cards and addresses map to Keyhold cards
// and identities; every other template becomes a note whose template fields are kept and reported.
// Phone values in addresses are JSON ({"num":…,"ext":…,"cc3l":…}). Source: the LastPass templates
// as the web vault exports them.
import { cardExpiry } from '../card-expiry';
import { field, type DraftField, type ItemDraft } from '../item-draft';
import { asRecord, str } from '../json-fields';
import { isoDateSchema } from '../../items/schema-common';

export type TemplateNote = { noteType: string; values: ReadonlyMap<string, string>; notes: string };

/** null when the text is a plain note (no NoteType line first). */
export function parseNoteText(extra: string): TemplateNote | null {
  const lines = extra.split(/\r?\n/);
  const first = /^NoteType:(.*)$/.exec(lines[0] ?? '');
  if (first === null) return null;
  const values = new Map<string, string>();
  let notes = '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    const key = colon === -1 ? '' : line.slice(0, colon);
    if (key === 'Notes') {
      notes = [line.slice(colon + 1), ...lines.slice(i + 1)].join('\n');
      break;
    }
    if (colon === -1) values.set(`Line ${i + 1}`, line);
    else if (!values.has(key)) values.set(key, line.slice(colon + 1));
  }
  return { noteType: (first[1] ?? '').trim(), values, notes };
}

type Common = { name: string; folder: string | null; favorite: boolean };

const SECRET_KEYS = /password|pin|security code|number|ssn|passphrase|private key|secret/i;

export function draftFromNote(note: TemplateNote, common: Common): ItemDraft {
  const used = new Set<string>();
  const take = (key: string): string => {
    used.add(key);
    return note.values.get(key) ?? '';
  };
  const rest = (): DraftField[] =>
    [...note.values].filter(([key]) => !used.has(key)).flatMap(([key, value]) => field(key, value, SECRET_KEYS.test(key) ? 'hidden' : 'text'));
  if (note.noteType === 'Credit Card') {
    const expiry = cardExpiry({ text: take('Expiration Date') });
    const fields = {
      ...common,
      cardholder: take('Name on Card'),
      brand: take('Type'),
      number: take('Number'),
      securityCode: take('Security Code'),
      ...expiry.fields,
      notes: note.notes,
    };
    return { type: 'card', fields, unmapped: [...expiry.unmapped, ...rest()] };
  }
  if (note.noteType === 'Address') {
    const fields = {
      ...common,
      title: take('Title'),
      firstName: take('First Name'),
      middleName: take('Middle Name'),
      lastName: take('Last Name'),
      company: take('Company'),
      addressLines: [take('Address 1'), take('Address 2'), take('Address 3')].filter((l) => l.trim() !== ''),
      city: take('City / Town'),
      region: take('State'),
      postalCode: take('Zip / Postal Code'),
      country: take('Country'),
      email: take('Email Address'),
      phone: phoneOf(take('Phone')),
      birthDate: birthDateOf(note.values.get('Birthday') ?? ''),
      notes: note.notes,
    };
    if (fields.birthDate !== null) used.add('Birthday');
    const phones = ['Evening Phone', 'Mobile Phone', 'Fax'].flatMap((key) => field(key, phoneOf(take(key))));
    return { type: 'identity', fields, unmapped: [...phones, ...rest()] };
  }
  return { type: 'note', fields: { ...common, text: note.notes }, unmapped: [...field('LastPass note type', note.noteType), ...rest()] };
}

/** {"num":"5550100","ext":"12","cc3l":"USA"} → "5550100 ext. 12"; plain text is kept as it is. */
function phoneOf(value: string): string {
  if (!value.trim().startsWith('{')) return value;
  try {
    const phone = asRecord(JSON.parse(value));
    if (phone === null) return value;
    const ext = str(phone, 'ext');
    return ext === '' ? str(phone, 'num') : `${str(phone, 'num')} ext. ${ext}`;
  } catch {
    return value;
  }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "June,1,1990" → "1990-06-01"; anything else stays a field. */
function birthDateOf(value: string): string | null {
  const match = /^([A-Za-z]+),(\d{1,2}),(\d{4})$/.exec(value.trim());
  if (match === null) return null;
  const month = MONTHS.indexOf((match[1] ?? '').toLowerCase()) + 1;
  const day = Number(match[2]);
  if (month === 0 || day < 1 || day > 31) return null;
  const iso = `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isoDateSchema.safeParse(iso).success ? iso : null;
}
