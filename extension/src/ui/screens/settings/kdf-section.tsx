// How costly unlocking is (Argon2id memory, iterations, parallelism). "Calibrate" times one
// derivation with the chosen values on this device and says what to make of the time; applying
// them needs the master password and re-wraps the vault key (the items are not re-encrypted). What
// is allowed comes from the KDF module (kdfCostProblem), said in the form's units as it is typed.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { kdfCostProblem, type KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { TextField } from '../../components/text-field';
import { Spinner } from '../../components/spinner';
import { ErrorText } from '../../components/error-text';
import { t } from '../../../i18n/messages';
import { tRich } from '../../../i18n/rich';
import { formatNumber } from '../../../i18n/format';

type CostText = { memoryMiB: string; iterations: string; parallelism: string };

function toText(cost: KdfCost): CostText {
  return { memoryMiB: String(Math.round(cost.memoryKiB / 1024)), iterations: String(cost.iterations), parallelism: String(cost.parallelism) };
}

function toCost(text: CostText): KdfCost | null {
  const memoryMiB = Number(text.memoryMiB);
  const iterations = Number(text.iterations);
  const parallelism = Number(text.parallelism);
  if (![memoryMiB, iterations, parallelism].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { memoryKiB: memoryMiB * 1024, iterations, parallelism };
}

/** What a calibrated time means for the person choosing (a quarter of a second to a second is the usual aim). */
export function calibrationAdvice(ms: number): string {
  if (ms < 250) return t('settings_kdf_advice_quick');
  if (ms <= 1000) return t('settings_kdf_advice_good');
  return t('settings_kdf_advice_slow');
}

export function KdfSection(props: { current: KdfCost }): JSX.Element {
  const app = useApp();
  const [current, setCurrent] = useState(props.current);
  const [text, setText] = useState(toText(props.current));
  const [measured, setMeasured] = useState<{ ms: number; for: string } | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'calibrate' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const typed = toCost(text);
  const problem = typed ? kdfCostProblem(typed) : t('settings_kdf_enter_whole_numbers');
  const cost = problem ? null : typed;
  const key = JSON.stringify(cost);

  async function calibrate(): Promise<void> {
    if (!cost) return;
    setBusy('calibrate');
    setError(null);
    try {
      const { ms } = await send('vault.calibrateKdf', cost);
      setMeasured({ ms, for: key });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function apply(event: Event): Promise<void> {
    event.preventDefault();
    if (!cost || !password) return;
    setBusy('apply');
    setError(null);
    try {
      await send('vault.setKdf', { password, ...cost });
      setPassword('');
      setCurrent(cost);
      app.toast(t('settings_kdf_toast_changed'));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  const unchanged = cost !== null && JSON.stringify(current) === key;
  return (
    <section class="settings-section" aria-labelledby="kdf-title">
      <h2 id="kdf-title">{t('settings_kdf_unlock_cost_argon2id')}</h2>
      <p class="hint">{t('settings_kdf_higher_values_make_guessing_your')}</p>
      <form class="form" onSubmit={(e) => void apply(e)} aria-label={t('settings_kdf_unlock_cost')} noValidate>
        <div class="form-row three">
          <TextField
            label={t('settings_kdf_memory_mib')}
            type="number"
            min={19}
            value={text.memoryMiB}
            onInput={(v) => setText({ ...text, memoryMiB: v })}
          />
          <TextField
            label={t('settings_kdf_iterations')}
            type="number"
            min={2}
            value={text.iterations}
            onInput={(v) => setText({ ...text, iterations: v })}
          />
          <TextField
            label={t('settings_kdf_parallelism')}
            type="number"
            min={1}
            value={text.parallelism}
            onInput={(v) => setText({ ...text, parallelism: v })}
          />
        </div>
        <div class="button-row">
          <button type="button" class="button" disabled={!cost || busy !== null} onClick={() => void calibrate()}>
            {busy === 'calibrate' ? <Spinner label={t('settings_kdf_measuring')} /> : t('settings_kdf_calibrate')}
          </button>
          {measured && measured.for === key && (
            <span class="calibration" data-testid="kdf-time">
              {tRich('settings_kdf_unlock_takes', <strong>{t('settings_kdf_ms', formatNumber(measured.ms))}</strong>)}{' '}
              {calibrationAdvice(measured.ms)}
            </span>
          )}
        </div>
        {!unchanged && (
          <>
            <SecretInput label={t('settings_kdf_master_password_to_apply')} value={password} autocomplete="current-password" onInput={setPassword} />
            <button type="submit" class="button primary" disabled={!cost || !password || busy !== null}>
              {busy === 'apply' ? <Spinner label={t('settings_kdf_applying')} /> : t('settings_kdf_apply')}
            </button>
          </>
        )}
        <ErrorText message={error ?? problem} />
      </form>
    </section>
  );
}
