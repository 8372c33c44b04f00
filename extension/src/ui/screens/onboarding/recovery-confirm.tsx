// Onboarding, last step: re-type one randomly chosen group of the recovery key, proving a copy was
// saved, before the vault opens. If the popup was closed in between, the key is gone from memory (it
// is never stored in the page): the master password fetches it again from the background, and the
// user types the group from their saved copy — or asks to see the key again.
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { TextField } from '../../components/text-field';
import { Spinner } from '../../components/spinner';
import { groupMatches, ordinal, pickGroupIndex, recoveryGroups } from '../../lib/recovery-challenge';
import { ScreenRoot } from '../../components/screen-root';

export function RecoveryConfirm(props: { recoveryKey: string | null }): JSX.Element {
  const [key, setKey] = useState(props.recoveryKey);
  useEffect(() => {
    document.body.dataset.ready = '1';
  }, []);
  return key ? <GroupChallenge recoveryKey={key} /> : <FetchKey onKey={setKey} />;
}

function FetchKey(props: { onKey: (key: string) => void }): JSX.Element {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey } = await send('vault.viewRecoveryKey', { password });
      props.onKey(recoveryKey);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <ScreenRoot class="screen center-screen">
      <h1>Finish setting up Keyhold</h1>
      <p class="lead">Confirm that you saved your recovery key. First enter your master password.</p>
      <form class="form narrow-form" onSubmit={(e) => void submit(e)} aria-label="Enter your master password">
        <SecretInput label="Master password" value={password} autoFocus autocomplete="current-password" onInput={setPassword} error={error} />
        <button type="submit" class="button primary wide" disabled={busy || !password}>
          {busy ? <Spinner label="Checking…" /> : 'Continue'}
        </button>
      </form>
    </ScreenRoot>
  );
}

function GroupChallenge(props: { recoveryKey: string }): JSX.Element {
  const app = useApp();
  const groups = useMemo(() => recoveryGroups(props.recoveryKey), [props.recoveryKey]);
  const index = useMemo(() => pickGroupIndex(groups.length), [groups]);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const position = ordinal(index + 1);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (!groupMatches(typed, groups[index] ?? '')) {
      setError(`That is not the ${position} group. Compare with your saved copy, group by group.`);
      return;
    }
    setBusy(true);
    try {
      await send('vault.confirmRecovery');
      app.toast('Recovery key confirmed. Your vault is ready.');
      await app.unlocked();
    } catch (failure) {
      setBusy(false);
      app.fail(failure);
    }
  }

  return (
    <ScreenRoot class="screen center-screen">
      <h1>Check your recovery key</h1>
      <p class="lead">
        Type the <strong>{position}</strong> group of your recovery key (group {index + 1} of {groups.length}) from the copy you saved.
      </p>
      <form class="form narrow-form" onSubmit={(e) => void submit(e)} aria-label="Confirm your recovery key" noValidate>
        <TextField
          label={`Group ${index + 1} of your recovery key`}
          value={typed}
          mono
          autoFocus
          placeholder="XXXX"
          error={error}
          onInput={(v) => {
            setTyped(v);
            setError(null);
          }}
        />
        <button type="submit" class="button primary wide" disabled={busy || !typed.trim()}>
          {busy ? <Spinner label="Opening your vault…" /> : 'Confirm and open my vault'}
        </button>
      </form>
      <button
        type="button"
        class="link-button"
        onClick={() => app.reset({ name: 'recovery-show', recoveryKey: props.recoveryKey, purpose: 'onboarding' })}
      >
        I lost it — show the key again
      </button>
    </ScreenRoot>
  );
}
