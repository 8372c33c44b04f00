// What the sync engine refused or held back because the server served something none of your
// devices wrote, in plain words (in the user's language, by the report's kind), with the item it
// concerns. Dismissing only clears the list.
import type { JSX } from 'preact';
import { REPORT_MESSAGES } from '../../sync/reports';
import type { SyncStatus } from '../../sync/status';
import { relativeTime } from '../lib/format';
import { t } from '../../i18n/messages';

export function SyncReports(props: { reports: SyncStatus['reports']; now: number; onDismiss: () => void }): JSX.Element | null {
  if (props.reports.length === 0) return null;
  return (
    <div class="banner warning sync-reports" role="alert">
      <h3>{t('sync_reports_the_sync_server_sent_data')}</h3>
      <ul>
        {props.reports.map((report) => (
          <li key={`${report.kind}:${report.itemId ?? ''}:${report.revision ?? ''}`}>
            {report.itemName ? <strong>{report.itemName}: </strong> : null}
            {t(REPORT_MESSAGES[report.kind])} <span class="hint">({relativeTime(report.at, props.now)})</span>
          </li>
        ))}
      </ul>
      <button type="button" class="button" onClick={props.onDismiss}>
        {t('common_dismiss')}
      </button>
    </div>
  );
}
