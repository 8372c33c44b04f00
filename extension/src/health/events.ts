// The health run's progress, told to every open extension page as it changes (at most a few times a
// second): `{ type: 'keyhold:health', status }`. The status holds counts and a phase, nothing secret.
import type { HealthStatus } from './health-view';

export const HEALTH_EVENT = 'keyhold:health';

export type HealthEvent = { type: typeof HEALTH_EVENT; status: HealthStatus };

/** Whether a runtime message is a health event from our own background (not from a tab). */
export function healthEventStatus(message: unknown, sender: { id?: string; tab?: unknown }, extensionId: string): HealthStatus | null {
  if (sender.id !== extensionId || sender.tab !== undefined) return null;
  const m = message as Partial<HealthEvent> | null;
  return m?.type === HEALTH_EVENT && typeof m.status === 'object' && m.status !== null ? m.status : null;
}

/**
 * Passes statuses on at most every `intervalMs`, always the newest, and a final state (not running)
 * at once: a 10,000-item run reports thousands of steps, the views need a few a second.
 */
export function throttleStatus(send: (status: HealthStatus) => void, options: { intervalMs: number; now: () => number }) {
  let last = -Infinity;
  let pending: HealthStatus | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    last = options.now();
    const status = pending;
    pending = null;
    send(status);
  };
  return (status: HealthStatus) => {
    pending = status;
    if (status.state !== 'running') {
      clearTimeout(timer);
      return flush();
    }
    if (timer !== undefined) return;
    timer = setTimeout(flush, Math.max(0, last + options.intervalMs - options.now()));
  };
}
