// The full-page vault's filters as a sidebar: all items, favorites, each type, folders, tags, trash.
import type { JSX } from 'preact';
import type { ListFilter } from '../../../vault/overview-index';
import { encodeFilter, filterGroups, filterLabel } from '../../lib/filters';

export function Sidebar(props: {
  value: ListFilter;
  tagsAndFolders: { tags: string[]; folders: string[] };
  onChange: (filter: ListFilter) => void;
}): JSX.Element {
  const current = encodeFilter(props.value);
  return (
    <nav class="sidebar" aria-label="Filters">
      {filterGroups(props.tagsAndFolders).map((group, i) => (
        <div class="sidebar-group" key={group.label ?? `group-${i}`}>
          {group.label && <h2 class="section-title">{group.label}</h2>}
          {group.filters.map((filter) => (
            <button
              type="button"
              key={encodeFilter(filter)}
              class="sidebar-item"
              aria-current={encodeFilter(filter) === current ? 'true' : undefined}
              onClick={() => props.onChange(filter)}
            >
              {filterLabel(filter)}
            </button>
          ))}
        </div>
      ))}
    </nav>
  );
}
