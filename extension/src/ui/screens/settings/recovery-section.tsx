// The recovery key in the settings: view it again, or replace it with a new one (the old one stops
// working). Both need the master password; a new key must be confirmed like at onboarding.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { Spinner } from '../../components/spinner';
import { ErrorText } from '../../components/error-text';

export function RecoverySection(): JSX.Element {
  const app = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'view' | 'regenerate' | null>(null);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);

  async function run(kind: 'view' | 'regenerate'): Promise<void> {
    if (!password || busy) return;
    setBusy(kind);
    setError(null);
    try {
      const { recoveryKey } = await send(kind === 'view' ? 'vault.viewRecoveryKey' : 'vault.regenerateRecoveryKey', { password });
      setPassword('');
      if (kind === 'view') app.go({ name: 'recovery-show', recoveryKey, purpose: 'view' });
      else app.reset({ name: 'recovery-show', recoveryKey, purpose: 'regenerated' });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(null);
    }
  }

  return (
    <section class="settings-section" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery key</h2>
      <p class="hint">The recovery key resets your master password if you forget it.</p>
      <form class="form" onSubmit={(e) => (e.preventDefault(), void run('view'))} aria-label="Recovery key" noValidate>
        <SecretInput label="Master password for the recovery key" value={password} autocomplete="current-password" onInput={setPassword} />
        <ErrorText message={error} />
        <div class="button-row">
          <button type="submit" class="button" disabled={!password || busy !== null}>
            {busy === 'view' ? <Spinner label="Opening…" /> : 'View recovery key'}
          </button>
          {confirmRegenerate ? (
            <button type="button" class="button danger" disabled={!password || busy !== null} onClick={() => void run('regenerate')}>
              {busy === 'regenerate' ? <Spinner label="Creating…" /> : 'Yes, replace my recovery key'}
            </button>
          ) : (
            <button type="button" class="button" disabled={!password || busy !== null} onClick={() => setConfirmRegenerate(true)}>
              New recovery key
            </button>
          )}
        </div>
        {confirmRegenerate && <p class="hint">Your current recovery key will stop working. You will save and confirm the new one next.</p>}
      </form>
    </section>
  );
}
