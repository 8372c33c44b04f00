// Preferences that apply at once: auto-lock, lock on idle, clipboard clearing, theme, and what
// happens to a one-time code after autofill.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { CLIPBOARD_CLEAR_CHOICES, type Settings } from '../../../vault/settings';
import { useApp } from '../../app/context';
import { CheckboxField, SelectField } from '../../components/text-field';
import { clipboardClearLabel } from '../../lib/format';
import { applyTheme } from '../../lib/theme';
import { t, tp } from '../../../i18n/messages';

const AUTO_LOCK = [
  { value: '1', label: tp('format_after_minutes', 1) },
  { value: '5', label: tp('format_after_minutes', 5) },
  { value: '15', label: tp('format_after_minutes', 15) },
  { value: '30', label: tp('format_after_minutes', 30) },
  { value: '60', label: t('settings_autolock_1_hour') },
  { value: 'restart', label: t('settings_autolock_restart') },
  { value: 'never', label: t('settings_autolock_never') },
] as const satisfies readonly { value: Settings['autoLock']; label: string }[];

const CLIPBOARD = CLIPBOARD_CLEAR_CHOICES.map((seconds) => ({ value: String(seconds), label: clipboardClearLabel(seconds) }));

const THEMES = [
  { value: 'system', label: t('settings_theme_system') },
  { value: 'light', label: t('settings_theme_light') },
  { value: 'dark', label: t('settings_theme_dark') },
] as const satisfies readonly { value: Settings['theme']; label: string }[];

const TOTP_AFTER_FILL = [
  { value: 'fill', label: t('settings_shortcut_fill') },
  { value: 'copy', label: t('settings_shortcut_copy') },
] as const satisfies readonly { value: Settings['totpAfterFill']; label: string }[];

export function PreferencesSection(props: { initial: Settings }): JSX.Element {
  const app = useApp();
  const [settings, setSettings] = useState(props.initial);

  async function change(patch: Partial<Settings>): Promise<void> {
    const before = settings;
    setSettings({ ...settings, ...patch });
    if (patch.theme) applyTheme(patch.theme);
    try {
      setSettings(await send('settings.set', patch));
      app.toast(t('common_setting_saved'));
    } catch (error) {
      setSettings(before);
      if (patch.theme) applyTheme(before.theme);
      app.fail(error);
    }
  }

  const clipboardValue = String(settings.clipboardClearSeconds);
  const clipboardOptions = CLIPBOARD.some((o) => o.value === clipboardValue)
    ? CLIPBOARD
    : [...CLIPBOARD, { value: clipboardValue, label: clipboardClearLabel(settings.clipboardClearSeconds) }];

  return (
    <section class="settings-section" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('settings_preferences_locking_and_clipboard')}</h2>
      <SelectField
        label={t('settings_preferences_lock_automatically')}
        value={settings.autoLock}
        options={AUTO_LOCK}
        onChange={(autoLock) => void change({ autoLock })}
      />
      <CheckboxField
        label={t('settings_preferences_lock_when_the_computer_locks')}
        checked={settings.lockOnIdle}
        onChange={(lockOnIdle) => void change({ lockOnIdle })}
      />
      <SelectField
        label={t('settings_preferences_clear_copied_secrets_from_the')}
        value={clipboardValue}
        options={clipboardOptions}
        hint={t('settings_preferences_only_if_the_clipboard_still')}
        onChange={(v) => void change({ clipboardClearSeconds: Number(v) })}
      />
      <h2>{t('settings_preferences_appearance_and_autofill')}</h2>
      <SelectField label={t('settings_preferences_theme')} value={settings.theme} options={THEMES} onChange={(theme) => void change({ theme })} />
      <SelectField
        label={t('settings_preferences_one_time_code_after_filling')}
        value={settings.totpAfterFill}
        options={TOTP_AFTER_FILL}
        onChange={(totpAfterFill) => void change({ totpAfterFill })}
      />
      <CheckboxField
        label={t('settings_preferences_ask_for_the_master_password')}
        checked={settings.passkeyAskPassword}
        onChange={(passkeyAskPassword) => void change({ passkeyAskPassword })}
      />
    </section>
  );
}
