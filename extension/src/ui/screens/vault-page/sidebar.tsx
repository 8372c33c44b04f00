// The full-page vault's filters as a sidebar: all items, favorites, each type, folders, tags, trash;
// and at the end, Import and Export, which open in the pane.
import type { JSX } from 'preact';
import { useApp } from '../../app/context';
import type { ListFilter } from '../../../vault/overview-index';
import { encodeFilter, filterGroups, filterLabel } from '../../lib/filters';
import { t } from '../../../i18n/messages';

export function Sidebar(props: {
  value: ListFilter;
  tagsAndFolders: { tags: string[]; folders: string[] };
  onChange: (filter: ListFilter) => void;
}): JSX.Element {
  const app = useApp();
  const current = encodeFilter(props.value);
  const openPane = (name: 'import' | 'export' | 'health') => {
    app.reset({ name: 'list' });
    app.go({ name });
  };
  return (
    <nav class="sidebar" aria-label={t('vault_sidebar_filters')}>
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
      <div class="sidebar-group">
        <h2 class="section-title">{t('vault_sidebar_your_data')}</h2>
        <button
          type="button"
          class="sidebar-item"
          aria-current={app.screen.name === 'import' ? 'true' : undefined}
          onClick={() => openPane('import')}
        >
          {t('vault_sidebar_import')}
        </button>
        <button
          type="button"
          class="sidebar-item"
          aria-current={app.screen.name === 'export' ? 'true' : undefined}
          onClick={() => openPane('export')}
        >
          {t('vault_sidebar_export')}
        </button>
        <button
          type="button"
          class="sidebar-item"
          aria-current={app.screen.name === 'health' ? 'true' : undefined}
          onClick={() => openPane('health')}
        >
          {t('vault_sidebar_vault_health')}
        </button>
      </div>
    </nav>
  );
}
