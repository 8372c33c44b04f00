// Whether the browser bound Keyhold's fill shortcut. A browser leaves a suggested shortcut unbound
// when it refuses the keys or another extension holds them; `commands.getAll()` then reports the
// command with an empty shortcut, and the user can only fix it in the browser's shortcut settings:
// chrome://extensions/shortcuts in Chromium browsers, about:addons ("Manage Extension Shortcuts")
// in Firefox, which since version 137 also opens that page itself (commands.openShortcutSettings).
import { browser } from 'wxt/browser';
import { FILL_COMMAND } from '../../autofill/commands';

export type Command = { name?: string; shortcut?: string };

/** True when the fill command exists and has no key bound to it. */
export function fillShortcutMissing(commands: readonly Command[]): boolean {
  const fill = commands.find((c) => c.name === FILL_COMMAND);
  return fill !== undefined && !fill.shortcut;
}

export function shortcutSettingsUrl(firefox: boolean): string {
  return firefox ? 'about:addons' : 'chrome://extensions/shortcuts';
}

const isFirefox = () => navigator.userAgent.includes('Firefox/');

export async function isFillShortcutMissing(): Promise<boolean> {
  return fillShortcutMissing((await browser.commands?.getAll?.()) ?? []);
}

export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> };
  if (typeof commands.openShortcutSettings === 'function') return commands.openShortcutSettings();
  await browser.tabs.create({ url: shortcutSettingsUrl(isFirefox()) });
}
