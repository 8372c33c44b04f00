import { describe, expect, it } from 'vitest';
import { currentScreen, needsUnlocked, popScreen, pushScreen, replaceScreen, screenForStatus } from '../../src/ui/lib/screens';

const status = (state: 'none' | 'locked' | 'unlocked', recoveryConfirmed = true) => ({ state, recoveryConfirmed, retryAfterMs: 0, itemCount: 0 });

describe('screens', () => {
  it('opens on onboarding, unlock, the recovery check or the list depending on the vault', () => {
    expect(screenForStatus(status('none'))).toEqual({ name: 'create' });
    expect(screenForStatus(status('locked'))).toEqual({ name: 'unlock' });
    expect(screenForStatus(status('unlocked'))).toEqual({ name: 'list' });
    // Reopened before the recovery key was confirmed: resume at the check, without the key in memory.
    expect(screenForStatus(status('unlocked', false))).toEqual({ name: 'recovery-confirm', recoveryKey: null });
  });

  it('goes back through the history but never past the root', () => {
    let h = pushScreen([{ name: 'list' }], { name: 'item', id: 'a' });
    h = pushScreen(h, { name: 'edit', id: 'a' });
    expect(currentScreen(popScreen(h))).toEqual({ name: 'item', id: 'a' });
    expect(popScreen(popScreen(popScreen(h)))).toEqual([{ name: 'list' }]);
  });

  it('does not stack the same screen twice and can replace the top', () => {
    const h = pushScreen([{ name: 'list' }], { name: 'item', id: 'a' });
    expect(pushScreen(h, { name: 'item', id: 'a' })).toBe(h);
    expect(replaceScreen(h, { name: 'item', id: 'b' })).toEqual([{ name: 'list' }, { name: 'item', id: 'b' }]);
  });

  it('knows which screens need the vault unlocked', () => {
    expect(needsUnlocked({ name: 'item', id: 'x' })).toBe(true);
    // The recovery key on screen goes when the vault locks, like any other secret.
    expect(needsUnlocked({ name: 'recovery-show', recoveryKey: 'ABCD-EFGH', purpose: 'view' })).toBe(true);
    expect(needsUnlocked({ name: 'unlock' })).toBe(false);
    expect(needsUnlocked({ name: 'reset' })).toBe(false);
  });
});
