// What every screen may use from the app shell: navigation, toasts, copying, error reporting and the
// data version (bumped after every write so lists refetch). Screens get it with useApp().
import type { OpenReply } from './open-request';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Screen } from '../lib/screens';

export type Layout = 'popup' | 'page';

export type CopyRequest = { value: string; what: string; sensitive: boolean };

export type AppServices = {
  layout: Layout;
  screen: Screen;
  go(screen: Screen): void;
  back(): void;
  replace(screen: Screen): void;
  /** Clears the history and starts over at `screen`. */
  reset(screen: Screen): void;
  toast(message: string, tone?: 'info' | 'error'): void;
  copy(request: CopyRequest): Promise<void>;
  /** Shows an error from a failed request; a LOCKED error sends the user to the unlock screen. */
  fail(error: unknown): void;
  /** Increases after each write; lists and views reload when it changes. */
  dataVersion: number;
  changed(): void;
  /** The vault became unlocked (unlock, reset, create confirmed): reload the first paint data. */
  unlocked(reply?: OpenReply): Promise<void>;
  lock(): Promise<void>;
};

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp() outside <App>');
  return services;
}
