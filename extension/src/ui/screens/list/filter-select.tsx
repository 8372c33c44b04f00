// The popup's filter menu (all, favorites, types, folders, tags, trash) as one native <select>.
import type { JSX } from 'preact';
import type { ListFilter } from '../../../vault/overview-index';
import { decodeFilter, encodeFilter, filterGroups, filterLabel } from '../../lib/filters';
import { t } from '../../../i18n/messages';

export function FilterSelect(props: {
  value: ListFilter;
  tagsAndFolders: { tags: string[]; folders: string[] };
  onChange: (filter: ListFilter) => void;
}): JSX.Element {
  const groups = filterGroups(props.tagsAndFolders);
  const option = (filter: ListFilter) => (
    <option key={encodeFilter(filter)} value={encodeFilter(filter)}>
      {filterLabel(filter)}
    </option>
  );
  return (
    <select
      class="filter-select"
      aria-label={t('common_show')}
      value={encodeFilter(props.value)}
      onChange={(event) => props.onChange(decodeFilter((event.currentTarget as HTMLSelectElement).value))}
    >
      {groups.flatMap((group) =>
        group.label
          ? [
              <optgroup key={group.label} label={group.label}>
                {group.filters.map(option)}
              </optgroup>,
            ]
          : group.filters.map(option),
      )}
      {/* A folder or tag filter that no longer exists still shows as selected. */}
      {!groups.some((g) => g.filters.some((f) => encodeFilter(f) === encodeFilter(props.value))) && option(props.value)}
    </select>
  );
}
