// Tidying an edited item before it is saved: blank rows the form added (a website left empty, an
// extra username never filled) are dropped, names trimmed; and the prefill of a new login from the
// page the popup was opened on. Pure, so what gets saved is a tested rule.
import type { Item } from '@keyhold/shared/items/item';
import { hostOf } from '../../vault/list-row';

export function tidyDraft(item: Item): Item {
  const name = typeof item.name === 'string' ? item.name.trim() : item.name;
  if (item.type === 'login' && !('opaque' in item && item.opaque === true)) {
    const login = item as Extract<Item, { type: 'login'; username: string }>;
    return {
      ...login,
      name,
      urls: login.urls.map((u) => ({ ...u, url: u.url.trim() })).filter((u) => u.url !== ''),
      extraUsernames: login.extraUsernames.map((u) => u.trim()).filter(Boolean),
      customFields: login.customFields.filter((f) => f.name.trim() !== '' || f.value !== ''),
    } as Item;
  }
  if (item.type === 'identity') {
    const identity = item as Extract<Item, { type: 'identity'; addressLines: string[] }>;
    return { ...identity, name, addressLines: identity.addressLines.map((l) => l.trim()).filter(Boolean) } as Item;
  }
  return { ...item, name } as Item;
}

/** The reason a draft cannot be saved yet, or null. */
export function draftProblem(item: Item): string | null {
  if (typeof item.name !== 'string' || !item.name.trim()) return 'Give the item a name.';
  return null;
}

/** Name and website for a new login created while the popup is open on `pageUrl` (http(s) only). */
export function loginPrefill(pageUrl: string | null): { name: string; urls: { url: string; match: 'default' }[] } | null {
  if (!pageUrl || !/^https?:\/\//iu.test(pageUrl)) return null;
  const host = hostOf(pageUrl);
  if (!host) return null;
  const bare = host.replace(/^www\./u, '');
  const label = bare.split('.').length > 1 ? bare.split('.').slice(-2, -1)[0]! : bare;
  return { name: label.charAt(0).toUpperCase() + label.slice(1), urls: [{ url: new URL(pageUrl).origin, match: 'default' }] };
}
