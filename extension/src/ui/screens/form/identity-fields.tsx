// Identity (form-filling profile): name parts, contact, address, company, birth date.
import type { JSX } from 'preact';
import { TextArea, TextField } from '../../components/text-field';
import type { FieldsProps } from './form-types';
import { t } from '../../../i18n/messages';

export function IdentityFields(props: FieldsProps<'identity'>): JSX.Element {
  const { item, set } = props;
  return (
    <>
      <div class="form-row">
        <TextField label={t('common_title')} class="narrow" value={item.title} onInput={(v) => set('title', v)} />
        <TextField label={t('form_identity_first_name')} value={item.firstName} onInput={(v) => set('firstName', v)} />
      </div>
      <div class="form-row">
        <TextField label={t('form_identity_middle_name')} value={item.middleName} onInput={(v) => set('middleName', v)} />
        <TextField label={t('form_identity_last_name')} value={item.lastName} onInput={(v) => set('lastName', v)} />
      </div>
      <TextField label={t('common_email')} type="email" value={item.email} onInput={(v) => set('email', v)} />
      <TextField label={t('form_identity_phone')} type="tel" value={item.phone} onInput={(v) => set('phone', v)} />
      <TextField label={t('form_identity_company')} value={item.company} onInput={(v) => set('company', v)} />
      <TextArea
        label={t('form_identity_street_address')}
        rows={2}
        value={item.addressLines.join('\n')}
        onInput={(v) => set('addressLines', v.split('\n'))}
        hint={t('form_identity_one_line_per_address_line')}
      />
      <div class="form-row">
        <TextField label={t('form_identity_postal_code')} value={item.postalCode} onInput={(v) => set('postalCode', v)} />
        <TextField label={t('form_identity_city')} value={item.city} onInput={(v) => set('city', v)} />
      </div>
      <div class="form-row">
        <TextField label={t('form_identity_region')} value={item.region} onInput={(v) => set('region', v)} />
        <TextField label={t('form_identity_country')} value={item.country} onInput={(v) => set('country', v)} />
      </div>
      <TextField label={t('form_identity_birth_date')} type="date" value={item.birthDate ?? ''} onInput={(v) => set('birthDate', v || null)} />
      <TextArea label={t('common_notes')} value={item.notes} onInput={(v) => set('notes', v)} />
    </>
  );
}
