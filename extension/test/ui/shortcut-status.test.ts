// The popup's notice when the browser did not bind the fill shortcut: shown only when the command
// exists with an empty shortcut, and it leads to the right browser's shortcut settings.
import { describe, expect, it } from 'vitest';
import { fillShortcutMissing, shortcutSettingsUrl } from '../../src/ui/shortcut/shortcut-status';

describe('fillShortcutMissing', () => {
  it('is true when the browser left the fill command without keys', () => {
    expect(
      fillShortcutMissing([
        { name: 'fill-login', shortcut: '' },
        { name: '_execute_action', shortcut: 'Alt+K' },
      ]),
    ).toBe(true);
    expect(fillShortcutMissing([{ name: 'fill-login' }])).toBe(true);
  });

  it('is false when it is bound, or when there is no such command to check', () => {
    expect(fillShortcutMissing([{ name: 'fill-login', shortcut: 'Ctrl+Shift+L' }])).toBe(false);
    expect(fillShortcutMissing([])).toBe(false);
  });
});

describe('shortcutSettingsUrl', () => {
  it("names each browser's shortcut settings", () => {
    expect(shortcutSettingsUrl(false)).toBe('chrome://extensions/shortcuts');
    expect(shortcutSettingsUrl(true)).toBe('about:addons');
  });
});
