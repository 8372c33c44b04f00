// The import's first step: the format (preselected from the file), the file itself (picked or
// dropped), its password and KeePass key file when it has them, and the column mapping for a generic
// CSV. Reading the file happens here, in the page: the background never sees it.
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { IMPORT_FORMAT_IDS, IMPORT_FORMATS, type ImportFormatId } from '@keyhold/shared/import/registry';
import { detectFormat } from '@keyhold/shared/import/detect-format';
import { IMPORT_LIMITS } from '@keyhold/shared/import/limits';
import type { ColumnMapping } from '@keyhold/shared/import/formats/generic-csv';
import { SelectField } from '../../components/text-field';
import { SecretInput } from '../../components/secret-input';
import { ErrorText } from '../../components/error-text';
import { Spinner } from '../../components/spinner';
import { ColumnMappingFields } from './column-mapping';
import { TEXT } from './import-text';

export type ChosenFile = { name: string; bytes: Uint8Array };

export type FileChoice = {
  format: ImportFormatId | '';
  file: ChosenFile | null;
  password: string;
  keyFile: ChosenFile | null;
  mapping: ColumnMapping;
  headers: readonly string[] | null;
  /** Set once a parse said the file needs a password (a Bitwarden export may or may not have one). */
  askPassword: boolean;
};

export const EMPTY_CHOICE: FileChoice = { format: '', file: null, password: '', keyFile: null, mapping: {}, headers: null, askPassword: false };

const FORMAT_OPTIONS = [
  { value: '' as const, label: TEXT.detectOption },
  ...IMPORT_FORMAT_IDS.map((id) => ({ value: id, label: IMPORT_FORMATS[id].label })),
];

async function readFile(file: File): Promise<ChosenFile> {
  if (file.size > IMPORT_LIMITS.maxZipBytes) throw new RangeError(TEXT.tooLarge);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function ChooseFile(props: {
  value: FileChoice;
  onChange: (next: FileChoice) => void;
  /** Reads the generic CSV's header row when that format and a file are chosen. */
  readHeaders: (file: ChosenFile) => readonly string[] | null;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
}): JSX.Element {
  const { value, onChange } = props;
  const fileId = useId();
  const keyFileId = useId();
  const [detected, setDetected] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);

  function withFormat(next: FileChoice): FileChoice {
    if (next.format !== 'generic-csv' || !next.file) return { ...next, headers: null };
    return { ...next, headers: props.readHeaders(next.file) };
  }

  async function take(file: File | undefined): Promise<void> {
    if (!file) return;
    setFileError(null);
    try {
      const chosen = await readFile(file);
      const guess = detectFormat(chosen.name, chosen.bytes);
      setDetected(guess ? TEXT.detected(IMPORT_FORMATS[guess].label) : value.format === '' ? TEXT.noFormat : null);
      onChange(withFormat({ ...value, file: chosen, format: guess ?? value.format, password: '', askPassword: false }));
    } catch (error) {
      setFileError(error instanceof RangeError ? error.message : TEXT.unreadable);
    }
  }

  const needsPassword = value.askPassword || value.format === 'kdbx' || value.format === 'keyhold';
  return (
    <form
      class="form"
      aria-label={TEXT.title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <div
        class={`form-field import-drop${dragging ? ' dragging' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void take(e.dataTransfer?.files[0]);
        }}
      >
        <label for={fileId}>{TEXT.fileLabel}</label>
        <input id={fileId} type="file" data-testid="import-file" onChange={(e) => void take((e.currentTarget as HTMLInputElement).files?.[0])} />
        <p class="hint">{value.file ? value.file.name : TEXT.dropHint}</p>
        <ErrorText message={fileError} />
      </div>
      <SelectField
        label={TEXT.formatLabel}
        value={value.format}
        options={FORMAT_OPTIONS}
        onChange={(format) => onChange(withFormat({ ...value, format, askPassword: false }))}
        {...(detected ? { hint: detected } : {})}
      />
      {needsPassword && (
        <SecretInput
          label={TEXT.passwordLabel}
          value={value.password}
          autocomplete="off"
          autoFocus={value.askPassword}
          hint={value.askPassword && !value.password ? TEXT.needsPassword : TEXT.passwordHint}
          onInput={(password) => onChange({ ...value, password })}
        />
      )}
      {value.format === 'kdbx' && (
        <div class="form-field">
          <label for={keyFileId}>{TEXT.keyFileLabel}</label>
          <input
            id={keyFileId}
            type="file"
            onChange={(e) => {
              const file = (e.currentTarget as HTMLInputElement).files?.[0];
              if (!file) return onChange({ ...value, keyFile: null });
              readFile(file).then(
                (keyFile) => onChange({ ...value, keyFile }),
                () => setFileError(TEXT.unreadable),
              );
            }}
          />
        </div>
      )}
      {value.format === 'generic-csv' && value.headers && (
        <ColumnMappingFields headers={value.headers} value={value.mapping} onChange={(mapping) => onChange({ ...value, mapping })} />
      )}
      <ErrorText message={props.error} />
      <div class="button-row">
        <button type="submit" class="button primary" disabled={props.busy || !value.file || value.format === ''}>
          {props.busy ? <Spinner label={TEXT.reading} /> : TEXT.preview}
        </button>
      </div>
    </form>
  );
}
