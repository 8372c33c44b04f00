// How the resolve view names a conflicted field and shows its values: field paths
// (@keyhold/shared/sync/merge-paths) become words, secrets are masked until revealed.
import { parseFieldPath } from '@keyhold/shared/sync/merge-paths';
import { t } from '../../i18n/messages';

const LABELS: Readonly<Record<string, string>> = {
  type: t('sync_field_type'),
  name: t('sync_field_name'),
  username: t('sync_field_username'),
  extraUsernames: t('sync_field_extra_usernames'),
  password: t('sync_field_password'),
  totp: t('sync_field_totp'),
  notes: t('sync_field_notes'),
  text: t('sync_field_text'),
  urls: t('sync_field_urls'),
  tags: t('sync_field_tags'),
  folder: t('sync_field_folder'),
  favorite: t('sync_field_favorite'),
  customFields: t('sync_field_custom_fields'),
  cardholder: t('sync_field_cardholder'),
  number: t('sync_field_number'),
  securityCode: t('sync_field_security_code'),
  expMonth: t('sync_field_exp_month'),
  expYear: t('sync_field_exp_year'),
  key: t('sync_field_key'),
  secret: t('sync_field_secret'),
};

/** Fields whose values are masked until the user reveals them. */
const SECRET_FIELDS = new Set(['password', 'totp', 'number', 'securityCode', 'key', 'secret', 'customFields']);

export function fieldLabel(path: string): string {
  const [field = path, element, member] = parseFieldPath(path);
  const label = LABELS[field] ?? field;
  if (field === 'urls' && element !== undefined)
    return member === 'match' ? t('sync_field_url_matching', label, element) : t('sync_field_url_n', label, element);
  return label;
}

export function isSecretField(path: string): boolean {
  return SECRET_FIELDS.has(parseFieldPath(path)[0] ?? '');
}

export function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return t('sync_field_empty');
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? t('common_yes') : t('common_no');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || t('sync_field_empty');
  return JSON.stringify(value);
}
