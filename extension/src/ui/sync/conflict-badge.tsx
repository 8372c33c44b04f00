// The popup's conflict badge: how many items have sync conflicts, hidden when none. Clicking it
// opens the resolve view (the host decides where: onOpen).
// Mount: <ConflictBadge onOpen={() => …show <ConflictsView/>…} refreshKey={dataVersion} />
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import './sync.css';
import { t, tp } from '../../i18n/messages';

const REFRESH_MS = 15_000;

export function ConflictBadge(props: { onOpen: () => void; refreshKey?: number }): JSX.Element | null {
  const [count, setCount] = useState(0);

  useEffect(() => {
    let live = true;
    const load = () =>
      send('sync.status')
        .then((status) => live && setCount(status.conflicts))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [props.refreshKey]);

  if (count === 0) return null;
  const label = tp('sync_conflict_badge', count);
  return (
    <button
      type="button"
      class="button sync-conflict-badge"
      data-testid="sync-conflict-badge"
      aria-label={t('sync_conflict_badge_resolve', label)}
      onClick={props.onOpen}
    >
      <span aria-hidden="true">⚠</span> {label}
    </button>
  );
}
