// The item view's footer: move to trash, or for a trashed item restore and delete forever (with a
// second click to confirm, since it cannot be undone). In the full-page vault a restored item leaves
// the trash list beside the pane, so its view closes; the popup stays on it, now restored.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { Icon } from '../../components/icons';
import { t } from '../../../i18n/messages';

/** 'unreadable' is a damaged record: it can only be deleted. */
export type ItemState = 'active' | 'trashed' | 'unreadable';

export function ItemActions(props: { id: string; name: string; state: ItemState; onGone: () => void }): JSX.Element {
  const app = useApp();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<void>, done: string, options: { gone: boolean }): Promise<void> {
    setBusy(true);
    try {
      await work();
      app.changed();
      app.toast(done);
      if (options.gone) props.onGone();
    } catch (error) {
      app.fail(error);
    } finally {
      setBusy(false);
    }
  }

  const ids = [props.id];
  if (props.state === 'active') {
    return (
      <div class="item-actions">
        <button
          type="button"
          class="button danger-quiet"
          disabled={busy}
          onClick={() => void run(() => send('items.trash', { ids }), t('item_actions_moved_to_trash', props.name), { gone: true })}
        >
          <Icon name="trash" size={16} /> {t('item_actions_move_to_trash')}
        </button>
      </div>
    );
  }
  return (
    <div class="item-actions">
      {props.state === 'trashed' && (
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => void run(() => send('items.restore', { ids }), t('item_actions_restored', props.name), { gone: app.layout === 'page' })}
        >
          <Icon name="restore" size={16} /> {t('common_restore')}
        </button>
      )}
      {confirming ? (
        <>
          <button
            type="button"
            class="button danger"
            disabled={busy}
            onClick={() => void run(() => send('items.deleteForever', { ids }), `“${props.name}” deleted forever`, { gone: true })}
          >
            {t('item_actions_yes_delete_forever')}
          </button>
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            {t('common_cancel')}
          </button>
        </>
      ) : (
        <button type="button" class="button danger-quiet" disabled={busy} onClick={() => setConfirming(true)}>
          <Icon name="trash" size={16} /> {t('item_actions_delete_forever')}
        </button>
      )}
    </div>
  );
}
