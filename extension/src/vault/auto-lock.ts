// Auto-lock: after N minutes without activity (an alarm, so it survives service-worker restarts),
// and when the system locks or goes idle if the user asked for it. A browser restart locks by
// construction: the key lives only in memory and in `storage.session`.
import { browser } from 'wxt/browser';
import { autoLockMinutes, type Settings } from './settings';

const ALARM = 'auto-lock';

export type AutoLockDeps = { lock: () => Promise<void>; isUnlocked: () => Promise<boolean>; settings: () => Promise<Settings> };

export function createAutoLock(deps: AutoLockDeps) {
  async function schedule(): Promise<void> {
    const minutes = autoLockMinutes(await deps.settings());
    // create() replaces an alarm of the same name; clear only when no timer applies.
    if (minutes !== null && (await deps.isUnlocked())) await browser.alarms.create(ALARM, { delayInMinutes: minutes });
    else await browser.alarms.clear(ALARM);
  }

  function start(): void {
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ALARM) void deps.lock();
    });
    browser.idle.onStateChanged.addListener((state) => {
      void (async () => {
        const settings = await deps.settings();
        if (!settings.lockOnIdle || settings.autoLock === 'never') return;
        if (state === 'locked' || (state === 'idle' && autoLockMinutes(settings) !== null)) await deps.lock();
      })();
    });
    void deps.settings().then((s) => browser.idle.setDetectionInterval(Math.max(60, (autoLockMinutes(s) ?? 15) * 60)));
  }

  return {
    start,
    /** Called on unlock and on user activity: restarts the inactivity timer. */
    touch: schedule,
    async settingsChanged(settings: Settings): Promise<void> {
      browser.idle.setDetectionInterval(Math.max(60, (autoLockMinutes(settings) ?? 15) * 60));
      await schedule();
    },
    async cancel(): Promise<void> {
      await browser.alarms.clear(ALARM);
    },
  };
}
