// The fields the item view shows for each item type, in order, as plain data: label, value, and how
// to present it (masked secret, live TOTP code, link, multi-line text). Empty fields are left out.
// Kept pure so "which fields of a card are masked" is a tested rule, not a detail of the markup.
import type { Item, OpaqueItem } from '@keyhold/shared/items/item';
import { t } from '../../i18n/messages';

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
      fields.push(text('username', t('common_username'), login.username));
      login.extraUsernames.forEach((u, i) => fields.push(text(`username-${i + 2}`, `Username ${i + 2}`, u)));
      fields.push(secret('password', t('common_password'), login.password));
      if (login.totp.trim())
        fields.push({ key: 'totp', label: t('item_totp_field_one_time_code'), value: login.totp, kind: 'totp', sensitive: true });
      login.urls.forEach((u, i) =>
        fields.push({
          key: `url-${i}`,
          label: login.urls.length > 1 ? `Website ${i + 1}` : t('field_website'),
          value: u.url,
          kind: 'url',
          sensitive: false,
        }),
      );
      for (const f of login.customFields) {
        const key = `field-${f.id}`;
        if (f.kind === 'hidden') fields.push(secret(key, f.name || t('field_hidden'), f.value));
        else if (f.kind === 'url') fields.push({ key, label: f.name || t('field_link'), value: f.value, kind: 'url', sensitive: false });
        else if (f.kind === 'boolean') fields.push(text(key, f.name || t('field_option'), f.value === 'true' ? t('common_yes') : t('common_no')));
        else fields.push(text(key, f.name || t('field_generic'), f.value));
      }
      fields.push(multiline('notes', t('common_notes'), login.notes));
      break;
    }
    case 'note':
      fields.push(multiline('text', t('common_note'), item.text));
      break;
    case 'card':
      fields.push(text('cardholder', t('form_card_cardholder'), item.cardholder));
      fields.push(text('brand', t('form_card_brand'), item.brand));
      fields.push(secret('number', t('form_card_card_number'), item.number));
      fields.push(text('expiry', t('field_expires'), expiry(item.expMonth, item.expYear)));
      fields.push(secret('securityCode', t('form_card_security_code'), item.securityCode));
      fields.push(secret('pin', 'PIN', item.pin));
      fields.push(multiline('notes', t('common_notes'), item.notes));
      break;
    case 'identity': {
      const name = [item.title, item.firstName, item.middleName, item.lastName]
        .map((p) => p.trim())
        .filter(Boolean)
        .join(' ');
      fields.push(text('fullName', t('common_name'), name));
      fields.push(text('email', t('common_email'), item.email));
      fields.push(text('phone', t('form_identity_phone'), item.phone));
      fields.push(text('company', t('form_identity_company'), item.company));
      const address = [...item.addressLines, [item.postalCode, item.city].filter(Boolean).join(' '), item.region, item.country].filter((l) =>
        l.trim(),
      );
      fields.push(multiline('address', t('field_address'), address.join('\n')));
      fields.push(text('birthDate', t('form_identity_birth_date'), item.birthDate ?? ''));
      fields.push(multiline('notes', t('common_notes'), item.notes));
      break;
    }
    case 'api-key':
      fields.push(secret('key', t('form_api_key_key'), item.key));
      fields.push(secret('secret', t('form_api_key_secret'), item.secret));
      fields.push({ key: 'serviceUrl', label: t('field_service'), value: item.serviceUrl, kind: 'url', sensitive: false });
      fields.push(text('expiresOn', t('form_api_key_expires_on'), item.expiresOn ?? ''));
      fields.push(text('rotationDueOn', t('form_api_key_rotate_by'), item.rotationDueOn ?? ''));
      fields.push(multiline('notes', t('common_notes'), item.notes));
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
      return pick(item.password, t('common_password'));
    case 'api-key':
      return pick(item.secret, t('form_api_key_secret')) ?? pick(item.key, t('form_api_key_key'));
    case 'card':
      return pick(item.number, t('form_card_card_number'));
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
      return pick(item.username, t('common_username'));
    case 'identity':
      return pick(item.email, t('common_email'));
    case 'card':
      return pick(item.cardholder, t('form_card_cardholder'));
    default:
      return null;
  }
}
