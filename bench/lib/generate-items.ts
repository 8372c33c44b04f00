// A realistic vault for benchmarks: mostly logins (names and URLs of real-looking sites, emails,
// 16–24 character passwords, some notes, tags and folders, a few with TOTP and history), plus
// secure notes, cards, identities and API keys — about 300 bytes of overview per item, as in the
// issue. Deterministic (seeded), so runs compare.
import { newItem } from '../../shared/src/items/new-item.ts';
import type { Item } from '../../shared/src/items/item.ts';

const SITES = [
  'github',
  'gitlab',
  'google',
  'amazon',
  'netflix',
  'spotify',
  'dropbox',
  'slack',
  'zoom',
  'paypal',
  'stripe',
  'twitter',
  'linkedin',
  'reddit',
  'apple',
  'microsoft',
  'adobe',
  'airbnb',
  'booking',
  'ebay',
  'etsy',
  'shopify',
  'notion',
  'figma',
  'atlassian',
  'heroku',
  'digitalocean',
  'cloudflare',
  'mozilla',
  'wikipedia',
  'bank',
  'credit-union',
  'insurance',
  'utility',
  'school',
  'library',
  'gym',
  'airline',
  'hotel',
  'pharmacy',
];
const TLDS = ['com', 'org', 'net', 'io', 'co.uk', 'de', 'fr', 'com.au', 'app', 'dev'];
const WORDS = [
  'alpha',
  'north',
  'river',
  'cloud',
  'forge',
  'pixel',
  'harbor',
  'maple',
  'stone',
  'orbit',
  'lumen',
  'cedar',
  'delta',
  'ember',
  'quartz',
  'willow',
];
const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
const TAGS = ['work', 'personal', 'finance', 'shopping', 'social', 'dev', 'travel', 'family'];
const FOLDERS = [null, null, 'Work', 'Home', 'Finance', 'Archive'];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateVaultItems(count: number, seed = 42): Item[] {
  const rnd = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const password = () => Array.from({ length: 16 + Math.floor(rnd() * 9) }, () => String.fromCharCode(33 + Math.floor(rnd() * 94))).join('');
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const at = 1_700_000_000_000;
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const site = `${pick(SITES)}${rnd() < 0.6 ? '' : `-${pick(WORDS)}`}`;
    const domain = `${rnd() < 0.3 ? 'login.' : rnd() < 0.5 ? 'www.' : ''}${site}.${pick(TLDS)}`;
    const person = pick(PEOPLE);
    const common = { id: uuid(), tags: rnd() < 0.4 ? [pick(TAGS)] : [], folder: pick(FOLDERS), favorite: rnd() < 0.05 };
    const kind = rnd();
    if (kind < 0.82) {
      items.push(
        newItem(
          'login',
          {
            ...common,
            name: `${site.replace(/-/g, ' ')} ${i % 7 === 0 ? `(${person})` : ''}`.trim(),
            username: rnd() < 0.7 ? `${person}.${pick(WORDS)}@example.com` : `${person}${Math.floor(rnd() * 1000)}`,
            password: password(),
            urls: [{ url: `https://${domain}/${rnd() < 0.5 ? 'login' : 'account/signin'}`, match: 'default' }],
            notes: rnd() < 0.2 ? `Security questions: first pet ${pick(WORDS)}, city ${pick(WORDS)}.` : '',
            totp: rnd() < 0.1 ? 'JBSWY3DPEHPK3PXP' : '',
          },
          at + i,
        ),
      );
    } else if (kind < 0.9) {
      items.push(
        newItem(
          'note',
          { ...common, name: `${pick(WORDS)} notes ${i}`, text: `Wi-Fi: ${pick(WORDS)}-${pick(WORDS)}\nDoor code ${Math.floor(rnd() * 9999)}` },
          at + i,
        ),
      );
    } else if (kind < 0.95) {
      items.push(
        newItem(
          'card',
          {
            ...common,
            name: `${pick(['Visa', 'Mastercard', 'Amex'])} ${pick(WORDS)}`,
            cardholder: person,
            number: `4111111111${String(100000 + i).slice(-6)}`,
            brand: 'Visa',
            expMonth: 1 + (i % 12),
            expYear: 2030,
            securityCode: '123',
          },
          at + i,
        ),
      );
    } else if (kind < 0.98) {
      items.push(
        newItem(
          'identity',
          { ...common, name: `${person} identity`, firstName: person, lastName: pick(WORDS), email: `${person}@example.com` },
          at + i,
        ),
      );
    } else {
      items.push(
        newItem(
          'api-key',
          { ...common, name: `${site} API`, key: `key_${password()}`, secret: password(), serviceUrl: `https://api.${domain}` },
          at + i,
        ),
      );
    }
  }
  return items;
}
