// Onboarding, last step: re-type one randomly chosen group of the recovery key, proving a copy was
// saved, before the vault opens. If the popup was closed in between, the key is gone from memory (it
// is never stored in the page): the master password fetches it again from the background, and the
// user types the group from their saved copy — or asks to see the key again.
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { RecoveryKeyPrompt } from '../../components/recovery-key-prompt';
import { TextField } from '../../components/text-field';
import { Spinner } from '../../components/spinner';
import { groupMatches, ordinal, pickGroupIndex, recoveryGroups } from '../../lib/recovery-challenge';
import { ScreenRoot } from '../../components/screen-root';
import { t } from '../../../i18n/messages';
import { tRich } from '../../../i18n/rich';

export function RecoveryConfirm(props: { recoveryKey: string | null }): JSX.Element {
  const [key, setKey] = useState(props.recoveryKey);
  useEffect(() => {
    document.body.dataset.ready = '1';
  }, []);
  return key ? <GroupChallenge recoveryKey={key} /> : <FetchKey onKey={setKey} />;
}

function FetchKey(props: { onKey: (key: string) => void }): JSX.Element {
  return (
    <ScreenRoot class="screen center-screen">
      <h1>{t('onboarding_recovery_confirm_finish_setting_up_keyhold')}</h1>
      <p class="lead">{t('onboarding_recovery_confirm_confirm_that_you_saved_your')}</p>
      <RecoveryKeyPrompt
        layout="screen"
        formLabel={t('onboarding_recovery_confirm_enter_your_master_password')}
        passwordLabel={t('onboarding_create_vault_master_password')}
        submitLabel={t('common_continue')}
        busyLabel={t('onboarding_recovery_confirm_checking')}
        onKey={props.onKey}
      />
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
      setError(t('onboarding_recovery_confirm_wrong_group', position));
      return;
    }
    setBusy(true);
    try {
      await send('vault.confirmRecovery');
      app.toast(t('onboarding_recovery_confirm_toast_confirmed'));
      await app.unlocked();
    } catch (failure) {
      setBusy(false);
      app.fail(failure);
    }
  }

  return (
    <ScreenRoot class="screen center-screen">
      <h1>{t('onboarding_recovery_confirm_check_your_recovery_key')}</h1>
      <p class="lead">{tRich('onboarding_recovery_confirm_type_group', <strong>{position}</strong>, index + 1, groups.length)}</p>
      <form
        class="form narrow-form"
        onSubmit={(e) => void submit(e)}
        aria-label={t('onboarding_recovery_confirm_confirm_your_recovery_key')}
        noValidate
      >
        <TextField
          label={t('onboarding_recovery_confirm_group_n', index + 1)}
          value={typed}
          mono
          autoFocus
          placeholder={t('onboarding_recovery_confirm_xxxx')}
          error={error}
          onInput={(v) => {
            setTyped(v);
            setError(null);
          }}
        />
        <button type="submit" class="button primary wide" disabled={busy || !typed.trim()}>
          {busy ? <Spinner label={t('onboarding_recovery_confirm_opening_your_vault')} /> : t('onboarding_recovery_confirm_and_open')}
        </button>
      </form>
      <button
        type="button"
        class="link-button"
        onClick={() => app.reset({ name: 'recovery-show', recoveryKey: props.recoveryKey, purpose: 'onboarding' })}
      >
        {t('onboarding_recovery_confirm_i_lost_it_show_the')}
      </button>
    </ScreenRoot>
  );
}
