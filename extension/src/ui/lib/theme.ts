// The colour theme. The stylesheet does the work ([data-theme] on <html>, prefers-color-scheme for
// 'system'); this module only sets the attribute. The choice is mirrored in localStorage (extension
// origin, not secret) so a page can apply it synchronously before its first paint — no white flash
// in dark mode while the settings message is on its way.
import type { Settings } from '../../vault/settings';

export type Theme = Settings['theme'];

const STORAGE_KEY = 'keyhold.theme';

export function parseTheme(value: unknown): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage can be unavailable (private profiles); the theme still applies for this page.
  }
}

export function applyStoredTheme(root: HTMLElement = document.documentElement): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  root.dataset.theme = parseTheme(stored);
}
