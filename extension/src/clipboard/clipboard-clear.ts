// Clears a copied secret from the clipboard after the configured delay — but only if the clipboard
// still holds what we put there (the user may have copied something else since). Only a SHA-256 of
// the secret is remembered, in `storage.session`. A timer does the work while the service worker is
// awake; an alarm catches it after a restart. Reading and writing the clipboard needs a document:
// Chrome's offscreen document (reason CLIPBOARD), or, on Firefox, the background itself: an event
// page, which is a document (docs/adr/0011-firefox-mv3.md).
import { browser } from 'wxt/browser';
import { clearClipboardIfHolds, clipboardFingerprint } from './clear-if-holds';
import { ensureOffscreenDocument } from '../common/offscreen-document';

const ALARM = 'clipboard-clear';
const PENDING = 'clipboardPending';

type Pending = { hash: string; clearAt: number };

export function createClipboardClear(deps: { seconds: () => Promise<number>; now: () => number }) {
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function runInDocument(hash: string): Promise<void> {
    if (typeof document !== 'undefined') {
      clearClipboardIfHolds(document, hash);
      return;
    }
    await ensureOffscreenDocument('CLIPBOARD', 'Clear a copied password from the clipboard after the delay the user chose.');
    await browser.runtime.sendMessage({ target: 'offscreen', type: 'clipboard.clearIfHolds', hash });
  }

  // Clearing runs from a timer or an alarm: nobody awaits it, so a failure (storage, the offscreen
  // document) is reported here instead of becoming an unhandled rejection in the worker.
  const notCleared = (error: unknown) => console.warn('Keyhold: the clipboard could not be cleared', error);

  async function fire(): Promise<void> {
    const pending = (await browser.storage.session.get(PENDING))[PENDING] as Pending | undefined;
    if (!pending) return;
    if (pending.clearAt > deps.now() + 250) {
      arm(pending);
      return;
    }
    await browser.storage.session.remove(PENDING);
    await browser.alarms.clear(ALARM);
    await runInDocument(pending.hash);
  }

  function arm(pending: Pending): void {
    clearTimeout(timer);
    timer = setTimeout(() => void fire().catch(notCleared), Math.max(0, pending.clearAt - deps.now()));
  }

  return {
    start(): void {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === ALARM) void fire().catch(notCleared);
      });
      void browser.storage.session.get(PENDING).then((got) => {
        const pending = got[PENDING] as Pending | undefined;
        if (pending) arm(pending);
      });
    },
    async copied(value: string): Promise<{ clearAfterSeconds: number }> {
      const seconds = await deps.seconds();
      if (seconds <= 0) return { clearAfterSeconds: 0 };
      const pending: Pending = { hash: clipboardFingerprint(value), clearAt: deps.now() + seconds * 1000 };
      await browser.storage.session.set({ [PENDING]: pending });
      arm(pending);
      await browser.alarms.create(ALARM, { when: pending.clearAt });
      return { clearAfterSeconds: seconds };
    },
  };
}
