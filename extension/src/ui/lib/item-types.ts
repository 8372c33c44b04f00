// What the UI calls each item type, in one place (lists, menus, forms and filters agree).
import type { ItemType } from '@keyhold/shared/items/item';
import { t } from '../../i18n/messages';

export const TYPE_LABELS: Record<ItemType, { one: string; many: string; short: string }> = {
  login: { one: t('type_login'), many: t('type_logins'), short: 'L' },
  note: { one: t('type_note'), many: t('type_notes'), short: 'N' },
  card: { one: t('type_card'), many: t('type_cards'), short: 'C' },
  identity: { one: t('type_identity'), many: t('type_identities'), short: 'I' },
  'api-key': { one: t('type_api_key'), many: t('type_api_keys'), short: 'K' },
};

export const TYPE_ORDER: readonly ItemType[] = ['login', 'note', 'card', 'identity', 'api-key'];

export function typeLabel(type: string): string {
  return (TYPE_LABELS as Record<string, { one: string }>)[type]?.one ?? t('type_item');
}
