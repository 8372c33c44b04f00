// The strength bar under a password field: zxcvbn's score as five segments, its label, the time an
// attacker with the vault file would need, and the warning that says why a password is weak.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { measureStrength, SCORE_LABELS, type StrengthReport } from '../lib/strength';
import { t } from '../../i18n/messages';

export function StrengthMeter(props: { password: string; userInputs?: readonly string[] }): JSX.Element | null {
  const [measured, setMeasured] = useState<{ password: string; report: StrengthReport } | null>(null);
  const inputs = (props.userInputs ?? []).join('\n');

  useEffect(() => {
    if (!props.password) return undefined;
    let live = true;
    measureStrength(props.password, inputs ? inputs.split('\n') : []).then(
      (report) => live && setMeasured({ password: props.password, report }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.password, inputs]);

  if (!props.password) return null;
  // Until the new measurement lands, keep showing the last one (no flicker while typing).
  if (!measured) return <p class="hint">{t('strength_meter_checking_strength')}</p>;
  const { report } = measured;
  const label = SCORE_LABELS[report.score];
  return (
    <div class="strength" data-score={report.score}>
      <div
        class="strength-bar"
        role="meter"
        aria-label={t('strength_meter_password_strength')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={report.score}
        aria-valuetext={label}
      >
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} class={i <= report.score ? 'on' : ''} />
        ))}
      </div>
      <p class="strength-text" data-testid="strength-label">
        <strong>{label}</strong>
        {report.crackTime && <span class="muted"> · {t('strength_meter_cracked_in', report.crackTime)}</span>}
        {report.warning && <span class="strength-warning">{report.warning}</span>}
      </p>
    </div>
  );
}
