// Bulk work in the full-page vault on the selected items: favorite, move to a folder, add or remove a
// tag, move to the trash — or, in the trash, restore and delete forever (confirmed first).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { BulkPatch } from '../../../vault/item-service';
import { useApp } from '../../app/context';
import { countText } from '../../lib/format';

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
  const count = countText(ids.length, 'item');

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
    <div class="bulk-bar" role="toolbar" aria-label="Selected items" data-testid="bulk-bar">
      <span class="bulk-count">{count} selected</span>
      {props.inTrash ? (
        <>
          <button type="button" class="button" disabled={busy} onClick={() => void run(() => send('items.restore', { ids }), `${count} restored`)}>
            Restore
          </button>
          {mode === 'confirm-delete' ? (
            <>
              <button
                type="button"
                class="button danger"
                disabled={busy}
                onClick={() => void run(() => send('items.deleteForever', { ids }), `${count} deleted forever`)}
              >
                Yes, delete {count} forever
              </button>
              <button type="button" class="button" onClick={() => setMode(null)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" class="button danger-quiet" disabled={busy} onClick={() => setMode('confirm-delete')}>
              Delete forever
            </button>
          )}
        </>
      ) : (
        <>
          <button type="button" class="button" disabled={busy} onClick={() => void update({ favorite: true }, `${count} added to favorites`)}>
            Favorite
          </button>
          <button type="button" class="button" disabled={busy} onClick={() => void update({ favorite: false }, `${count} removed from favorites`)}>
            Unfavorite
          </button>
          <button type="button" class="button" aria-expanded={mode === 'folder'} onClick={() => open(mode === 'folder' ? null : 'folder')}>
            Move to folder…
          </button>
          <button type="button" class="button" aria-expanded={mode === 'add-tag'} onClick={() => open(mode === 'add-tag' ? null : 'add-tag')}>
            Add tag…
          </button>
          <button
            type="button"
            class="button"
            aria-expanded={mode === 'remove-tag'}
            onClick={() => open(mode === 'remove-tag' ? null : 'remove-tag')}
          >
            Remove tag…
          </button>
          <button
            type="button"
            class="button danger-quiet"
            disabled={busy}
            onClick={() => void run(() => send('items.trash', { ids }), `${count} moved to the trash`)}
          >
            Move to trash
          </button>
        </>
      )}
      <button type="button" class="link-button" onClick={props.onClear}>
        Clear selection
      </button>
      {mode === 'folder' && (
        <form
          class="bulk-form"
          onSubmit={(e) => (
            e.preventDefault(),
            void update({ folder: text.trim() || null }, text.trim() ? `${count} moved to ${text.trim()}` : `${count} taken out of their folders`)
          )}
        >
          <input
            aria-label="Folder name"
            list="bulk-folders"
            placeholder="Folder (empty for none)"
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
            Move
          </button>
        </form>
      )}
      {mode === 'add-tag' && (
        <form
          class="bulk-form"
          onSubmit={(e) => (e.preventDefault(), text.trim() && void update({ addTags: [text.trim()] }, `Tag #${text.trim()} added to ${count}`))}
        >
          <input
            aria-label="Tag to add"
            list="bulk-tags"
            placeholder="Tag"
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
            Add tag
          </button>
        </form>
      )}
      {mode === 'remove-tag' && (
        <form
          class="bulk-form"
          onSubmit={(e) => (e.preventDefault(), text && void update({ removeTags: [text] }, `Tag #${text} removed from ${count}`))}
        >
          <select aria-label="Tag to remove" value={text} onChange={(e) => setText((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">Choose a tag</option>
            {props.tagsAndFolders.tags.map((t) => (
              <option key={t} value={t}>
                #{t}
              </option>
            ))}
          </select>
          <button type="submit" class="button primary" disabled={busy || !text}>
            Remove tag
          </button>
        </form>
      )}
    </div>
  );
}
