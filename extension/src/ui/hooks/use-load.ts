// Loads data for a screen and re-loads when `deps` change; replies to an older load are dropped so
// a slow answer cannot overwrite a newer one.
import { useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: unknown };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> & { reload(): void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    load().then(
      (value) => mine === generation.current && setResult({ state: 'ok', value }),
      (error: unknown) => mine === generation.current && setResult({ state: 'error', error }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the load depends on
  }, [...deps, tick]);
  return { ...result, reload: () => setTick((t) => t + 1) };
}
