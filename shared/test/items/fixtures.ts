// Small builders for tests: one item of each type with recognisable secrets, and an encode/decode
// round trip through the same functions the vault uses.
import type { Item, ItemOf, ItemType } from '../../src/items/item';
import { newItem, type NewItemFields } from '../../src/items/new-item';
import { decodeItemPart, encodeItemPart } from '../../src/items/encode-part';
import { joinItem } from '../../src/items/join-item';
import { parseDetails, parseOverview } from '../../src/items/parse-part';
import { splitItem } from '../../src/items/split-item';

export const T0 = Date.UTC(2026, 0, 1);

export const SAMPLE_FIELDS: { [T in ItemType]: NewItemFields<T> } = {
  login: {
    name: 'Example Mail',
    username: 'alice@example.com',
    extraUsernames: ['alice'],
    password: 'SECRET-pw-correct-horse',
    urls: [
      { url: 'https://mail.example.com/login', match: 'default' },
      { url: '^https://sso\\.example\\.(com|org)/', match: 'regex' },
    ],
    totp: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    notes: 'SECRET-note recovery codes 1234',
    customFields: [{ id: 'f1', name: 'PIN', value: 'SECRET-field-9876', kind: 'hidden' }],
    tags: ['mail', 'personal'],
    folder: 'Personal',
    favorite: true,
  },
  note: { name: 'Wifi', text: 'SECRET-note-text guest password' },
  card: {
    name: 'Visa',
    brand: 'Visa',
    cardholder: 'Alice Example',
    number: '4111 1111 1111 1111',
    expMonth: 12,
    expYear: 2030,
    securityCode: 'SECRET-cvv-737',
    pin: 'SECRET-pin-4321',
    notes: '',
  },
  identity: {
    name: 'Me',
    title: 'Dr',
    firstName: 'Alice',
    middleName: '',
    lastName: 'Example',
    email: 'alice@example.com',
    phone: '+1 555 0100',
    addressLines: ['1 Main Street', 'Apt 2'],
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    country: 'US',
    company: 'Example Inc',
    birthDate: '1990-02-03',
    notes: 'SECRET-passport-X123',
  },
  'api-key': {
    name: 'Cloud API',
    serviceUrl: 'https://api.cloud.example.net/v1',
    key: 'AKIA-SECRET-key',
    secret: 'SECRET-api-secret',
    expiresOn: '2027-01-01',
    rotationDueOn: '2026-07-01',
    notes: 'SECRET-rotate via console',
  },
};

let counter = 0;
/** A deterministic uuid (version 4 layout) so failures are easy to read. */
export function testId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function sample<T extends ItemType>(type: T, now = T0): ItemOf<T> {
  return newItem(type, { ...SAMPLE_FIELDS[type], id: testId() }, now);
}

export function login(fields: NewItemFields<'login'> = {}, now = T0): ItemOf<'login'> {
  return newItem('login', { id: testId(), name: 'Login', ...fields }, now);
}

/** Item → two encrypted-sized payloads → item, exactly as the vault stores and reads it. */
export function storeAndLoad(item: Item): Item {
  const { overview, details } = splitItem(item);
  const overviewBytes = encodeItemPart(overview, { kind: 'overview' });
  const detailsBytes = encodeItemPart(details, { kind: 'details' });
  const decodedOverview = decodeItemPart(overviewBytes, { kind: 'overview' });
  const decodedDetails = decodeItemPart(detailsBytes, { kind: 'details' });
  if (!decodedOverview.ok || !decodedDetails.ok) throw new Error('decode failed');
  const parsedOverview = parseOverview(decodedOverview.value);
  const parsedDetails = parseDetails(decodedDetails.value);
  if (!parsedOverview.ok) throw new Error(parsedOverview.reason);
  if (!parsedDetails.ok) throw new Error(parsedDetails.reason);
  return joinItem(parsedOverview.overview, parsedDetails.details);
}
