// Identity (form-filling profile): name parts, contact, address, company, birth date.
import type { JSX } from 'preact';
import { TextArea, TextField } from '../../components/text-field';
import type { FieldsProps } from './form-types';

export function IdentityFields(props: FieldsProps<'identity'>): JSX.Element {
  const { item, set } = props;
  return (
    <>
      <div class="form-row">
        <TextField label="Title" class="narrow" value={item.title} onInput={(v) => set('title', v)} />
        <TextField label="First name" value={item.firstName} onInput={(v) => set('firstName', v)} />
      </div>
      <div class="form-row">
        <TextField label="Middle name" value={item.middleName} onInput={(v) => set('middleName', v)} />
        <TextField label="Last name" value={item.lastName} onInput={(v) => set('lastName', v)} />
      </div>
      <TextField label="Email" type="email" value={item.email} onInput={(v) => set('email', v)} />
      <TextField label="Phone" type="tel" value={item.phone} onInput={(v) => set('phone', v)} />
      <TextField label="Company" value={item.company} onInput={(v) => set('company', v)} />
      <TextArea
        label="Street address"
        rows={2}
        value={item.addressLines.join('\n')}
        onInput={(v) => set('addressLines', v.split('\n'))}
        hint="One line per address line."
      />
      <div class="form-row">
        <TextField label="Postal code" value={item.postalCode} onInput={(v) => set('postalCode', v)} />
        <TextField label="City" value={item.city} onInput={(v) => set('city', v)} />
      </div>
      <div class="form-row">
        <TextField label="Region" value={item.region} onInput={(v) => set('region', v)} />
        <TextField label="Country" value={item.country} onInput={(v) => set('country', v)} />
      </div>
      <TextField label="Birth date" type="date" value={item.birthDate ?? ''} onInput={(v) => set('birthDate', v || null)} />
      <TextArea label="Notes" value={item.notes} onInput={(v) => set('notes', v)} />
    </>
  );
}
