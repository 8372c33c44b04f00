// The popup's main screen: search on top (focused, typing searches), this site's suggestions, the
// whole vault in a virtualized list, and the actions (new item, generator, settings, full vault, lock).
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { browser } from 'wxt/browser';
import type { ListRow } from '../../../vault/list-row';
import type { FirstPaint } from '../../app/app';
import { SyncLine } from '../../sync/sync-line';
import { ConflictBadge } from '../../sync/conflict-badge';
import { HealthBadge } from '../health/health-badge';
import { popupTab } from '../../app/open-request';
import { useApp } from '../../app/context';
import { IconButton } from '../../components/icon-button';
import { MenuButton } from '../../components/menu-button';
import { hostOf } from '../../../vault/list-row';
import { TYPE_LABELS, TYPE_ORDER } from '../../lib/item-types';
import { useItemList } from './use-item-list';
import { useListNavigation } from './use-list-navigation';
import { activeRowId, LIST_ID, ListBody } from './list-body';
import { SearchField } from './search-field';
import { FilterSelect } from './filter-select';
import { useTagsAndFolders } from './use-tags-and-folders';
import { SiteAccessBanner } from '../../permissions/site-access-banner';
import { ShortcutNotice } from '../../shortcut/shortcut-notice';
import { ScreenRoot } from '../../components/screen-root';
import { t } from '../../../i18n/messages';

const ROW_HEIGHT = 52;

export function ListScreen(props: { first: FirstPaint | null; active: boolean }): JSX.Element {
  const app = useApp();
  const list = useItemList({ initialPage: props.first?.page ?? null, dataVersion: app.dataVersion, onError: app.fail });
  const tagsAndFolders = useTagsAndFolders(app.dataVersion);
  const searchRef = useRef<HTMLInputElement>(null);
  const showSuggestions = !list.query && list.filter.kind === 'all';
  const freshSuggestions = useSuggestions(props.first?.suggestions ?? [], app.dataVersion);
  const suggestions = showSuggestions ? freshSuggestions : [];
  const total = list.cache?.total ?? 0;
  const open = (row: ListRow) => app.go({ name: 'item', id: row.id });

  const nav = useListNavigation({
    count: suggestions.length + total,
    resetKey: JSON.stringify([list.filter, list.query, list.paintedSeq]),
    rowAt: (i) => (i < suggestions.length ? suggestions[i] : list.row(i - suggestions.length)),
    open,
    fill: (row, index) => {
      if (index >= suggestions.length || row.type !== 'login' || row.unreadable) return false;
      void fill(row);
      return true;
    },
    onEscape: () => void closePopup(),
    pageRows: 8,
  });

  useEffect(() => {
    if (props.active) searchRef.current?.focus();
  }, [props.active]);

  const newEntries = TYPE_ORDER.map((type) => ({ label: TYPE_LABELS[type].one, onSelect: () => app.go({ name: 'new', type }) }));

  /** Fills a suggested login into the page; the popup closes when it worked, as the user expects. */
  async function fill(row: ListRow): Promise<void> {
    try {
      const { filled } = await send('autofill.fillFromPopup', { itemId: row.id, ...popupTab() });
      if (!filled) app.toast(t('list_toast_no_form'), 'error');
      else if (app.layout === 'popup' && !new URLSearchParams(location.search).has('tabId')) window.close();
      else app.toast(t('list_toast_filled', row.name));
    } catch (error) {
      app.fail(error);
    }
  }

  return (
    <ScreenRoot class="screen list-screen">
      <header class="top-bar">
        <h1 class="brand">Keyhold</h1>
        <div class="top-bar-actions">
          <MenuButton label={t('list_new_item')} icon="plus" entries={newEntries} />
          <IconButton icon="dice" label={t('list_password_generator')} onClick={() => app.go({ name: 'generator' })} />
          <ConflictBadge onOpen={() => app.go({ name: 'conflicts' })} refreshKey={app.dataVersion} />
          <HealthBadge onOpen={() => app.go({ name: 'health' })} refreshKey={app.dataVersion} />
          <IconButton icon="settings" label={t('list_settings')} onClick={() => app.go({ name: 'settings' })} />
          <IconButton icon="external" label={t('list_open_the_full_vault_in')} onClick={() => void openVaultTab()} />
          <IconButton icon="lock" label={t('list_lock')} onClick={() => void app.lock()} />
        </div>
      </header>
      <SiteAccessBanner />
      {app.layout === 'popup' && <ShortcutNotice />}
      <SyncLine refreshKey={app.dataVersion} onSynced={app.changed} />
      <div class="list-controls">
        <SearchField
          inputRef={searchRef}
          onInput={list.setQuery}
          onKeyDown={nav.onKeyDown}
          activeDescendant={activeRowId(nav.active, suggestions.length)}
          controls={LIST_ID}
        />
        <FilterSelect value={list.filter} tagsAndFolders={tagsAndFolders} onChange={list.setFilter} />
      </div>
      <ListBody
        list={list}
        suggestions={suggestions}
        suggestionsFor={props.first?.pageUrl ? hostOf(props.first.pageUrl) : null}
        active={nav.active}
        rowHeight={ROW_HEIGHT}
        onOpen={(row, index) => {
          nav.setActive(index);
          open(row);
        }}
        onFill={(row) => void fill(row)}
        onKeyDown={nav.onKeyDown}
        emptyAction={
          <button type="button" class="button primary" onClick={() => app.go({ name: 'new', type: 'login' })}>
            {t('list_add_a_login')}
          </button>
        }
      />
      <footer class="key-hints" aria-hidden="true">
        <kbd>↑↓</kbd> <kbd>{t('list_enter')}</kbd> {t('list_hint_open')}
        {suggestions.length > 0 && (
          <>
            {' '}
            · <kbd>{t('list_shift_enter')}</kbd> {t('list_hint_fill')}
          </>
        )}{' '}
        · <kbd>{t('list_ctrl_c')}</kbd> {t('list_hint_password')} · <kbd>{t('list_ctrl_b')}</kbd> {t('list_hint_username')}
      </footer>
    </ScreenRoot>
  );
}

/** This site's suggestions: from popup.open at first, asked for again after a write changed items. */
function useSuggestions(initial: ListRow[], dataVersion: number): ListRow[] {
  const [suggestions, setSuggestions] = useState(initial);
  const firstVersion = useRef(dataVersion);
  useEffect(() => {
    if (dataVersion === firstVersion.current) return undefined;
    let live = true;
    send('popup.open', { limit: 1, ...popupTab() }).then(
      (reply) => live && setSuggestions(reply.suggestions),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataVersion]);
  return suggestions;
}

/** Closes the toolbar popup; popup.html opened in a tab (tests, "pop out") stays open. */
async function closePopup(): Promise<void> {
  if (!(await browser.tabs.getCurrent())) window.close();
}

async function openVaultTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/vault.html') });
  await closePopup();
}
