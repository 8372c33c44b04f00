// A login's custom fields: name, kind (text, hidden, yes/no, link) and value. Hidden values are
// masked like passwords, in the form as in the view.
import type { JSX } from 'preact';
import { CUSTOM_FIELD_KINDS, type CustomField, type CustomFieldKind } from '@keyhold/shared/items/types/login';
import { IconButton } from '../../components/icon-button';
import { WrapInput } from '../../components/wrap-input';
import { t } from '../../../i18n/messages';

const KIND_LABELS: Record<CustomFieldKind, string> = {
  text: t('form_custom_kind_text'),
  hidden: t('form_custom_kind_hidden'),
  boolean: t('form_custom_kind_boolean'),
  url: t('field_link'),
};

export function CustomFieldsEditor(props: { fields: readonly CustomField[]; onChange: (fields: CustomField[]) => void }): JSX.Element {
  const update = (index: number, patch: Partial<CustomField>) => props.onChange(props.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <fieldset class="form-group">
      <legend>{t('form_custom_fields_editor_custom_fields')}</legend>
      {props.fields.map((field, i) => {
        const n = i + 1;
        return (
          <div class="custom-field" key={field.id}>
            <WrapInput
              class="custom-field-name"
              aria-label={t('form_custom_field_name_n', n)}
              placeholder={t('common_name')}
              value={field.name}
              onValue={(name) => update(i, { name })}
            />
            <select
              class="custom-field-kind"
              aria-label={t('form_custom_field_kind_n', n)}
              value={field.kind}
              onChange={(e) => {
                const kind = (e.currentTarget as HTMLSelectElement).value as CustomFieldKind;
                update(i, {
                  kind,
                  value:
                    kind === 'boolean'
                      ? field.value === 'true'
                        ? 'true'
                        : 'false'
                      : field.value === 'false' || field.value === 'true'
                        ? ''
                        : field.value,
                });
              }}
            >
              {CUSTOM_FIELD_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
            {field.kind === 'boolean' ? (
              <label class="inline-check custom-field-value">
                <input
                  type="checkbox"
                  checked={field.value === 'true'}
                  onChange={(e) => update(i, { value: String((e.currentTarget as HTMLInputElement).checked) })}
                />
                {t('common_yes')}
              </label>
            ) : field.kind === 'hidden' ? (
              <input
                type="password"
                class="mono custom-field-value"
                aria-label={t('form_custom_field_value_n', n)}
                placeholder={t('form_custom_fields_editor_value')}
                value={field.value}
                autocomplete="off"
                onInput={(e) => update(i, { value: (e.currentTarget as HTMLInputElement).value })}
              />
            ) : (
              <WrapInput
                class="custom-field-value"
                aria-label={t('form_custom_field_value_n', n)}
                placeholder={t('form_custom_fields_editor_value')}
                value={field.value}
                autocomplete="off"
                spellcheck={field.kind !== 'url'}
                onValue={(value) => update(i, { value })}
              />
            )}
            <IconButton
              icon="close"
              label={t('form_custom_field_remove_n', n)}
              class="custom-field-remove"
              onClick={() => props.onChange(props.fields.filter((_, j) => j !== i))}
            />
          </div>
        );
      })}
      <button
        type="button"
        class="link-button"
        onClick={() => props.onChange([...props.fields, { id: crypto.randomUUID(), name: '', value: '', kind: 'text' }])}
      >
        {t('form_custom_fields_editor_add_field')}
      </button>
    </fieldset>
  );
}
