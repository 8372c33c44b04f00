// The current time, re-rendered every `everyMs` while `enabled` (the TOTP countdown, the unlock delay).
import { useEffect, useState } from 'preact/hooks';

export function useNow(options: { everyMs: number; enabled?: boolean }): number {
  const { everyMs, enabled = true } = options;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, enabled]);
  return now;
}
