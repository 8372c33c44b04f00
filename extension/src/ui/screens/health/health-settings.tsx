// Settings → Vault health: the breach-check opt-in and the address it asks (the Pwned Passwords
// range API by default, or a sync server's relay of it).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { DEFAULT_BREACH_ENDPOINT, breachEndpointSchema, type Settings } from '../../../vault/settings';
import { useApp } from '../../app/context';
import { CheckboxField, TextField } from '../../components/text-field';
import { requestEndpointAccess } from './health-opt-in';
import { TEXT } from './health-text';
import { t } from '../../../i18n/messages';

export function HealthSettingsSection(props: { initial: Settings }): JSX.Element {
  const app = useApp();
  const [settings, setSettings] = useState(props.initial);
  const [endpoint, setEndpoint] = useState(props.initial.breachEndpoint);
  const [error, setError] = useState<string | null>(null);

  async function save(patch: Partial<Settings>, message: string): Promise<void> {
    try {
      const target = patch.breachEndpoint ?? settings.breachEndpoint;
      if (patch.breachCheck ?? settings.breachCheck) {
        const access = await requestEndpointAccess(target);
        if (!access.ok) return setError(access.reason);
      }
      const next = await send('settings.set', patch);
      setSettings(next);
      setEndpoint(next.breachEndpoint);
      setError(null);
      app.toast(message);
    } catch (failure) {
      app.fail(failure);
    }
  }

  function saveEndpoint(event: Event): void {
    event.preventDefault();
    const parsed = breachEndpointSchema.safeParse(endpoint.trim());
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? t('error_server_url_invalid'));
    void save({ breachEndpoint: parsed.data }, TEXT.settingsSaved);
  }

  return (
    <section class="settings-section" aria-labelledby="health-settings-title">
      <h2 id="health-settings-title">{TEXT.settingsTitle}</h2>
      <CheckboxField
        label={TEXT.settingsCheck}
        checked={settings.breachCheck}
        hint={TEXT.settingsCheckHint}
        onChange={(breachCheck) => void save({ breachCheck }, t('common_setting_saved'))}
      />
      <form class="form" noValidate onSubmit={saveEndpoint}>
        <TextField
          label={TEXT.settingsEndpoint}
          type="url"
          value={endpoint}
          onInput={setEndpoint}
          hint={TEXT.settingsEndpointHint}
          error={error}
          mono
        />
        <div class="button-row">
          <button type="submit" class="button" disabled={endpoint.trim() === settings.breachEndpoint}>
            {TEXT.settingsSave}
          </button>
          {settings.breachEndpoint !== DEFAULT_BREACH_ENDPOINT && (
            <button type="button" class="button" onClick={() => void save({ breachEndpoint: DEFAULT_BREACH_ENDPOINT }, TEXT.settingsSaved)}>
              {TEXT.settingsReset}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
