// API key or token: key, secret, the service it is for, and the dates that drive rotation reminders.
import type { JSX } from 'preact';
import { SecretInput } from '../../components/secret-input';
import { TextArea, TextField } from '../../components/text-field';
import type { FieldsProps } from './form-types';
import { t } from '../../../i18n/messages';

export function ApiKeyFields(props: FieldsProps<'api-key'>): JSX.Element {
  const { item, set } = props;
  return (
    <>
      <SecretInput label={t('form_api_key_key')} value={item.key} onInput={(v) => set('key', v)} />
      <SecretInput label={t('form_api_key_secret')} value={item.secret} onInput={(v) => set('secret', v)} />
      <TextField
        label={t('form_api_key_service_url')}
        type="text"
        inputMode="url"
        placeholder="https://api.example.com"
        value={item.serviceUrl}
        onInput={(v) => set('serviceUrl', v)}
      />
      <div class="form-row">
        <TextField label={t('form_api_key_expires_on')} type="date" value={item.expiresOn ?? ''} onInput={(v) => set('expiresOn', v || null)} />
        <TextField
          label={t('form_api_key_rotate_by')}
          type="date"
          value={item.rotationDueOn ?? ''}
          onInput={(v) => set('rotationDueOn', v || null)}
        />
      </div>
      <TextArea label={t('common_notes')} value={item.notes} onInput={(v) => set('notes', v)} />
    </>
  );
}
