// "Rotate encryption keys" in the settings (vault/rotation.ts, ADR 0021): what it does, a confirmation
// with the master password, then the progress (items done of total) while the background re-encrypts.
// The rotation runs in the background: this section only polls its state, so closing the page, a lock
// or a restarted browser does not stop it; it says "resuming" for one a stopped worker left behind.
// A rotation also makes a new recovery key (vault/rotation-recovery.ts): always after a device was
// removed or the password was reset with the recovery key, and by default (a checkbox) otherwise; the
// finished rotation then asks the user to save and confirm it (rotation-new-recovery-key.tsx).
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { RotationState } from '../../../vault/rotation-machine';
import type { RecoveryChoice } from '../../../vault/rotation-recovery';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { CheckboxField } from '../../components/text-field';
import { Spinner } from '../../components/spinner';
import { ErrorText } from '../../components/error-text';
import { clearRotationSuggestion, onRotationSuggested, rotationSuggestion } from '../../lib/rotation-suggestion';
import { RotationNewRecoveryKey } from './rotation-new-recovery-key';
import { t } from '../../../i18n/messages';

const POLL_MS = 300;

const running = (s: RotationState | null) =>
  s !== null && (s.phase === 'preparing' || s.phase === 're-encrypting' || s.phase === 'committing' || s.phase === 'pushing');

export function RotationSection(): JSX.Element {
  const [state, setState] = useState<RotationState | null>(null);
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [suggested, setSuggested] = useState(rotationSuggestion());
  const [newRecovery, setNewRecovery] = useState(true);
  // A lost device may hold the recovery key, and a reset typed it in: then a new one is not optional.
  const recovery: RecoveryChoice = suggested !== null || newRecovery ? 'new' : 'keep';
  /** After a rotation: whether a new recovery key still waits to be saved (the vault's flag). */
  const [unconfirmed, setUnconfirmed] = useState<boolean | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  async function refresh(): Promise<void> {
    try {
      setState(await send('rotation.status'));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  useEffect(() => {
    void refresh();
    const unsubscribe = onRotationSuggested(setSuggested);
    return () => {
      unsubscribe();
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  // While a rotation runs (or is about to resume), ask again shortly; once done, whether a new recovery
  // key waits to be saved.
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    if (running(state) || state?.phase === 'failed-resumable') timer.current = setTimeout(() => void refresh(), POLL_MS);
    if (state?.phase === 'committed') {
      send('vault.status')
        .then((status) => setUnconfirmed(!status.recoveryConfirmed))
        .catch((failure: unknown) => setError(errorMessage(failure)));
    }
  }, [state]);

  async function act(work: () => Promise<RotationState>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setState(await work());
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function start(event: Event): Promise<void> {
    event.preventDefault();
    if (!password) return;
    await act(async () => {
      const next = await send('rotation.start', { password, recovery });
      setPassword('');
      setConfirming(false);
      clearRotationSuggestion();
      setSuggested(null);
      return next;
    });
  }

  const body = (): JSX.Element => {
    if (state === null) return <Spinner label={t('settings_rotation_loading')} />;
    if (running(state) || state.phase === 'failed-resumable') return <Progress state={state} busy={busy} act={act} />;
    if (state.phase === 'committed') {
      return (
        <>
          <p role="status" data-testid="rotation-done">
            {t('settings_rotation_done', state.total)}
          </p>
          {unconfirmed === null ? (
            <Spinner label={t('settings_rotation_loading')} />
          ) : unconfirmed ? (
            <RotationNewRecoveryKey />
          ) : (
            <div class="button-row">
              <button type="button" class="button" onClick={() => void act(() => send('rotation.dismiss'))}>
                {t('common_ok')}
              </button>
            </div>
          )}
        </>
      );
    }
    return (
      <form class="form" onSubmit={(e) => void start(e)} aria-label={t('settings_rotation_title')} noValidate>
        {confirming ? (
          <>
            <p class="hint">{t('settings_rotation_confirm_hint')}</p>
            {suggested === null ? (
              <CheckboxField
                label={t('settings_rotation_new_recovery_label')}
                hint={t('settings_rotation_new_recovery_hint')}
                checked={newRecovery}
                onChange={setNewRecovery}
              />
            ) : (
              <p class="hint" data-testid="rotation-new-recovery-forced">
                {t('settings_rotation_new_recovery_forced')}
              </p>
            )}
            <SecretInput label={t('settings_rotation_master_password')} value={password} autocomplete="current-password" onInput={setPassword} />
            <ErrorText message={error} />
            <div class="button-row">
              <button type="submit" class="button danger" disabled={!password || busy}>
                {busy ? <Spinner label={t('settings_rotation_checking')} /> : t('settings_rotation_confirm')}
              </button>
              <button type="button" class="button" disabled={busy} onClick={() => (setConfirming(false), setPassword(''), setError(null))}>
                {t('settings_rotation_cancel')}
              </button>
            </div>
          </>
        ) : (
          <>
            <ErrorText message={error} />
            <div class="button-row">
              <button type="button" class="button" onClick={() => setConfirming(true)}>
                {t('settings_rotation_start')}
              </button>
            </div>
          </>
        )}
      </form>
    );
  };

  return (
    <section class="settings-section" id="rotation-section" aria-labelledby="rotation-title">
      <h2 id="rotation-title">{t('settings_rotation_title')}</h2>
      <p class="hint">{t('settings_rotation_explain')}</p>
      {suggested && state?.phase === 'idle' && (
        <p class="banner warning" role="note" data-testid="rotation-suggested">
          {suggested === 'recovery-reset' ? t('settings_rotation_suggest_after_reset') : t('settings_rotation_suggest_after_removal')}
        </p>
      )}
      {body()}
    </section>
  );
}

function Progress(props: { state: RotationState; busy: boolean; act: (work: () => Promise<RotationState>) => Promise<void> }): JSX.Element {
  const { state, busy, act } = props;
  const done = state.phase === 're-encrypting' || state.phase === 'failed-resumable' ? state.done : 'total' in state ? state.total : 0;
  const total = 'total' in state ? state.total : 0;
  const cancellable = state.phase === 're-encrypting' || (state.phase === 'failed-resumable' && state.from === 're-encrypting');
  const text =
    state.phase === 'preparing'
      ? t('settings_rotation_preparing')
      : state.phase === 're-encrypting'
        ? t('settings_rotation_progress', done, total)
        : state.phase === 'committing'
          ? t('settings_rotation_committing')
          : state.phase === 'pushing'
            ? t('settings_rotation_pushing')
            : t('settings_rotation_resuming', done, total);
  return (
    <div class="rotation-run" aria-live="polite">
      <progress class="rotation-progress" aria-label={t('settings_rotation_progress_label')} max={Math.max(1, total)} value={done} />
      <p data-testid="rotation-progress">{text}</p>
      {state.phase === 'failed-resumable' && state.message !== 'interrupted' && <p class="hint">{state.message}</p>}
      <div class="button-row">
        {state.phase === 'failed-resumable' && (
          <button type="button" class="button" disabled={busy} onClick={() => void act(() => send('rotation.resume'))}>
            {t('settings_rotation_resume')}
          </button>
        )}
        {cancellable && (
          <button type="button" class="button" disabled={busy} onClick={() => void act(() => send('rotation.cancel'))}>
            {t('settings_rotation_cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
