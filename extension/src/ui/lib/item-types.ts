// What the UI calls each item type, in one place (lists, menus, forms and filters agree).
import type { ItemType } from '@keyhold/shared/items/item';

export const TYPE_LABELS: Record<ItemType, { one: string; many: string; short: string }> = {
  login: { one: 'Login', many: 'Logins', short: 'L' },
  note: { one: 'Secure note', many: 'Secure notes', short: 'N' },
  card: { one: 'Card', many: 'Cards', short: 'C' },
  identity: { one: 'Identity', many: 'Identities', short: 'I' },
  'api-key': { one: 'API key', many: 'API keys', short: 'K' },
};

export const TYPE_ORDER: readonly ItemType[] = ['login', 'note', 'card', 'identity', 'api-key'];

export function typeLabel(type: string): string {
  return (TYPE_LABELS as Record<string, { one: string }>)[type]?.one ?? 'Item';
}
