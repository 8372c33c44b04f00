// Vault health: the breach-check opt-in, a run with its progress and a cancel, and the last report.
// In the full-page vault it opens in the side pane (sidebar → Vault health); the popup's badge
// opens it too. Nothing here sees a password: the background runs the checks.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { Settings } from '../../../vault/settings';
import { useApp } from '../../app/context';
import { TopBar } from '../../components/top-bar';
import { Spinner } from '../../components/spinner';
import { ScreenRoot } from '../../components/screen-root';
import { relativeTime } from '../../lib/format';
import { BreachOptIn } from './health-opt-in';
import { HealthReport } from './health-report';
import { TEXT } from './health-text';
import { useHealth } from './use-health';
import './health.css';
import { t } from '../../../i18n/messages';

export function HealthScreen(props: { onClose: () => void }): JSX.Element {
  const app = useApp();
  const health = useHealth(app.fail);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    send('settings.get').then(setSettings, app.fail);
  }, [app.fail]);

  const { status, view } = health;
  const report = view?.report ?? null;
  const running = status?.state === 'running';
  const issues = report ? report.breached.length + report.reused.length + report.weak.length + report.old.length : 0;

  return (
    <ScreenRoot class="screen health-screen" data-testid="health-screen">
      <TopBar title={TEXT.title} onBack={props.onClose} />
      <div class="screen-body">
        <p class="hint">{TEXT.intro}</p>
        {settings && <BreachOptIn settings={settings} onChange={setSettings} onError={app.fail} />}

        <div class="health-run" aria-live="polite">
          {running ? (
            <>
              <progress
                class="health-progress"
                aria-label={TEXT.progressLabel}
                max={Math.max(1, status.total)}
                value={status.total === 0 ? undefined : status.done}
              />
              <p data-testid="health-progress">{TEXT.progress(status.phase, status.done, status.total)}</p>
              <div class="button-row">
                <button type="button" class="button" onClick={() => void health.cancel()}>
                  {TEXT.cancel}
                </button>
              </div>
            </>
          ) : (
            <div class="button-row">
              <button type="button" class="button primary" onClick={() => void health.start()}>
                {report ? TEXT.checkAgain : TEXT.checkNow}
              </button>
            </div>
          )}
          {status?.state === 'cancelled' && (
            <p class="hint" data-testid="health-cancelled">
              {TEXT.cancelled}
            </p>
          )}
          {status?.state === 'failed' && (
            <p class="banner warning" role="alert">
              {status.message}
            </p>
          )}
        </div>

        {view === null ? (
          <Spinner label={t('health_loading_the_report')} />
        ) : report === null ? (
          <p class="health-empty" data-testid="health-empty">
            {TEXT.neverRun}
          </p>
        ) : (
          <>
            <p class="hint" data-testid="health-finished">
              {TEXT.finished(report.checked, relativeTime(report.finishedAt, Date.now()))}
            </p>
            {issues === 0 ? (
              <p class="health-empty" data-testid="health-all-good">
                {TEXT.allGood(report.checked)}
              </p>
            ) : (
              <HealthReport report={report} onOpen={(id) => app.go({ name: 'item', id })} />
            )}
          </>
        )}
      </div>
    </ScreenRoot>
  );
}
