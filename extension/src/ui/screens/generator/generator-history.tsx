// The last generated values the user copied or used (kept encrypted in the vault, last 50), each
// masked with reveal and copy, and a button to clear them.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { useLoad } from '../../hooks/use-load';
import { IconButton } from '../../components/icon-button';
import { relativeTime } from '../../lib/format';
import { t } from '../../../i18n/messages';

function HistoryEntry(props: { value: string; createdAt: number; index: number }): JSX.Element {
  const app = useApp();
  const [revealed, setRevealed] = useState(false);
  return (
    <li class="history-row" data-testid="generator-history-entry">
      <div class="field-main">
        <span class="field-label">{relativeTime(props.createdAt, Date.now())}</span>
        <span class="field-value mono">{revealed ? props.value : '••••••••••••'}</span>
      </div>
      <div class="field-actions">
        <IconButton
          icon={revealed ? 'eyeOff' : 'eye'}
          label={revealed ? t('generator_history_hide_n', props.index + 1) : t('generator_history_show_n', props.index + 1)}
          pressed={revealed}
          onClick={() => setRevealed((r) => !r)}
        />
        <IconButton
          icon="copy"
          label={t('generator_history_copy_n', props.index + 1)}
          onClick={() => void app.copy({ value: props.value, what: t('generator_history_generated_value'), sensitive: true })}
        />
      </div>
    </li>
  );
}

export function GeneratorHistory(props: { version: number }): JSX.Element | null {
  const app = useApp();
  const loaded = useLoad(() => send('generator.history'), [props.version]);
  if (loaded.state !== 'ok') return null;
  const { entries } = loaded.value;

  async function clear(): Promise<void> {
    try {
      await send('generator.clearHistory');
      loaded.reload();
      app.toast(t('generator_history_toast_cleared'));
    } catch (error) {
      app.fail(error);
    }
  }

  return (
    <section class="history" aria-labelledby="gen-history-title">
      <div class="section-head">
        <h2 id="gen-history-title" class="section-title">
          {t('generator_history_history')}
        </h2>
        {entries.length > 0 && (
          <button type="button" class="link-button" onClick={() => void clear()}>
            {t('generator_history_clear_history')}
          </button>
        )}
      </div>
      {entries.length === 0 ? (
        <p class="muted small">{t('generator_history_values_you_copy_or_use')}</p>
      ) : (
        <ul class="history-list">
          {entries.map((entry, i) => (
            <HistoryEntry key={`${entry.createdAt}-${i}`} value={entry.value} createdAt={entry.createdAt} index={i} />
          ))}
        </ul>
      )}
    </section>
  );
}
