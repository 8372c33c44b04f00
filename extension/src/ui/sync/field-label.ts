// How the resolve view names a conflicted field and shows its values: field paths
// (@keyhold/shared/sync/merge-paths) become words, secrets are masked until revealed.
import { parseFieldPath } from '@keyhold/shared/sync/merge-paths';

const LABELS: Readonly<Record<string, string>> = {
  type: 'The whole item (changed to different kinds on each side)',
  name: 'Name',
  username: 'Username',
  extraUsernames: 'Other usernames',
  password: 'Password',
  totp: 'One-time code secret',
  notes: 'Notes',
  text: 'Note',
  urls: 'Website',
  tags: 'Tags',
  folder: 'Folder',
  favorite: 'Favorite',
  customFields: 'Custom field',
  cardholder: 'Cardholder',
  number: 'Card number',
  securityCode: 'Security code',
  expMonth: 'Expiry month',
  expYear: 'Expiry year',
  key: 'Key',
  secret: 'Secret',
};

/** Fields whose values are masked until the user reveals them. */
const SECRET_FIELDS = new Set(['password', 'totp', 'number', 'securityCode', 'key', 'secret', 'customFields']);

export function fieldLabel(path: string): string {
  const [field = path, element, member] = parseFieldPath(path);
  const label = LABELS[field] ?? field;
  if (field === 'urls' && element !== undefined) return `${label} ${element}${member === 'match' ? ' (matching)' : ''}`;
  return label;
}

export function isSecretField(path: string): boolean {
  return SECRET_FIELDS.has(parseFieldPath(path)[0] ?? '');
}

export function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || '(empty)';
  return JSON.stringify(value);
}
