// The app shell shared by the popup and the full-page vault: boots from ONE popup.open reply (the
// status, this site's suggestions and the first page of the list, so the first paint waits for a
// single round trip), keeps the screen history, toasts, copying, activity pings, and sends the user
// to the unlock screen whenever the background says the vault is locked.
import type { JSX } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { onVaultChanged, onVaultLocked, send } from '../../messaging/client';
import type { ListRow } from '../../vault/list-row';
import type { ListPage } from '../../vault/overview-index';
import { createActivityPinger } from '../lib/activity';
import { copiedMessage } from '../lib/format';
import { currentScreen, needsUnlocked, popScreen, pushScreen, replaceScreen, screenForStatus, type History, type Screen } from '../lib/screens';
import { Toast, type ToastMessage } from '../components/toast';
import { Spinner } from '../components/spinner';
import { AppContext, type AppServices, type Layout } from './context';
import { copyText } from './clipboard';
import { errorMessage, isLockedError } from './errors';
import { ScreenView } from './screen-view';
import { popupStart, requestOpen, type OpenReply } from './open-request';
import { t } from '../../i18n/messages';

export { requestOpen, type OpenReply };

/** What the first paint of the list needs, from popup.open. */
export type FirstPaint = { suggestions: ListRow[]; page: ListPage | null; pageUrl: string | null };

export function App(props: { layout: Layout; opening: Promise<OpenReply> }): JSX.Element {
  const [history, setHistory] = useState<History>([{ name: 'loading' }]);
  const [first, setFirst] = useState<FirstPaint | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [dataVersion, setDataVersion] = useState(0);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const toastTimer = useRef<ReturnType<typeof setTimeout>>();
  const screen = currentScreen(history);
  const screenRef = useRef(screen);
  screenRef.current = screen;

  const apply = useCallback((reply: OpenReply) => {
    performance.mark('keyhold:opened');
    setFirst({ suggestions: reply.suggestions, page: reply.page, pageUrl: reply.pageUrl });
    const root = screenForStatus(reply.status);
    // Opened from the page's "Add a login for this site": the form, with the tab's site filled in.
    setHistory(root.name === 'list' && popupStart() === 'new-login' ? [root, { name: 'new', type: 'login' }] : [root]);
  }, []);
  const open = useCallback(async (reply?: OpenReply) => apply(reply ?? (await requestOpen())), [apply]);

  // The entry point sent popup.open before rendering; take its reply as soon as it lands (a layout
  // effect, not a passive one, which would wait for the next frame).
  useLayoutEffect(() => {
    props.opening.then(apply, (error: unknown) => setBootError(errorMessage(error)));
  }, [props.opening, apply]);

  const toastHeld = useRef(false);
  const showToast = useCallback((text: string, tone: 'info' | 'error' = 'info') => {
    clearTimeout(toastTimer.current);
    setToast({ id: Date.now(), text, tone });
    if (!toastHeld.current) toastTimer.current = setTimeout(() => setToast(null), tone === 'error' ? 7000 : 4000);
  }, []);
  // While the pointer or the focus is on the toast it stays; it leaves a few seconds after.
  const holdToast = useCallback((held: boolean) => {
    toastHeld.current = held;
    clearTimeout(toastTimer.current);
    if (!held) toastTimer.current = setTimeout(() => setToast(null), 4000);
  }, []);

  const toLockedScreen = useCallback(async () => {
    const status = await send('vault.status');
    setHistory([screenForStatus(status)]);
  }, []);

  // Locked (from any view, or by auto-lock): drop every decrypted value this view shows, at once. The
  // unlock screen replaces the whole screen stack, so no item view, revealed password or TOTP stays mounted.
  useEffect(
    () =>
      onVaultLocked(() => {
        clearTimeout(toastTimer.current);
        setToast(null);
        setFirst(null);
        // Any such screen in the stack, not just the top one: the stack itself holds values (a recovery key).
        setHistory((h) => (h.some(needsUnlocked) ? [{ name: 'unlock' }] : h));
      }),
    [],
  );

  // Sync brought another device's changes: what this view shows is refetched in place (lists keep
  // their scroll and selection; an edit in progress is not touched and merges when saved).
  useEffect(() => onVaultChanged(() => setDataVersion((v) => v + 1)), []);

  // Auto-lock may fire while a page is open: re-check when the page comes back into view.
  useEffect(() => {
    const check = () => {
      if (document.visibilityState !== 'visible' || !needsUnlocked(screenRef.current)) return;
      send('vault.status')
        .then((status) => status.state !== 'unlocked' && setHistory([screenForStatus(status)]))
        .catch(() => undefined);
    };
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, []);

  // Any key press or click postpones auto-lock (at most one ping per 20 s).
  useEffect(() => {
    const pinger = createActivityPinger({ ping: () => void send('activity.ping').catch(() => undefined), now: () => Date.now() });
    const onActivity = () => needsUnlocked(screenRef.current) && pinger.notify();
    document.addEventListener('keydown', onActivity, true);
    document.addEventListener('pointerdown', onActivity, true);
    return () => {
      document.removeEventListener('keydown', onActivity, true);
      document.removeEventListener('pointerdown', onActivity, true);
    };
  }, []);

  const services = useMemo<AppServices>(() => {
    const fail = (error: unknown) => {
      if (isLockedError(error)) {
        toLockedScreen().catch(() => undefined);
        return;
      }
      if (!(error instanceof Error && error.name === 'MessageError')) console.warn('Keyhold UI:', error);
      showToast(errorMessage(error), 'error');
    };
    return {
      layout: props.layout,
      screen,
      go: (next: Screen) => setHistory((h) => pushScreen(h, next)),
      back: () => setHistory(popScreen),
      replace: (next: Screen) => setHistory((h) => replaceScreen(h, next)),
      reset: (next: Screen) => setHistory([next]),
      toast: showToast,
      async copy({ value, what, sensitive }) {
        try {
          const clearAfter = await copyText(value, { sensitive });
          showToast(copiedMessage(what, clearAfter));
        } catch (error) {
          fail(error);
        }
      },
      fail,
      dataVersion,
      changed: () => setDataVersion((v) => v + 1),
      unlocked: open,
      async lock() {
        try {
          await send('vault.lock');
        } finally {
          setFirst(null);
          await toLockedScreen();
        }
      },
    };
  }, [props.layout, screen, dataVersion, open, showToast, toLockedScreen]);

  if (bootError) {
    return (
      <main class="boot-error">
        <p role="alert">{bootError}</p>
        <button type="button" class="button primary" onClick={() => location.reload()}>
          {t('common_try_again')}
        </button>
      </main>
    );
  }

  return (
    <AppContext.Provider value={services}>
      <div class="app-shell">
        <div class="app-view">
          {screen.name === 'loading' ? (
            <main class="lazy-wait">
              <Spinner label={t('app_opening_keyhold')} />
            </main>
          ) : (
            <ScreenView screen={screen} first={first} />
          )}
        </div>
        <Toast toast={toast} onDismiss={() => setToast(null)} onHold={holdToast} />
      </div>
    </AppContext.Provider>
  );
}
