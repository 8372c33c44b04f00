// The live one-time code for a secret, updated every second.
import { useEffect, useState } from 'preact/hooks';
import { loadTotp, type TotpApi, type TotpReading } from '../lib/totp';
import { useNow } from './use-now';

export function useTotp(secret: string): TotpReading | null {
  const [api, setApi] = useState<TotpApi | null>(null);
  const now = useNow({ everyMs: 1000, enabled: secret.trim() !== '' });
  useEffect(() => {
    let live = true;
    loadTotp().then(
      (loaded) => live && setApi(() => loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (!api || !secret.trim()) return null;
  return api.read(secret, now);
}
