// When sync runs in the service worker. A requested run is a timer (fine while the worker is awake,
// the usual case for a debounced local change) backed by an alarm, which survives the worker being
// stopped and restarted (Chrome's alarms fire no sooner than 30 s). The periodic run is a repeating
// alarm while signed in. Alarms are the MV3 way to schedule (developer.chrome.com, "alarms").
import { browser } from 'wxt/browser';
import type { SyncScheduler } from './engine';

export const SYNC_SOON_ALARM = 'sync-soon';
export const SYNC_PERIODIC_ALARM = 'sync-periodic';
const PERIOD_MINUTES = 5;
const ALARM_MIN_MS = 30_000;

export function createAlarmScheduler(run: () => void): SyncScheduler & { onAlarm(name: string): boolean } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = 0;
  return {
    // Of two requests, the sooner one wins: a later, longer one (a follow-up look at a held change)
    // must not push back a run already due sooner (a local write's debounce).
    runIn(delayMs) {
      if (timer !== undefined && dueAt <= Date.now() + delayMs) return;
      clearTimeout(timer);
      dueAt = Date.now() + delayMs;
      timer = setTimeout(() => {
        timer = undefined;
        void browser.alarms.clear(SYNC_SOON_ALARM);
        run();
      }, delayMs);
      void browser.alarms.create(SYNC_SOON_ALARM, { when: Date.now() + Math.max(delayMs, ALARM_MIN_MS) });
    },
    setPeriodic(on) {
      if (on) void browser.alarms.create(SYNC_PERIODIC_ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: PERIOD_MINUTES });
      else void browser.alarms.clear(SYNC_PERIODIC_ALARM);
    },
    /** True when the alarm was sync's (and a run was started). */
    onAlarm(name) {
      if (name !== SYNC_SOON_ALARM && name !== SYNC_PERIODIC_ALARM) return false;
      run();
      return true;
    },
  };
}
