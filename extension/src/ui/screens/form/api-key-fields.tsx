// API key or token: key, secret, the service it is for, and the dates that drive rotation reminders.
import type { JSX } from 'preact';
import { SecretInput } from '../../components/secret-input';
import { TextArea, TextField } from '../../components/text-field';
import type { FieldsProps } from './form-types';

export function ApiKeyFields(props: FieldsProps<'api-key'>): JSX.Element {
  const { item, set } = props;
  return (
    <>
      <SecretInput label="Key" value={item.key} onInput={(v) => set('key', v)} />
      <SecretInput label="Secret" value={item.secret} onInput={(v) => set('secret', v)} />
      <TextField
        label="Service URL"
        type="text"
        inputMode="url"
        placeholder="https://api.example.com"
        value={item.serviceUrl}
        onInput={(v) => set('serviceUrl', v)}
      />
      <div class="form-row">
        <TextField label="Expires on" type="date" value={item.expiresOn ?? ''} onInput={(v) => set('expiresOn', v || null)} />
        <TextField label="Rotate by" type="date" value={item.rotationDueOn ?? ''} onInput={(v) => set('rotationDueOn', v || null)} />
      </div>
      <TextArea label="Notes" value={item.notes} onInput={(v) => set('notes', v)} />
    </>
  );
}
