// The full-page vault (vault.html, opened in a tab): the same list, item view, forms, generator and
// settings as the popup, laid out for bulk work — filters in a sidebar, a list with checkboxes
// (shift-click selects a range), a bar of bulk actions, and the open item in a side pane.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { ListRow } from '../../../vault/list-row';
import type { FirstPaint } from '../../app/app';
import { useApp } from '../../app/context';
import { IconButton } from '../../components/icon-button';
import { MenuButton } from '../../components/menu-button';
import { TYPE_LABELS, TYPE_ORDER } from '../../lib/item-types';
import { clickRow, EMPTY_SELECTION, selectAll, type Selection } from '../../lib/selection';
import { filterLabel } from '../../lib/filters';
import type { Screen } from '../../lib/screens';
import { useItemList } from '../list/use-item-list';
import { useListNavigation } from '../list/use-list-navigation';
import { activeRowId, LIST_ID, ListBody } from '../list/list-body';
import { SearchField } from '../list/search-field';
import { useTagsAndFolders } from '../list/use-tags-and-folders';
import { Sidebar } from './sidebar';
import { BulkBar } from './bulk-bar';
import { PaneScope } from '../../components/screen-root';
import { t, tp } from '../../../i18n/messages';

const ROW_HEIGHT = 52;

export function VaultPage(props: { first: FirstPaint | null; pane: ComponentChildren | null }): JSX.Element {
  const app = useApp();
  const list = useItemList({ initialPage: props.first?.page ?? null, dataVersion: app.dataVersion, onError: app.fail });
  const tagsAndFolders = useTagsAndFolders(app.dataVersion);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const searchRef = useRef<HTMLInputElement>(null);
  const total = list.cache?.total ?? 0;
  // The pane holds one screen over the list: opening something replaces whatever the pane showed.
  const openPane = (screen: Screen) => {
    app.reset({ name: 'list' });
    app.go(screen);
  };
  const open = (row: ListRow) => openPane({ name: 'item', id: row.id });

  const nav = useListNavigation({
    count: total,
    resetKey: JSON.stringify([list.filter, list.query]),
    rowAt: list.row,
    open,
    onEscape: () => (selection.ids.size ? setSelection(EMPTY_SELECTION) : undefined),
    pageRows: 12,
  });

  useEffect(() => searchRef.current?.focus(), []);
  useEffect(() => setSelection(EMPTY_SELECTION), [list.filter, list.query]);

  // The pane shows an item of the list beside it: when the list changes to another filter (say, to
  // the trash), or a bulk action takes the shown item out of this list, the item view closes instead
  // of staying as a stale pane. Forms stay open: they may hold unsaved edits.
  const appRef = useRef(app);
  appRef.current = app;
  const closeItemPane = (onlyIf?: ReadonlySet<string>) => {
    const { screen } = appRef.current;
    if (screen.name === 'item' && (!onlyIf || onlyIf.has(screen.id))) appRef.current.reset({ name: 'list' });
  };
  const filterKey = JSON.stringify(list.filter);
  const shownFilter = useRef(filterKey);
  useEffect(() => {
    if (shownFilter.current === filterKey) return;
    shownFilter.current = filterKey;
    closeItemPane();
  }, [filterKey]);

  async function toggle(index: number, row: ListRow, range: boolean): Promise<void> {
    const ids = range && selection.anchor !== null ? await list.idsBetween(Math.min(selection.anchor, index), Math.max(selection.anchor, index)) : [];
    setSelection((s) => clickRow(s, { index, id: row.id, range }, () => ids));
  }

  async function toggleAll(checked: boolean): Promise<void> {
    if (!checked) return setSelection(EMPTY_SELECTION);
    try {
      const page = await send('items.list', { filter: list.filter, query: list.query, offset: 0, limit: total });
      setSelection(selectAll(page.rows.map((r) => r.id)));
    } catch (error) {
      app.fail(error);
    }
  }

  const newEntries = TYPE_ORDER.map((type) => ({ label: TYPE_LABELS[type].one, onSelect: () => openPane({ name: 'new', type }) }));
  const allSelected = total > 0 && selection.ids.size === total;

  return (
    <div class="vault-page">
      <a class="skip-link" href="#vault-list">
        {t('vault_page_skip_to_the_list')}
      </a>
      <header class="page-header">
        <h1 class="brand">Keyhold</h1>
        <SearchField
          inputRef={searchRef}
          onInput={list.setQuery}
          onKeyDown={nav.onKeyDown}
          activeDescendant={activeRowId(nav.active, 0)}
          controls={LIST_ID}
        />
        <div class="top-bar-actions">
          <MenuButton label={t('list_new_item')} icon="plus" text={t('vault_page_new')} entries={newEntries} />
          <IconButton icon="dice" label={t('list_password_generator')} onClick={() => openPane({ name: 'generator' })} />
          <IconButton icon="settings" label={t('list_settings')} onClick={() => openPane({ name: 'settings' })} />
          <IconButton icon="lock" label={t('list_lock')} onClick={() => void app.lock()} />
        </div>
      </header>
      <Sidebar value={list.filter} tagsAndFolders={tagsAndFolders} onChange={list.setFilter} />
      <main class="page-list" id="vault-list" tabIndex={-1} aria-label={filterLabel(list.filter)}>
        <div class="list-head">
          <label class="inline-check">
            <input
              type="checkbox"
              aria-label={t('vault_page_select_all')}
              checked={allSelected}
              disabled={total === 0}
              onChange={(e) => void toggleAll((e.currentTarget as HTMLInputElement).checked)}
            />
            <span>
              {filterLabel(list.filter)} · {tp('common_items', total)}
            </span>
          </label>
        </div>
        {selection.ids.size > 0 && (
          <BulkBar
            ids={[...selection.ids]}
            inTrash={list.filter.kind === 'trash'}
            tagsAndFolders={tagsAndFolders}
            onDone={(removed) => {
              if (removed) closeItemPane(selection.ids);
              setSelection(EMPTY_SELECTION);
            }}
            onClear={() => setSelection(EMPTY_SELECTION)}
          />
        )}
        <ListBody
          list={list}
          suggestions={[]}
          suggestionsFor={null}
          active={nav.active}
          rowHeight={ROW_HEIGHT}
          onOpen={(row, index) => {
            nav.setActive(index);
            open(row);
          }}
          onKeyDown={nav.onKeyDown}
          checkbox={(row) => ({ checked: selection.ids.has(row.id), onToggle: (index, r, range) => void toggle(index, r, range) })}
          emptyAction={
            <button type="button" class="button primary" onClick={() => openPane({ name: 'new', type: 'login' })}>
              {t('list_add_a_login')}
            </button>
          }
        />
      </main>
      <aside class="page-pane" aria-label={t('vault_page_details')}>
        <PaneScope>{props.pane ?? <p class="pane-empty">{t('vault_page_select_an_item_to_see')}</p>}</PaneScope>
      </aside>
    </div>
  );
}
