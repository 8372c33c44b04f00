// Proton Pass identities to Keyhold identities. Proton's identity has many more members than
// Keyhold's (social handles, work details, passport and licence numbers, free extra sections);
// those are kept in the notes and reported. Member names as Proton Pass's exporter writes them
// (ProtonMail/WebClients, packages/pass/types/protobuf item-v1 Identity).
import { isoDateSchema } from '../../items/schema-common';
import { field, type DraftField, type ItemDraft } from '../item-draft';
import { records, str, type JsonRecord } from '../json-fields';
import { extraFields } from './proton-pass-fields';

const MAPPED = new Set([
  'fullName',
  'email',
  'phoneNumber',
  'firstName',
  'middleName',
  'lastName',
  'birthdate',
  'organization',
  'company',
  'streetAddress',
  'zipOrPostalCode',
  'city',
  'stateOrProvince',
  'countryOrRegion',
  'extraPersonalDetails',
  'extraAddressDetails',
  'extraContactDetails',
  'extraWorkDetails',
  'extraSections',
]);
const SECRET = new Set(['socialSecurityNumber', 'passportNumber', 'licenseNumber']);

type Common = { name: string; folder: string | null; favorite: boolean; trashedAt: number | null };

export function identityDraft(content: JsonRecord | null, common: Common, notes: string, customFields: DraftField[]): ItemDraft {
  const birth = str(content, 'birthdate');
  const birthDate = isoDateSchema.safeParse(birth).success && birth !== '' ? birth : null;
  // firstName etc. are newer; older exports have only fullName, kept whole as the first name.
  const hasParts = ['firstName', 'middleName', 'lastName'].some((k) => str(content, k) !== '');
  const others = Object.entries(content ?? {}).flatMap(([key, value]) =>
    MAPPED.has(key) || typeof value !== 'string' ? [] : field(key, value, SECRET.has(key) ? 'hidden' : 'text'),
  );
  const sections = ['extraPersonalDetails', 'extraAddressDetails', 'extraContactDetails', 'extraWorkDetails'].flatMap(
    (k) => extraFields(records(content, k)).fields,
  );
  const sectionFields = records(content, 'extraSections').flatMap((s) => extraFields(records(s, 'sectionFields')).fields);
  return {
    type: 'identity',
    fields: {
      ...common,
      firstName: hasParts ? str(content, 'firstName') : str(content, 'fullName'),
      middleName: str(content, 'middleName'),
      lastName: str(content, 'lastName'),
      email: str(content, 'email'),
      phone: str(content, 'phoneNumber'),
      company: str(content, 'organization') || str(content, 'company'),
      addressLines: str(content, 'streetAddress') === '' ? [] : [str(content, 'streetAddress')],
      city: str(content, 'city'),
      region: str(content, 'stateOrProvince'),
      postalCode: str(content, 'zipOrPostalCode'),
      country: str(content, 'countryOrRegion'),
      birthDate,
      notes,
    },
    customFields,
    unmapped: [...(birthDate === null ? field('birthdate', birth) : []), ...others, ...sections, ...sectionFields],
  };
}
