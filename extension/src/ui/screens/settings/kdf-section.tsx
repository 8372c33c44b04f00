// How costly unlocking is (Argon2id memory, iterations, parallelism). "Calibrate" times one
// derivation with the chosen values on this device and says what to make of the time; applying
// them needs the master password and re-wraps the vault key (the items are not re-encrypted). What
// is allowed comes from the KDF module (kdfCostProblem), said in the form's units as it is typed.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { kdfCostProblem, type KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage } from '../../app/errors';
import { SecretInput } from '../../components/secret-input';
import { TextField } from '../../components/text-field';
import { Spinner } from '../../components/spinner';
import { ErrorText } from '../../components/error-text';

type CostText = { memoryMiB: string; iterations: string; parallelism: string };

function toText(cost: KdfCost): CostText {
  return { memoryMiB: String(Math.round(cost.memoryKiB / 1024)), iterations: String(cost.iterations), parallelism: String(cost.parallelism) };
}

function toCost(text: CostText): KdfCost | null {
  const memoryMiB = Number(text.memoryMiB);
  const iterations = Number(text.iterations);
  const parallelism = Number(text.parallelism);
  if (![memoryMiB, iterations, parallelism].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { memoryKiB: memoryMiB * 1024, iterations, parallelism };
}

/** What a calibrated time means for the person choosing (a quarter of a second to a second is the usual aim). */
export function calibrationAdvice(ms: number): string {
  if (ms < 250) return 'That is quick: you could raise the memory or the iterations for more protection.';
  if (ms <= 1000) return 'That is a good balance between protection and waiting.';
  return 'That is slow: unlocking will make you wait. Consider lowering the iterations or the memory.';
}

export function KdfSection(props: { current: KdfCost }): JSX.Element {
  const app = useApp();
  const [current, setCurrent] = useState(props.current);
  const [text, setText] = useState(toText(props.current));
  const [measured, setMeasured] = useState<{ ms: number; for: string } | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'calibrate' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const typed = toCost(text);
  const problem = typed ? kdfCostProblem(typed) : 'Enter whole numbers above zero.';
  const cost = problem ? null : typed;
  const key = JSON.stringify(cost);

  async function calibrate(): Promise<void> {
    if (!cost) return;
    setBusy('calibrate');
    setError(null);
    try {
      const { ms } = await send('vault.calibrateKdf', cost);
      setMeasured({ ms, for: key });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function apply(event: Event): Promise<void> {
    event.preventDefault();
    if (!cost || !password) return;
    setBusy('apply');
    setError(null);
    try {
      await send('vault.setKdf', { password, ...cost });
      setPassword('');
      setCurrent(cost);
      app.toast('Unlock settings changed');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  const unchanged = cost !== null && JSON.stringify(current) === key;
  return (
    <section class="settings-section" aria-labelledby="kdf-title">
      <h2 id="kdf-title">Unlock cost (Argon2id)</h2>
      <p class="hint">Higher values make guessing your master password slower for an attacker, and unlocking slower for you.</p>
      <form class="form" onSubmit={(e) => void apply(e)} aria-label="Unlock cost" noValidate>
        <div class="form-row three">
          <TextField label="Memory (MiB)" type="number" min={19} value={text.memoryMiB} onInput={(v) => setText({ ...text, memoryMiB: v })} />
          <TextField label="Iterations" type="number" min={2} value={text.iterations} onInput={(v) => setText({ ...text, iterations: v })} />
          <TextField label="Parallelism" type="number" min={1} value={text.parallelism} onInput={(v) => setText({ ...text, parallelism: v })} />
        </div>
        <div class="button-row">
          <button type="button" class="button" disabled={!cost || busy !== null} onClick={() => void calibrate()}>
            {busy === 'calibrate' ? <Spinner label="Measuring…" /> : 'Calibrate'}
          </button>
          {measured && measured.for === key && (
            <span class="calibration" data-testid="kdf-time">
              Unlocking takes about <strong>{measured.ms} ms</strong> on this device. {calibrationAdvice(measured.ms)}
            </span>
          )}
        </div>
        {!unchanged && (
          <>
            <SecretInput label="Master password to apply" value={password} autocomplete="current-password" onInput={setPassword} />
            <button type="submit" class="button primary" disabled={!cost || !password || busy !== null}>
              {busy === 'apply' ? <Spinner label="Applying…" /> : 'Apply new unlock cost'}
            </button>
          </>
        )}
        <ErrorText message={error ?? problem} />
      </form>
    </section>
  );
}
