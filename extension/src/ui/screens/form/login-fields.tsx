// Login: usernames, the password (reveal, strength, and the generator inline), the one-time-code
// secret (checked as it is typed), websites with their match modes, notes and custom fields.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { SecretInput } from '../../components/secret-input';
import { TextArea, TextField } from '../../components/text-field';
import { IconButton } from '../../components/icon-button';
import { StrengthMeter } from '../../components/strength-meter';
import { useTotp } from '../../hooks/use-totp';
import { GeneratorPanel } from '../generator/generator-panel';
import { UrlsEditor } from './urls-editor';
import { CustomFieldsEditor } from './custom-fields-editor';
import type { FieldsProps } from './form-types';
import { t } from '../../../i18n/messages';

export function LoginFields(props: FieldsProps<'login'>): JSX.Element {
  const { item, set } = props;
  const [generating, setGenerating] = useState(false);
  const totp = useTotp(item.totp);
  const userInputs = [item.username, String(item.name ?? '')].filter(Boolean);

  return (
    <>
      <TextField label={t('common_username')} value={item.username} autocomplete="off" onInput={(v) => set('username', v)} />
      {item.extraUsernames.map((u, i) => (
        <TextField
          key={i}
          label={t('form_login_username_n', i + 2)}
          value={u}
          onInput={(v) =>
            set(
              'extraUsernames',
              item.extraUsernames.map((x, j) => (j === i ? v : x)),
            )
          }
        >
          <IconButton
            icon="close"
            label={t('form_login_remove_username_n', i + 2)}
            onClick={() =>
              set(
                'extraUsernames',
                item.extraUsernames.filter((_, j) => j !== i),
              )
            }
          />
        </TextField>
      ))}
      <button type="button" class="link-button" onClick={() => set('extraUsernames', [...item.extraUsernames, ''])}>
        {t('form_login_add_another_username')}
      </button>
      <SecretInput
        label={t('common_password')}
        value={item.password}
        autocomplete="new-password"
        onInput={(v) => set('password', v)}
        below={<StrengthMeter password={item.password} userInputs={userInputs} />}
      >
        <IconButton icon="dice" label={t('form_login_generate_a_password')} pressed={generating} onClick={() => setGenerating((g) => !g)} />
      </SecretInput>
      {generating && (
        <div class="inline-generator">
          <GeneratorPanel
            site={{ url: item.urls[0]?.url ?? '' }}
            onUse={(value) => {
              set('password', value);
              setGenerating(false);
            }}
          />
        </div>
      )}
      <TextField
        label={t('form_login_one_time_code_secret_totp')}
        value={item.totp}
        mono
        placeholder={t('form_login_otpauth_or_base32_secret')}
        error={totp && !totp.ok ? totp.reason : null}
        hint={totp && totp.ok ? t('form_login_current_code', totp.code) : undefined}
        onInput={(v) => set('totp', v)}
      />
      <UrlsEditor urls={item.urls} onChange={(urls) => set('urls', urls)} />
      <TextArea label={t('common_notes')} value={item.notes} onInput={(v) => set('notes', v)} />
      <CustomFieldsEditor fields={item.customFields} onChange={(fields) => set('customFields', fields)} />
    </>
  );
}
