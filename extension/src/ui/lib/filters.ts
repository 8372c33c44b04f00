// The list filters as the filter menu and the sidebar name them, and their encoding as a single
// <select> value ("type:login", "folder:Work", "tag:2fa"), kept reversible for any folder or tag name.
import type { ListFilter } from '../../vault/overview-index';
import { TYPE_LABELS, TYPE_ORDER } from './item-types';
import { labelInSentence, t } from '../../i18n/messages';

export function encodeFilter(filter: ListFilter): string {
  switch (filter.kind) {
    case 'all':
    case 'favorites':
    case 'trash':
      return filter.kind;
    case 'type':
      return `type:${filter.type}`;
    case 'tag':
      return `tag:${filter.tag}`;
    case 'folder':
      return `folder:${filter.folder}`;
  }
}

export function decodeFilter(value: string): ListFilter {
  if (value === 'favorites' || value === 'trash') return { kind: value };
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  const rest = colon < 0 ? '' : value.slice(colon + 1);
  if (kind === 'type' && rest) return { kind: 'type', type: rest };
  if (kind === 'tag' && rest) return { kind: 'tag', tag: rest };
  if (kind === 'folder' && rest) return { kind: 'folder', folder: rest };
  return { kind: 'all' };
}

export function filterLabel(filter: ListFilter): string {
  switch (filter.kind) {
    case 'all':
      return t('filter_all_items');
    case 'favorites':
      return t('filter_favorites');
    case 'trash':
      return t('filter_trash');
    case 'type':
      return (TYPE_LABELS as Record<string, { many: string }>)[filter.type]?.many ?? filter.type;
    case 'tag':
      return `#${filter.tag}`;
    case 'folder':
      return filter.folder;
  }
}

export type FilterGroup = { label: string | null; filters: ListFilter[] };

/** The filters offered, grouped: the fixed ones, item types, folders, tags, then the trash. */
export function filterGroups(tagsAndFolders: { tags: readonly string[]; folders: readonly string[] }): FilterGroup[] {
  return [
    { label: null, filters: [{ kind: 'all' }, { kind: 'favorites' }] },
    { label: t('filter_types'), filters: TYPE_ORDER.map((type) => ({ kind: 'type', type })) },
    { label: t('filter_folders'), filters: tagsAndFolders.folders.map((folder) => ({ kind: 'folder', folder })) },
    { label: t('common_tags'), filters: tagsAndFolders.tags.map((tag) => ({ kind: 'tag', tag })) },
    { label: null, filters: [{ kind: 'trash' }] },
  ].filter((group) => group.filters.length > 0) as FilterGroup[];
}

/** The empty-state sentence for a filter and query with no results. */
export function emptyText(filter: ListFilter, query: string): string {
  if (query.trim()) return t('list_empty_query', query.trim());
  switch (filter.kind) {
    case 'all':
      return t('list_empty_all');
    case 'favorites':
      return t('list_empty_favorites');
    case 'trash':
      return t('list_empty_trash');
    default:
      return t('list_empty_filter', labelInSentence(filterLabel(filter)));
  }
}
