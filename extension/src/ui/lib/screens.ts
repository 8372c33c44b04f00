// Where the UI is: one discriminated union of screens and a small history stack, so Escape and the
// back buttons behave the same everywhere. Which screen a vault status leads to is decided here too.
import type { ItemType } from '@keyhold/shared/items/item';
import type { VaultStatus } from '../../vault/vault-service';

export type Screen =
  | { name: 'loading' }
  | { name: 'create' }
  | { name: 'recovery-show'; recoveryKey: string; purpose: 'onboarding' | 'regenerated' | 'view' }
  | { name: 'recovery-confirm'; recoveryKey: string | null }
  | { name: 'unlock' }
  | { name: 'reset' }
  | { name: 'list' }
  | { name: 'item'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'new'; type: ItemType }
  | { name: 'generator' }
  | { name: 'settings' }
  | { name: 'sync-login' }
  | { name: 'conflicts' }
  | { name: 'import' }
  | { name: 'export' }
  | { name: 'health' };

export type ScreenName = Screen['name'];

/**
 * Screens that need the vault unlocked, or show what only an unlocked vault may (the recovery key):
 * a LOCKED reply while on one of them, or a lock, goes to 'unlock'.
 */
const UNLOCKED_SCREENS: ReadonlySet<ScreenName> = new Set([
  'list',
  'item',
  'edit',
  'new',
  'generator',
  'settings',
  'recovery-show',
  'recovery-confirm',
  'conflicts',
  'import',
  'export',
  'health',
]);

export function needsUnlocked(screen: Screen): boolean {
  return UNLOCKED_SCREENS.has(screen.name);
}

/** The first screen for a vault status. */
export function screenForStatus(status: VaultStatus): Screen {
  switch (status.state) {
    case 'none':
      return { name: 'create' };
    case 'locked':
      return { name: 'unlock' };
    case 'unlocked':
      return status.recoveryConfirmed ? { name: 'list' } : { name: 'recovery-confirm', recoveryKey: null };
  }
}

/** The stack of screens; the first entry is the root (list, unlock, create...). */
export type History = readonly Screen[];

export function pushScreen(history: History, screen: Screen): History {
  const top = history[history.length - 1];
  // Opening the item that is already shown (or the same form twice) does not grow the stack.
  if (top && JSON.stringify(top) === JSON.stringify(screen)) return history;
  return [...history, screen];
}

export function popScreen(history: History): History {
  return history.length > 1 ? history.slice(0, -1) : history;
}

/** Replaces the top (e.g. the form becomes the saved item's view). */
export function replaceScreen(history: History, screen: Screen): History {
  return history.length === 0 ? [screen] : [...history.slice(0, -1), screen];
}

export function currentScreen(history: History): Screen {
  return history[history.length - 1] ?? { name: 'loading' };
}
