// Shows a recovery key once: in groups, with copy and "save as a text file", and a checkbox that the
// user has stored it. Used after creating the vault, after regenerating the key, and when viewing it.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Icon } from '../../components/icons';
import { recoveryGroups, recoveryKeyFileText } from '../../lib/recovery-challenge';
import { ScreenRoot } from '../../components/screen-root';
import { t } from '../../../i18n/messages';

export type RecoverySheetPurpose = 'onboarding' | 'regenerated' | 'view';

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RecoveryKeySheet(props: { recoveryKey: string; purpose: RecoverySheetPurpose }): JSX.Element {
  const app = useApp();
  const [stored, setStored] = useState(false);
  const groups = recoveryGroups(props.recoveryKey);
  const confirmNext = props.purpose !== 'view';

  return (
    <ScreenRoot class="screen center-screen recovery-sheet">
      <h1>{props.purpose === 'view' ? t('onboarding_recovery_key_yours') : t('onboarding_recovery_key_save')}</h1>
      <p class="lead">
        {t('onboarding_recovery_key_explain')}
        {props.purpose !== 'view' && ` ${t('onboarding_recovery_key_shown_only_now')}`}
      </p>
      <div class="recovery-key" data-testid="recovery-key" aria-label={t('onboarding_recovery_key_sheet_recovery_key')} role="group">
        {groups.map((group, i) => (
          <span class="recovery-group" key={i}>
            {group}
          </span>
        ))}
      </div>
      <div class="button-row">
        <button
          type="button"
          class="button"
          onClick={() => void app.copy({ value: props.recoveryKey, what: t('onboarding_recovery_key_sheet_recovery_key'), sensitive: true })}
        >
          <Icon name="copy" size={16} /> {t('common_copy')}
        </button>
        <button type="button" class="button" onClick={() => download('keyhold-recovery-key.txt', recoveryKeyFileText(props.recoveryKey, new Date()))}>
          <Icon name="download" size={16} /> {t('onboarding_recovery_key_save_as_file')}
        </button>
      </div>
      {confirmNext ? (
        <>
          <label class="inline-check">
            <input type="checkbox" checked={stored} onChange={(e) => setStored((e.currentTarget as HTMLInputElement).checked)} />
            {t('onboarding_recovery_key_saved_check')}
          </label>
          <button
            type="button"
            class="button primary wide"
            disabled={!stored}
            onClick={() => app.reset({ name: 'recovery-confirm', recoveryKey: props.recoveryKey })}
          >
            {t('common_continue')}
          </button>
        </>
      ) : (
        <button type="button" class="button primary wide" onClick={() => app.back()}>
          {t('common_done')}
        </button>
      )}
    </ScreenRoot>
  );
}
