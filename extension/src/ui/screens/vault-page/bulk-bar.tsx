// Bulk work in the full-page vault on the selected items: favorite, move to a folder, add or remove a
// tag, move to the trash — or, in the trash, restore and delete forever (confirmed first).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { BulkPatch } from '../../../vault/item-service';
import { useApp } from '../../app/context';
import { t, tp } from '../../../i18n/messages';

type Mode = null | 'folder' | 'add-tag' | 'remove-tag' | 'confirm-delete';

export function BulkBar(props: {
  ids: string[];
  inTrash: boolean;
  tagsAndFolders: { tags: string[]; folders: string[] };
  /** removed: the items left this list (trashed, restored or deleted), not just changed. */
  onDone: (removed: boolean) => void;
  onClear: () => void;
}): JSX.Element {
  const app = useApp();
  const [mode, setMode] = useState<Mode>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const { ids } = props;
  const n = ids.length;

  async function run(work: () => Promise<void>, done: string, removed = true): Promise<void> {
    setBusy(true);
    try {
      await work();
      app.changed();
      app.toast(done);
      setMode(null);
      setText('');
      props.onDone(removed);
    } catch (error) {
      app.fail(error);
    } finally {
      setBusy(false);
    }
  }
  const update = (patch: BulkPatch, done: string) => run(() => send('items.update', { ids, patch }), done, false);
  const open = (next: Mode) => {
    setMode(next);
    setText('');
  };

  return (
    <div class="bulk-bar" role="toolbar" aria-label={t('vault_bulk_bar_selected_items')} data-testid="bulk-bar">
      <span class="bulk-count">{tp('vault_bulk_selected', n)}</span>
      {props.inTrash ? (
        <>
          <button
            type="button"
            class="button"
            disabled={busy}
            onClick={() => void run(() => send('items.restore', { ids }), tp('vault_bulk_restored', n))}
          >
            {t('common_restore')}
          </button>
          {mode === 'confirm-delete' ? (
            <>
              <button
                type="button"
                class="button danger"
                disabled={busy}
                onClick={() => void run(() => send('items.deleteForever', { ids }), tp('vault_bulk_deleted_forever', n))}
              >
                {tp('vault_bulk_yes_delete_forever', n)}
              </button>
              <button type="button" class="button" onClick={() => setMode(null)}>
                {t('common_cancel')}
              </button>
            </>
          ) : (
            <button type="button" class="button danger-quiet" disabled={busy} onClick={() => setMode('confirm-delete')}>
              {t('item_actions_delete_forever')}
            </button>
          )}
        </>
      ) : (
        <>
          <button
            type="button"
            class="button"
            disabled={busy}
            onClick={() => void update({ favorite: true }, tp('vault_bulk_added_to_favorites', n))}
          >
            {t('form_item_form_favorite')}
          </button>
          <button
            type="button"
            class="button"
            disabled={busy}
            onClick={() => void update({ favorite: false }, tp('vault_bulk_removed_from_favorites', n))}
          >
            {t('vault_bulk_bar_unfavorite')}
          </button>
          <button type="button" class="button" aria-expanded={mode === 'folder'} onClick={() => open(mode === 'folder' ? null : 'folder')}>
            {t('vault_bulk_bar_move_to_folder')}
          </button>
          <button type="button" class="button" aria-expanded={mode === 'add-tag'} onClick={() => open(mode === 'add-tag' ? null : 'add-tag')}>
            {t('vault_bulk_bar_add_tag')}
          </button>
          <button
            type="button"
            class="button"
            aria-expanded={mode === 'remove-tag'}
            onClick={() => open(mode === 'remove-tag' ? null : 'remove-tag')}
          >
            {t('vault_bulk_bar_remove_tag')}
          </button>
          <button
            type="button"
            class="button danger-quiet"
            disabled={busy}
            onClick={() => void run(() => send('items.trash', { ids }), tp('vault_bulk_moved_to_trash', n))}
          >
            {t('item_actions_move_to_trash')}
          </button>
        </>
      )}
      <button type="button" class="link-button" onClick={props.onClear}>
        {t('vault_bulk_bar_clear_selection')}
      </button>
      {mode === 'folder' && (
        <form
          class="bulk-form"
          onSubmit={(e) => (
            e.preventDefault(),
            void update(
              { folder: text.trim() || null },
              text.trim() ? tp('vault_bulk_moved_to_folder', n, text.trim()) : tp('vault_bulk_out_of_folders', n),
            )
          )}
        >
          <input
            aria-label={t('vault_bulk_bar_folder_name')}
            list="bulk-folders"
            placeholder={t('vault_bulk_bar_folder_empty_for_none')}
            value={text}
            autoFocus
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          />
          <datalist id="bulk-folders">
            {props.tagsAndFolders.folders.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <button type="submit" class="button primary" disabled={busy}>
            {t('vault_bulk_bar_move')}
          </button>
        </form>
      )}
      {mode === 'add-tag' && (
        <form
          class="bulk-form"
          onSubmit={(e) => (e.preventDefault(), text.trim() && void update({ addTags: [text.trim()] }, tp('vault_bulk_tag_added', n, text.trim())))}
        >
          <input
            aria-label={t('vault_bulk_bar_tag_to_add')}
            list="bulk-tags"
            placeholder={t('vault_bulk_bar_tag')}
            value={text}
            autoFocus
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          />
          <datalist id="bulk-tags">
            {props.tagsAndFolders.tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <button type="submit" class="button primary" disabled={busy || !text.trim()}>
            {t('vault_bulk_bar_add_tag_2')}
          </button>
        </form>
      )}
      {mode === 'remove-tag' && (
        <form
          class="bulk-form"
          onSubmit={(e) => (e.preventDefault(), text && void update({ removeTags: [text] }, tp('vault_bulk_tag_removed', n, text)))}
        >
          <select aria-label={t('vault_bulk_bar_tag_to_remove')} value={text} onChange={(e) => setText((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('vault_bulk_bar_choose_a_tag')}</option>
            {props.tagsAndFolders.tags.map((t) => (
              <option key={t} value={t}>
                #{t}
              </option>
            ))}
          </select>
          <button type="submit" class="button primary" disabled={busy || !text}>
            {t('vault_bulk_bar_remove_tag_2')}
          </button>
        </form>
      )}
    </div>
  );
}
