// Payment card: cardholder, brand, number, expiry, security code and PIN (the secrets masked).
import type { JSX } from 'preact';
import { SecretInput } from '../../components/secret-input';
import { SelectField, TextArea, TextField } from '../../components/text-field';
import type { FieldsProps } from './form-types';
import { t } from '../../../i18n/messages';

const BRANDS = ['Visa', 'Mastercard', 'American Express', 'Discover', 'Diners Club', 'JCB', 'UnionPay', 'Maestro'];
const MONTHS = [
  { value: '', label: '--' },
  ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: String(i + 1).padStart(2, '0') })),
];

/** Expiry years offered: ten years back to twenty ahead, plus the stored one if it is outside. */
function yearOptions(stored: number | null): { value: string; label: string }[] {
  const now = new Date().getFullYear();
  const years = new Set<number>(Array.from({ length: 31 }, (_, i) => now - 10 + i));
  if (stored !== null) years.add(stored);
  return [{ value: '', label: '----' }, ...[...years].sort((a, b) => a - b).map((y) => ({ value: String(y), label: String(y) }))];
}

export function CardFields(props: FieldsProps<'card'>): JSX.Element {
  const { item, set } = props;
  return (
    <>
      <TextField label={t('form_card_cardholder')} value={item.cardholder} autocomplete="off" onInput={(v) => set('cardholder', v)} />
      <TextField label={t('form_card_brand')} value={item.brand} list="card-brands" onInput={(v) => set('brand', v)} />
      <datalist id="card-brands">
        {BRANDS.map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
      <SecretInput label={t('form_card_card_number')} value={item.number} inputMode="numeric" onInput={(v) => set('number', v)} />
      <div class="form-row">
        <SelectField
          label={t('form_card_expiry_month')}
          value={item.expMonth === null ? '' : String(item.expMonth)}
          options={MONTHS}
          onChange={(v) => set('expMonth', v ? Number(v) : null)}
        />
        <SelectField
          label={t('form_card_expiry_year')}
          value={item.expYear === null ? '' : String(item.expYear)}
          options={yearOptions(item.expYear)}
          onChange={(v) => set('expYear', v ? Number(v) : null)}
        />
      </div>
      <div class="form-row">
        <SecretInput label={t('form_card_security_code')} value={item.securityCode} inputMode="numeric" onInput={(v) => set('securityCode', v)} />
        <SecretInput label={t('form_card_pin')} value={item.pin} inputMode="numeric" onInput={(v) => set('pin', v)} />
      </div>
      <TextArea label={t('common_notes')} value={item.notes} onInput={(v) => set('notes', v)} />
    </>
  );
}
