// The resolve view: items with sync conflicts, and for the chosen one each conflicted field with
// both values. Settling is an ordinary edit: it syncs, and every device sees the choice.
// Mount: <ConflictsView onClose={…} onChanged={…} /> (onChanged: an item changed, lists may reload).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { ConflictDetail, ConflictSummary, FieldChoice } from '../../sync/conflicts';
import { errorMessage } from '../app/errors';
import { Spinner } from '../components/spinner';
import { fieldLabel } from './field-label';
import { ConflictFields } from './conflict-fields';
import { ErrorText } from '../components/error-text';
import './sync.css';
import { t } from '../../i18n/messages';

export function ConflictsView(props: { onClose: () => void; onChanged?: () => void }): JSX.Element {
  const [items, setItems] = useState<ConflictSummary[] | null>(null);
  const [detail, setDetail] = useState<ConflictDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load(): Promise<void> {
    try {
      setItems((await send('sync.conflicts')).items);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  async function act(work: () => Promise<string>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setNotice(await work());
      setDetail(null);
      props.onChanged?.();
      // The choice goes to the other devices right away.
      void send('sync.now', {}).catch(() => undefined);
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const resolve = (choices: FieldChoice[]) =>
    act(async () => {
      const { remaining } = await send('sync.resolveConflict', { id: detail!.id, choices });
      return remaining === 0 ? t('sync_conflicts_resolved') : t('sync_conflicts_saved_some_left');
    });
  const keepBoth = () =>
    act(async () => {
      await send('sync.keepBoth', { id: detail!.id });
      return t('sync_conflicts_kept_both');
    });

  return (
    <section class="screen sync-conflicts" aria-label={t('sync_conflicts_sync_conflicts')}>
      <div class="button-row">
        <button type="button" class="button" onClick={detail ? () => setDetail(null) : props.onClose}>
          {t('sync_conflicts_back')}
        </button>
      </div>
      <h2>{t('sync_conflicts_sync_conflicts')}</h2>
      {notice && <p role="status">{notice}</p>}
      <ErrorText message={error} />
      {detail ? (
        <ConflictFields detail={detail} busy={busy} onResolve={(c) => void resolve(c)} onKeepBoth={() => void keepBoth()} />
      ) : items === null ? (
        <Spinner label={t('common_loading')} />
      ) : items.length === 0 ? (
        <p class="hint">{t('sync_conflicts_no_conflicts_every_item_is')}</p>
      ) : (
        <ul aria-label={t('sync_conflicts_items_with_conflicts')}>
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                class="button wide"
                onClick={() =>
                  void send('sync.conflict', { id: item.id })
                    .then(setDetail)
                    .catch((failure: unknown) => setError(errorMessage(failure)))
                }
              >
                <strong>{item.name || t('common_no_name')}</strong> — {item.fields.map(fieldLabel).join(', ')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
