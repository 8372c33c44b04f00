// The popup's vault-health badge: how many logins the last report found at risk, hidden when none
// or when no check has run. It reads only the report's sealed summary (health.summary), so opening
// the popup decrypts nothing more; clicking it opens the report.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { TEXT } from './health-text';
import './health.css';

export function HealthBadge(props: { onOpen: () => void; refreshKey?: number }): JSX.Element | null {
  const [atRisk, setAtRisk] = useState(0);
  useEffect(() => {
    let live = true;
    send('health.summary').then(
      (summary) => live && setAtRisk(summary?.atRisk ?? 0),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.refreshKey]);

  if (atRisk === 0) return null;
  return (
    <button type="button" class="button health-badge" data-testid="health-badge" aria-label={TEXT.badgeLabel(atRisk)} onClick={props.onOpen}>
      <span aria-hidden="true">⚠</span> {TEXT.badge(atRisk)}
    </button>
  );
}
