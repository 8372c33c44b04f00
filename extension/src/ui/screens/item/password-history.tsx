// The item's history: old passwords (and API keys and secrets) replaced by edits, newest first, each
// masked with reveal and copy, plus the other side of sync conflicts.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { HistoryEntry } from '@keyhold/shared/items/schema-common';
import { IconButton } from '../../components/icon-button';
import { relativeTime } from '../../lib/format';
import { useApp } from '../../app/context';
import { labelInSentence, t } from '../../../i18n/messages';

const FIELD_NAMES: Record<string, string> = { password: t('common_password'), key: t('form_api_key_key'), secret: t('form_api_key_secret') };

function entryText(entry: HistoryEntry): string {
  return typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value);
}

function HistoryRow(props: { entry: HistoryEntry; now: number }): JSX.Element {
  const app = useApp();
  const [revealed, setRevealed] = useState(false);
  const { entry } = props;
  const field = FIELD_NAMES[entry.field ?? 'password'] ?? entry.field ?? t('form_custom_fields_editor_value');
  const reason = entry.reason === 'conflict' ? 'from a sync conflict' : entry.reason === 'deleted-edit' ? 'restored by an edit' : 'replaced';
  return (
    <li class="history-row">
      <div class="field-main">
        <span class="field-label">
          {field} · {reason} {relativeTime(entry.changedAt, props.now)}
        </span>
        <span class="field-value mono">{revealed ? entryText(entry) : '••••••••••••'}</span>
      </div>
      <div class="field-actions">
        <IconButton
          icon={revealed ? 'eyeOff' : 'eye'}
          label={revealed ? t('item_history_hide_old', labelInSentence(field)) : t('item_history_show_old', labelInSentence(field))}
          pressed={revealed}
          onClick={() => setRevealed((r) => !r)}
        />
        <IconButton
          icon="copy"
          label={t('item_history_copy_old', labelInSentence(field))}
          onClick={() => void app.copy({ value: entryText(entry), what: t('item_history_old', labelInSentence(field)), sensitive: true })}
        />
      </div>
    </li>
  );
}

export function PasswordHistory(props: { history: readonly HistoryEntry[] }): JSX.Element | null {
  const [open, setOpen] = useState(false);
  if (props.history.length === 0) return null;
  const now = Date.now();
  return (
    <section class="history" aria-label={t('item_password_history_password_history')}>
      <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('item_history_hide', props.history.length) : t('item_history_show', props.history.length)}
      </button>
      {open && (
        <ul class="history-list">
          {props.history.map((entry) => (
            <HistoryRow key={`${entry.changedAt}-${entry.field ?? ''}-${entryText(entry)}`} entry={entry} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
