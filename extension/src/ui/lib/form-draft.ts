// Tidying an edited item before it is saved: blank rows the form added (a website left empty, an
// extra username never filled) are dropped, names trimmed; and the prefill of a new login from the
// page the popup was opened on. Pure, so what gets saved is a tested rule.
import { isOpaque, type Item } from '@keyhold/shared/items/item';
import { hostOf } from '../../vault/list-row';
import { t } from '../../i18n/messages';

export function tidyDraft(item: Item): Item {
  // An item of a newer version (opaque) keeps its members as they are: only its name is trimmed.
  if (isOpaque(item)) return typeof item.name === 'string' ? { ...item, name: item.name.trim() } : { ...item };
  const name = item.name.trim();
  if (item.type === 'login') {
    return {
      ...item,
      name,
      urls: item.urls.map((u) => ({ ...u, url: u.url.trim() })).filter((u) => u.url !== ''),
      extraUsernames: item.extraUsernames.map((u) => u.trim()).filter(Boolean),
      customFields: item.customFields.filter((f) => f.name.trim() !== '' || f.value !== ''),
    };
  }
  if (item.type === 'identity') return { ...item, name, addressLines: item.addressLines.map((l) => l.trim()).filter(Boolean) };
  return { ...item, name };
}

/** The reason a draft cannot be saved yet, or null. */
export function draftProblem(item: Item): string | null {
  if (typeof item.name !== 'string' || !item.name.trim()) return t('form_name_needed');
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
