// The generic CSV's mapping step: one select per Keyhold field, listing the file's columns, with a
// first guess from the column names. Columns left out are kept as custom fields by the importer.
import type { JSX } from 'preact';
import { GENERIC_TARGETS, type ColumnMapping, type GenericTarget } from '@keyhold/shared/import/formats/generic-csv';
import { SelectField } from '../../components/text-field';
import { TARGET_LABELS, TEXT } from './import-text';

const GUESSES: Record<GenericTarget, readonly string[]> = {
  name: ['name', 'title', 'account', 'item'],
  url: ['url', 'website', 'web site', 'login_uri', 'uri', 'site', 'address'],
  username: ['username', 'user', 'login', 'user name', 'email', 'login_username'],
  password: ['password', 'pass', 'login_password'],
  totp: ['totp', 'otp', 'otpauth', 'one-time code', '2fa', 'login_totp'],
  notes: ['notes', 'note', 'comments', 'extra'],
  folder: ['folder', 'group', 'grouping', 'category'],
  tags: ['tags', 'labels'],
  favorite: ['favorite', 'favourite', 'fav', 'starred'],
  type: ['type', 'kind'],
};

/** A first mapping: each field to the first column whose name is one of its usual names. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const target of GENERIC_TARGETS) {
    const column = headers.find((h) => !used.has(h) && GUESSES[target].includes(h.trim().toLowerCase()));
    if (column !== undefined) {
      mapping[target] = column;
      used.add(column);
    }
  }
  return mapping;
}

export function ColumnMappingFields(props: {
  headers: readonly string[];
  value: ColumnMapping;
  onChange: (next: ColumnMapping) => void;
}): JSX.Element {
  const options = [{ value: '', label: TEXT.notInFile }, ...[...new Set(props.headers)].map((h) => ({ value: h, label: h }))];
  return (
    <fieldset class="form-group import-columns" data-testid="import-columns">
      <legend>{TEXT.columnsTitle}</legend>
      <p class="hint">{TEXT.columnsHint}</p>
      {GENERIC_TARGETS.map((target) => (
        <SelectField
          key={target}
          label={TARGET_LABELS[target]}
          value={props.value[target] ?? ''}
          options={options}
          onChange={(column) => {
            const next = { ...props.value };
            if (column === '') delete next[target];
            else next[target] = column;
            props.onChange(next);
          }}
        />
      ))}
    </fieldset>
  );
}
