// The health run's status as it changes (the background's events, with a slow poll as a fallback
// for a missed one) and the last report, loaded again whenever a run ends.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../../../messaging/client';
import { healthEventStatus } from '../../../health/events';
import type { HealthStatus, HealthView } from '../../../health/health-view';

const POLL_MS = 1000;

export function useHealth(onError: (error: unknown) => void) {
  const [view, setView] = useState<HealthView | null>(null);
  const [status, setStatus] = useState<HealthStatus | null>(null);

  const reload = useCallback(() => {
    send('health.report').then((next) => {
      setView(next);
      setStatus(next.status);
    }, onError);
  }, [onError]);

  useEffect(reload, [reload]);

  useEffect(() => {
    const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      const next = healthEventStatus(message, sender, browser.runtime.id);
      if (next) setStatus(next);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);

  const running = status?.state === 'running';
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => void send('health.status').then(setStatus, () => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [running]);

  // A run that ended (done, or stopped after caching some results): show the report as saved.
  const ended = status?.state === 'done' ? status.finishedAt : null;
  const loadedFor = useRef<number | null>(null);
  useEffect(() => {
    if (ended === null || view === null || view.report?.finishedAt === ended || loadedFor.current === ended) return;
    loadedFor.current = ended;
    reload();
  }, [ended, view, reload]);

  return {
    view,
    status,
    start: () => send('health.start').then(setStatus, onError),
    cancel: () => send('health.cancel').then(setStatus, onError),
  };
}
