// The fields the item view shows for each item type, in order, as plain data: label, value, and how
// to present it (masked secret, live TOTP code, link, multi-line text). Empty fields are left out.
// Kept pure so "which fields of a card are masked" is a tested rule, not a detail of the markup.
import type { Item, OpaqueItem } from '@keyhold/shared/items/item';

/**
 * Same test as shared's isOpaque, kept here as a type-only dependency: importing items/item.ts at
 * runtime would pull the zod schemas into the popup's first-paint bundle.
 */
export function isOpaque(item: Item): item is OpaqueItem {
  return 'opaque' in item && item.opaque === true;
}

export type ViewField = {
  /** Stable key, also the copy-toast subject ("Password copied"). */
  key: string;
  label: string;
  value: string;
  kind: 'text' | 'secret' | 'totp' | 'url' | 'multiline';
  /** Whether the copy goes through the clipboard-clearing path. */
  sensitive: boolean;
};

const text = (key: string, label: string, value: string | number | null | undefined): ViewField => ({
  key,
  label,
  value: String(value ?? ''),
  kind: 'text',
  sensitive: false,
});
const secret = (key: string, label: string, value: string | number | null | undefined): ViewField => ({
  key,
  label,
  value: String(value ?? ''),
  kind: 'secret',
  sensitive: true,
});
const multiline = (key: string, label: string, value: string | number | null | undefined): ViewField => ({
  key,
  label,
  value: String(value ?? ''),
  kind: 'multiline',
  sensitive: false,
});

function expiry(month: number | null, year: number | null): string {
  if (month === null && year === null) return '';
  return `${month === null ? '--' : String(month).padStart(2, '0')} / ${year ?? '----'}`;
}

export function viewFieldsOf(item: Item): ViewField[] {
  const fields: ViewField[] = [];
  if (isOpaque(item)) return fields;
  switch (item.type) {
    case 'login': {
      const login = item;
      fields.push(text('username', 'Username', login.username));
      login.extraUsernames.forEach((u, i) => fields.push(text(`username-${i + 2}`, `Username ${i + 2}`, u)));
      fields.push(secret('password', 'Password', login.password));
      if (login.totp.trim()) fields.push({ key: 'totp', label: 'One-time code', value: login.totp, kind: 'totp', sensitive: true });
      login.urls.forEach((u, i) =>
        fields.push({ key: `url-${i}`, label: login.urls.length > 1 ? `Website ${i + 1}` : 'Website', value: u.url, kind: 'url', sensitive: false }),
      );
      for (const f of login.customFields) {
        const key = `field-${f.id}`;
        if (f.kind === 'hidden') fields.push(secret(key, f.name || 'Hidden field', f.value));
        else if (f.kind === 'url') fields.push({ key, label: f.name || 'Link', value: f.value, kind: 'url', sensitive: false });
        else if (f.kind === 'boolean') fields.push(text(key, f.name || 'Option', f.value === 'true' ? 'Yes' : 'No'));
        else fields.push(text(key, f.name || 'Field', f.value));
      }
      fields.push(multiline('notes', 'Notes', login.notes));
      break;
    }
    case 'note':
      fields.push(multiline('text', 'Note', item.text));
      break;
    case 'card':
      fields.push(text('cardholder', 'Cardholder', item.cardholder));
      fields.push(text('brand', 'Brand', item.brand));
      fields.push(secret('number', 'Card number', item.number));
      fields.push(text('expiry', 'Expires', expiry(item.expMonth, item.expYear)));
      fields.push(secret('securityCode', 'Security code', item.securityCode));
      fields.push(secret('pin', 'PIN', item.pin));
      fields.push(multiline('notes', 'Notes', item.notes));
      break;
    case 'identity': {
      const name = [item.title, item.firstName, item.middleName, item.lastName]
        .map((p) => p.trim())
        .filter(Boolean)
        .join(' ');
      fields.push(text('fullName', 'Name', name));
      fields.push(text('email', 'Email', item.email));
      fields.push(text('phone', 'Phone', item.phone));
      fields.push(text('company', 'Company', item.company));
      const address = [...item.addressLines, [item.postalCode, item.city].filter(Boolean).join(' '), item.region, item.country].filter((l) =>
        l.trim(),
      );
      fields.push(multiline('address', 'Address', address.join('\n')));
      fields.push(text('birthDate', 'Birth date', item.birthDate ?? ''));
      fields.push(multiline('notes', 'Notes', item.notes));
      break;
    }
    case 'api-key':
      fields.push(secret('key', 'Key', item.key));
      fields.push(secret('secret', 'Secret', item.secret));
      fields.push({ key: 'serviceUrl', label: 'Service', value: item.serviceUrl, kind: 'url', sensitive: false });
      fields.push(text('expiresOn', 'Expires on', item.expiresOn ?? ''));
      fields.push(text('rotationDueOn', 'Rotate by', item.rotationDueOn ?? ''));
      fields.push(multiline('notes', 'Notes', item.notes));
      break;
  }
  return fields.filter((f) => f.value.trim() !== '');
}

/** A link the view may open: only http(s), so a stored `javascript:` URL is never followed. */
export function safeHref(url: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/iu.test(url) ? url : `https://${url}`;
  try {
    const parsed = new URL(withScheme);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** What a dated API key needs from the user: nothing, rotate soon (≤ 14 days), or it is overdue. */
export function dueState(isoDate: string | null, today: string): 'none' | 'soon' | 'overdue' {
  if (!isoDate) return 'none';
  if (isoDate <= today) return 'overdue';
  const days = (Date.parse(isoDate) - Date.parse(today)) / 86_400_000;
  return days <= 14 ? 'soon' : 'none';
}

/** What "copy password" copies from the list for each type (the login password, the API secret…). */
export function primarySecretOf(item: Item): { value: string; what: string } | null {
  if (isOpaque(item)) return null;
  const pick = (value: string, what: string) => (value ? { value, what } : null);
  switch (item.type) {
    case 'login':
      return pick(item.password, 'Password');
    case 'api-key':
      return pick(item.secret, 'Secret') ?? pick(item.key, 'Key');
    case 'card':
      return pick(item.number, 'Card number');
    default:
      return null;
  }
}

/** What "copy username" copies: the login's username, an identity's email, an API key's key. */
export function primaryUsernameOf(item: Item): { value: string; what: string } | null {
  if (isOpaque(item)) return null;
  const pick = (value: string, what: string) => (value ? { value, what } : null);
  switch (item.type) {
    case 'login':
      return pick(item.username, 'Username');
    case 'identity':
      return pick(item.email, 'Email');
    case 'card':
      return pick(item.cardholder, 'Cardholder');
    default:
      return null;
  }
}
