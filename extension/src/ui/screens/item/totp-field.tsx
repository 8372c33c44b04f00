// The item view's one-time code: the live code, a countdown ring of the seconds left, and copy.
import type { JSX } from 'preact';
import { useApp } from '../../app/context';
import { IconButton } from '../../components/icon-button';
import { useTotp } from '../../hooks/use-totp';
import { groupCode } from '../../lib/totp';
import { t, tp } from '../../../i18n/messages';

export function TotpField(props: { secret: string }): JSX.Element {
  const app = useApp();
  const reading = useTotp(props.secret);
  if (reading && !reading.ok) {
    return (
      <div class="field-row">
        <div class="field-main">
          <span class="field-label">{t('item_totp_field_one_time_code')}</span>
          <span class="error-text">{reading.reason}</span>
        </div>
      </div>
    );
  }
  const fraction = reading ? reading.remainingSeconds / reading.period : 1;
  return (
    <div class="field-row" data-field="One-time code">
      <div class="field-main">
        <span class="field-label">{t('item_totp_field_one_time_code')}</span>
        <span class="field-value totp-code mono" data-testid="totp-code">
          {reading ? groupCode(reading.code) : '··· ···'}
        </span>
      </div>
      <div class="field-actions">
        {reading && (
          <span
            class={`countdown${reading.remainingSeconds <= 5 ? ' ending' : ''}`}
            role="timer"
            aria-label={tp('item_totp_seconds_left', reading.remainingSeconds)}
            title={t('item_totp_seconds_left_short', reading.remainingSeconds)}
          >
            <svg viewBox="0 0 36 36" width="26" height="26" aria-hidden="true">
              <circle cx="18" cy="18" r="15" class="countdown-track" />
              <circle cx="18" cy="18" r="15" class="countdown-left" stroke-dasharray={`${(fraction * 94.25).toFixed(2)} 94.25`} />
            </svg>
            <span class="countdown-text">{reading.remainingSeconds}</span>
          </span>
        )}
        <IconButton
          icon="copy"
          label={t('item_totp_field_copy_one_time_code')}
          disabled={!reading}
          onClick={() => reading && void app.copy({ value: reading.code, what: t('item_totp_field_one_time_code'), sensitive: true })}
        />
      </div>
    </div>
  );
}
