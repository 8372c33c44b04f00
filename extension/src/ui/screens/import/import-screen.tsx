// The import screen of the full-page vault, as named steps: choose (format, file, password, columns)
// → preview (parsed here in the page) → staging (chunks sent to the background, which checks and
// seals them; progress and Cancel) → review (duplicate counts, update or add) → committing (one
// transaction) → done. An error sends the user back to the step it came from with what they chose
// kept; until the commit nothing is written, so leaving the screen cancels cleanly.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isImportError } from '@keyhold/shared/import/import-error';
import { decodeText } from '@keyhold/shared/import/decode-text';
import { readCsv } from '@keyhold/shared/import/read-csv';
import { sniffDelimiter } from '@keyhold/shared/import/formats/generic-csv';
import { send } from '../../../messaging/client';
import { IMPORT_TOUCH_MS, type DuplicateChoice, type ImportOutcome, type ImportProgress } from '../../../import/import-session';
import { parseFile, type ParsedFile } from '../../../import/parse-file';
import { ImportCancelled, stageImport, type ImportTransport } from '../../../import/send-import';
import { useApp } from '../../app/context';
import { errorMessage, isLockedError } from '../../app/errors';
import { TopBar } from '../../components/top-bar';
import { ErrorText } from '../../components/error-text';
import { Spinner } from '../../components/spinner';
import { TYPE_ORDER } from '../../lib/item-types';
import { ChooseFile, EMPTY_CHOICE, type ChosenFile, type FileChoice } from './choose-file';
import { guessMapping } from './column-mapping';
import { PreviewStep } from './preview-step';
import { TEXT } from './import-text';
import './import.css';
import { ScreenRoot } from '../../components/screen-root';

type Step =
  | { name: 'choose' }
  | { name: 'preview'; parsed: ParsedFile }
  | { name: 'staging'; parsed: ParsedFile; progress: ImportProgress }
  | { name: 'review'; parsed: ParsedFile; importId: string; progress: ImportProgress }
  | { name: 'committing'; importId: string }
  | { name: 'done'; outcome: ImportOutcome };

const transport: ImportTransport = {
  begin: (total) => send('import.begin', { total }),
  add: (importId, items) => send('import.add', { importId, items }),
  commit: (importId, duplicates) => send('import.commit', { importId, duplicates }),
  cancel: (importId) => send('import.cancel', { importId }),
};

const HEAD_BYTES = 64 * 1024;

function headersOf(file: ChosenFile): readonly string[] | null {
  try {
    // The header row is near the start: only that much is read on the page (a big file is parsed in the worker).
    const head = decodeText(file.bytes.subarray(0, HEAD_BYTES));
    const firstRow = head.slice(0, head.search(/\r?\n/) + 1 || undefined);
    return readCsv(firstRow, { delimiter: sniffDelimiter(firstRow) }).headers;
  } catch {
    return null;
  }
}

