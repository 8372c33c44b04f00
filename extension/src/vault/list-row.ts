// What the popup's list shows of one item, projected from its decrypted overview. Rows cross the
// message boundary, so they are small plain objects and carry nothing secret.
import type { Overview } from '@keyhold/shared/items/item';
import { t } from '../i18n/messages';

export type ListRow = {
  id: string;
  type: string;
  name: string;
  subtitle: string;
  /** Host of the first URL, for the icon and "open site". */
  domain: string;
  favorite: boolean;
  tags: string[];
  folder: string | null;
  trashed: boolean;
  hasTotp: boolean;
  updatedAt: number;
  /** The record exists but its overview could not be decrypted or parsed. */
  unreadable: boolean;
  /** A current-site suggestion saved for a related site: "from gap.com" (autofill/service/suggestions.ts). */
  from?: string;
};

export function hostOf(url: string): string {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`).hostname;
  } catch {
    return '';
  }
}

// An opaque (newer-version) login's `urls` went through no schema: read each entry's url defensively.
function savedUrlOf(saved: unknown): string {
  const url = (saved as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : '';
}

export function domainsOf(overview: Overview): string[] {
  if (overview.type === 'login' && Array.isArray(overview.urls))
    return (overview.urls as unknown[]).map((u) => hostOf(savedUrlOf(u))).filter(Boolean);
  if (overview.type === 'api-key' && typeof overview.serviceUrl === 'string' && overview.serviceUrl)
    return [hostOf(overview.serviceUrl)].filter(Boolean);
  return [];
}

export function subtitleOf(overview: Overview): string {
  switch (overview.type) {
    case 'login':
      return typeof overview.username === 'string' ? overview.username : '';
    case 'card':
      return [overview.brand, typeof overview.last4 === 'string' && overview.last4 ? `•••• ${overview.last4}` : ''].filter(Boolean).join(' ');
    case 'identity':
      return [overview.fullName, overview.email].filter(Boolean).join(' · ');
    case 'api-key':
      return typeof overview.serviceUrl === 'string' ? hostOf(overview.serviceUrl) || overview.serviceUrl : '';
    default:
      return '';
  }
}

export function toListRow(overview: Overview): ListRow {
  return {
    id: overview.id,
    type: overview.type,
    name: typeof overview.name === 'string' && overview.name ? overview.name : '(no name)',
    subtitle: subtitleOf(overview),
    domain: domainsOf(overview)[0] ?? '',
    favorite: overview.favorite === true,
    tags: Array.isArray(overview.tags) ? (overview.tags as unknown[]).filter((t): t is string => typeof t === 'string') : [],
    folder: typeof overview.folder === 'string' ? overview.folder : null,
    trashed: typeof overview.trashedAt === 'number',
    hasTotp: overview.type === 'login' && overview.hasTotp === true,
    updatedAt: typeof overview.updatedAt === 'number' ? overview.updatedAt : 0,
    unreadable: false,
  };
}

export function unreadableRow(id: string): ListRow {
  return {
    id,
    type: 'unknown',
    name: t('common_item_unreadable'),
    subtitle: t('list_row_unreadable_subtitle'),
    domain: '',
    favorite: false,
    tags: [],
    folder: null,
    trashed: false,
    hasTotp: false,
    updatedAt: 0,
    unreadable: true,
  };
}
