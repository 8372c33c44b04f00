// The import's preview: what the file holds by type and by folder, what was kept in notes or custom
// fields, what was not imported and why (by line or item number). Nothing has been sent yet.
import type { JSX } from 'preact';
import type { ImportPreview } from '../../../import/preview';
import { TYPE_LABELS } from '../../lib/item-types';
import { TEXT } from './import-text';
import { t, tp } from '../../../i18n/messages';

/** "Logins", "Secure notes"… ("Items" for a type this version does not know). */
function typesLabel(type: string): string {
  return Object.hasOwn(TYPE_LABELS, type) ? TYPE_LABELS[type as keyof typeof TYPE_LABELS].many : t('list_items');
}

function ProblemList(props: { title: string; lines: readonly string[]; testid: string }): JSX.Element | null {
  if (props.lines.length === 0) return null;
  return (
    <section class="import-problems" data-testid={props.testid}>
      <h3>
        {props.title} ({props.lines.length})
      </h3>
      <ul>
        {props.lines.slice(0, 200).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
        {props.lines.length > 200 && <li class="muted">{tp('import_preview_and_more', props.lines.length - 200)}</li>}
      </ul>
    </section>
  );
}

export function PreviewStep(props: { preview: ImportPreview; onBack: () => void; onContinue: () => void }): JSX.Element {
  const { preview } = props;
  return (
    <div class="import-preview" data-testid="import-preview">
      <h2>{TEXT.previewTitle}</h2>
      {preview.total === 0 ? (
        <p class="banner warning">{TEXT.emptyFile}</p>
      ) : (
        <table class="import-counts" data-testid="import-type-counts">
          <tbody>
            {preview.byType.map(({ type, count }) => (
              <tr key={type}>
                <th scope="row">{typesLabel(type)}</th>
                <td>{count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.byFolder.length > 1 || (preview.byFolder[0] && preview.byFolder[0].folder !== null) ? (
        <>
          <h3>{TEXT.foldersTitle}</h3>
          <table class="import-counts" data-testid="import-folder-counts">
            <tbody>
              {preview.byFolder.map(({ folder, count }) => (
                <tr key={folder ?? ''}>
                  <th scope="row">{folder ?? TEXT.noFolder}</th>
                  <td>{count.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <ProblemList title={TEXT.keptTitle} lines={preview.kept} testid="import-kept" />
      <ProblemList title={TEXT.skippedTitle} lines={preview.skipped} testid="import-skipped" />
      <ProblemList title={TEXT.otherTitle} lines={preview.other} testid="import-other" />
      <div class="button-row">
        <button type="button" class="button" onClick={props.onBack}>
          {TEXT.back}
        </button>
        <button type="button" class="button primary" disabled={preview.total === 0} onClick={props.onContinue}>
          {TEXT.continue}
        </button>
      </div>
    </div>
  );
}