export function ImportScreen(props: { onClose: () => void }): JSX.Element {
  const app = useApp();
  const [choice, setChoice] = useState<FileChoice>(EMPTY_CHOICE);
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateChoice>('update');
  const abort = useRef<AbortController | null>(null);
  // The staged import, so leaving the screen drops it in the background.
  const staged = useRef<string | null>(null);
  // The parsed file (held in its worker): let go when another file is read or the screen closes.
  const held = useRef<ParsedFile | null>(null);

  function hold(parsed: ParsedFile | null): void {
    if (held.current !== parsed) held.current?.close();
    held.current = parsed;
  }

  useEffect(
    () => () => {
      abort.current?.abort();
      hold(null);
      if (staged.current) void send('import.cancel', { importId: staged.current }).catch(() => undefined);
    },
    [],
  );

  // While the user reviews, the staged import is touched so the background keeps it (and its worker).
  const reviewing = step.name === 'review' ? step : null;
  useEffect(() => {
    if (!reviewing) return;
    const timer = setInterval(() => {
      send('import.touch', { importId: reviewing.importId }).catch((failure: unknown) => {
        staged.current = null;
        failed(failure, { name: 'preview', parsed: reviewing.parsed });
      });
    }, IMPORT_TOUCH_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one timer per staged import
  }, [reviewing?.importId]);

  function changeChoice(next: FileChoice): void {
    setError(null);
    // A generic CSV gets a first mapping guessed from its header row.
    if (next.headers && next.headers !== choice.headers) next = { ...next, mapping: guessMapping(next.headers) };
    setChoice(next);
  }

  function failed(failure: unknown, back: Step): void {
    if (isLockedError(failure)) return app.fail(failure);
    setError(failure instanceof ImportCancelled ? TEXT.cancelled : `${errorMessage(failure)} ${TEXT.notWritten}`);
    setStep(back);
  }

  async function read(): Promise<void> {
    if (!choice.file || choice.format === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      // Only what the format reads is passed: a password, a key file, a mapping.
      const options = {
        ...(choice.password ? { password: choice.password } : {}),
        ...(choice.keyFile ? { keyFile: choice.keyFile.bytes } : {}),
        ...(choice.format === 'generic-csv' ? { mapping: choice.mapping } : {}),
      };
      hold(null);
      const parsed = await parseFile(choice.format, choice.file.bytes, options, TYPE_ORDER);
      hold(parsed);
      setStep({ name: 'preview', parsed });
    } catch (failure) {
      if (isImportError(failure)) {
        if (failure.detail.code === 'password-required') setChoice((c) => ({ ...c, askPassword: true }));
        setError(failure.message);
      } else setError(TEXT.unreadable);
    } finally {
      setBusy(false);
    }
  }

  async function stage(parsed: ParsedFile): Promise<void> {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setStep({ name: 'staging', parsed, progress: { received: 0, total: parsed.total, counts: { new: 0, identical: 0, updates: 0 } } });
    try {
      const { importId, progress } = await stageImport(transport, parsed, {
        signal: controller.signal,
        onProgress: (p) => setStep({ name: 'staging', parsed, progress: p }),
      });
      staged.current = importId;
      setStep({ name: 'review', parsed, importId, progress });
    } catch (failure) {
      failed(failure, { name: 'preview', parsed });
    } finally {
      abort.current = null;
    }
  }

  async function commit(parsed: ParsedFile, importId: string): Promise<void> {
    setError(null);
    setStep({ name: 'committing', importId });
    try {
      const outcome = await send('import.commit', { importId, duplicates });
      staged.current = null;
      hold(null);
      app.changed();
      setStep({ name: 'done', outcome });
    } catch (failure) {
      staged.current = null;
      failed(failure, { name: 'preview', parsed });
    }
  }

  function cancelReview(importId: string): void {
    staged.current = null;
    void send('import.cancel', { importId }).catch(() => undefined);
    setError(TEXT.cancelled);
    hold(null);
    setStep({ name: 'choose' });
  }

  return (
    <ScreenRoot class="screen import-screen" data-testid="import-screen">
      <TopBar title={TEXT.title} onBack={props.onClose} />
      <div class="screen-body">
        {step.name === 'choose' && (
          <>
            <p class="hint">{TEXT.intro}</p>
            <ChooseFile value={choice} onChange={changeChoice} readHeaders={headersOf} busy={busy} error={error} onSubmit={() => void read()} />
          </>
        )}
        {step.name === 'preview' && (
          <>
            <ErrorText message={error} />
            <PreviewStep
              preview={step.parsed.preview}
              onBack={() => {
                setError(null);
                hold(null);
                setStep({ name: 'choose' });
              }}
              onContinue={() => void stage(step.parsed)}
            />
          </>
        )}
        {step.name === 'staging' && (
          <div class="import-progress" data-testid="import-progress">
            <progress max={step.progress.total} value={step.progress.received} aria-label={TEXT.progressLabel} />
            <p role="status">{TEXT.staging(step.progress.received, step.progress.total)}</p>
            <div class="button-row">
              <button type="button" class="button" onClick={() => abort.current?.abort()}>
                {TEXT.cancel}
              </button>
            </div>
          </div>
        )}
        {step.name === 'review' && (
          <Review
            progress={step.progress}
            duplicates={duplicates}
            onDuplicates={setDuplicates}
            error={error}
            onImport={() => void commit(step.parsed, step.importId)}
            onCancel={() => cancelReview(step.importId)}
          />
        )}
        {step.name === 'committing' && (
          <div class="import-progress">
            <progress aria-label={TEXT.progressLabel} />
            <Spinner label={TEXT.committing} />
          </div>
        )}
        {step.name === 'done' && (
          <div class="import-done" data-testid="import-result">
            <h2>{TEXT.doneTitle}</h2>
            <p role="status">{TEXT.done(step.outcome.added, step.outcome.updated, step.outcome.skipped)}</p>
            <div class="button-row">
              <button type="button" class="button primary" onClick={props.onClose}>
                {TEXT.close}
              </button>
              <button
                type="button"
                class="button"
                onClick={() => {
                  setChoice(EMPTY_CHOICE);
                  setStep({ name: 'choose' });
                }}
              >
                {TEXT.another}
              </button>
            </div>
          </div>
        )}
      </div>
    </ScreenRoot>
  );
}

function Review(props: {
  progress: ImportProgress;
  duplicates: DuplicateChoice;
  onDuplicates: (choice: DuplicateChoice) => void;
  error: string | null;
  onImport: () => void;
  onCancel: () => void;
}): JSX.Element {
  const { counts } = props.progress;
  const writing = counts.new + counts.updates;
  return (
    <div class="import-review" data-testid="import-review">
      <h2>{TEXT.reviewTitle}</h2>
      <ul class="import-summary">
        <li data-testid="import-new-count">{TEXT.newItems(counts.new)}</li>
        {counts.identical > 0 && <li data-testid="import-identical-count">{TEXT.identical(counts.identical)}</li>}
        {counts.updates > 0 && <li data-testid="import-update-count">{TEXT.updates(counts.updates)}</li>}
      </ul>
      {counts.updates > 0 && (
        <fieldset class="form-group">
          <legend>{TEXT.duplicatesLegend}</legend>
          {(['update', 'add'] as const).map((choice) => (
            <label key={choice} class="inline-check">
              <input type="radio" name="import-duplicates" checked={props.duplicates === choice} onChange={() => props.onDuplicates(choice)} />
              <span>{choice === 'update' ? TEXT.updateChoice : TEXT.addChoice}</span>
            </label>
          ))}
        </fieldset>
      )}
      {writing === 0 && <p class="banner">{TEXT.nothingToImport}</p>}
      <ErrorText message={props.error} />
      <div class="button-row">
        <button type="button" class="button" onClick={props.onCancel}>
          {TEXT.cancel}
        </button>
        <button type="button" class="button primary" disabled={writing === 0} onClick={props.onImport}>
          {TEXT.importButton(writing)}
        </button>
      </div>
    </div>
  );
}
