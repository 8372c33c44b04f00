// The export screen: the format (Keyhold encrypted, or Bitwarden JSON / CSV with a plain warning
// that the file is not encrypted), the export password twice with its strength for Keyhold's file,
// and the master password, which the background checks (vault.exportItems) before it gives the
// items to this page. The file is made here and saved through a Blob link; the decrypted items are
// not kept in the screen's state.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage, isLockedError } from '../../app/errors';
import { TopBar } from '../../components/top-bar';
import { SecretInput } from '../../components/secret-input';
import { StrengthMeter } from '../../components/strength-meter';
import { ErrorText } from '../../components/error-text';
import { Spinner } from '../../components/spinner';
import { downloadFile, makeExportFile, type ExportKind } from './export-file';
import { TEXT } from './export-text';
import '../import/import.css';
import { ScreenRoot } from '../../components/screen-root';

const KINDS: readonly { kind: ExportKind; label: string }[] = [
  { kind: 'keyhold', label: TEXT.keyhold },
  { kind: 'bitwarden-json', label: TEXT.bitwardenJson },
  { kind: 'bitwarden-csv', label: TEXT.bitwardenCsv },
];

export function ExportScreen(props: { onClose: () => void }): JSX.Element {
  const app = useApp();
  const [kind, setKind] = useState<ExportKind>('keyhold');
  const [exportPassword, setExportPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [master, setMaster] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const encrypted = kind === 'keyhold';

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setDone(null);
    if (encrypted && exportPassword !== confirm) return setError(TEXT.mismatch);
    setBusy(true);
    try {
      const { items, unreadable } = await send('vault.exportItems', { password: master });
      setMaster('');
      let file;
      try {
        file = await makeExportFile(kind, items, { password: exportPassword, date: new Date() });
      } catch {
        setError(TEXT.failed);
        return;
      }
      downloadFile(file);
      setExportPassword('');
      setConfirm('');
      setDone([TEXT.done(items.length, file.name), unreadable > 0 ? TEXT.unreadable(unreadable) : ''].join(' ').trim());
    } catch (failure) {
      if (isLockedError(failure)) return app.fail(failure);
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ScreenRoot class="screen export-screen" data-testid="export-screen">
      <TopBar title={TEXT.title} onBack={props.onClose} />
      <div class="screen-body">
        <p class="hint">{TEXT.intro}</p>
        <form class="form" aria-label={TEXT.title} noValidate onSubmit={(e) => void submit(e)}>
          <fieldset class="form-group">
            <legend>{TEXT.formatLegend}</legend>
            {KINDS.map((k) => (
              <label key={k.kind} class="inline-check">
                <input type="radio" name="export-format" checked={kind === k.kind} onChange={() => setKind(k.kind)} />
                <span>{k.label}</span>
              </label>
            ))}
            <p class="hint">{encrypted ? TEXT.keyholdHint : TEXT.plainHint}</p>
          </fieldset>
          {encrypted ? (
            <>
              <SecretInput
                label={TEXT.exportPassword}
                value={exportPassword}
                autocomplete="new-password"
                hint={TEXT.exportPasswordHint}
                onInput={setExportPassword}
                below={<StrengthMeter password={exportPassword} />}
              />
              <SecretInput label={TEXT.confirmPassword} value={confirm} autocomplete="new-password" onInput={setConfirm} />
            </>
          ) : (
            <p class="banner warning export-warning" role="note" data-testid="export-plain-warning">
              {TEXT.plainWarning}
            </p>
          )}
          <SecretInput label={TEXT.masterPassword} value={master} autocomplete="current-password" hint={TEXT.masterHint} onInput={setMaster} />
          <ErrorText message={error} />
          {done && (
            <p class="banner" role="status" data-testid="export-result">
              {done}
            </p>
          )}
          <div class="button-row">
            <button type="submit" class="button primary" disabled={busy || !master || (encrypted && (!exportPassword || !confirm))}>
              {busy ? <Spinner label={TEXT.exporting} /> : TEXT.exportButton}
            </button>
          </div>
        </form>
      </div>
    </ScreenRoot>
  );
}
