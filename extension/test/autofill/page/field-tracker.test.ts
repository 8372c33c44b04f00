// The engine's view of the page: detection runs in idle time, never in the MutationObserver
// callback, and only when a form control or a form changed.
import { describe, expect, it } from 'vitest';
import { createFieldTracker } from '../../../src/autofill/engine/field-tracker';
import { testPage } from './dom';
import { manualIdle, mutationsDelivered } from './idle';

function track(body: string) {
  const page = testPage(body);
  const idle = manualIdle();
  const tracker = createFieldTracker({ document: page.document, schedule: idle.schedule, now: () => performance.now() });
  let passes = 0;
  tracker.onChange(() => (passes += 1));
  return { page, idle, tracker, passes: () => passes };
}

describe('createFieldTracker', () => {
  it('classifies the page in idle time', () => {
    const t = track('<form><input id="u" autocomplete="username"><input id="p" type="password"><button>Sign in</button></form>');
    expect(t.tracker.fields()).toEqual([]);
    t.idle.runIdle();
    expect(t.tracker.fieldOf(t.page.field('#p'))?.kind).toBe('current-password');
  });

  it('re-detects after a form appears, but only once idle', async () => {
    const t = track('<div id="app"></div>');
    t.idle.runIdle();
    t.page.document.getElementById('app')!.innerHTML = '<form><input id="u" autocomplete="username"><input id="p" type="password"><button>Sign in</button></form>';
    await mutationsDelivered();
    expect(t.tracker.fieldOf(t.page.field('#p'))).toBeUndefined();
    t.idle.runIdle();
    expect(t.tracker.fieldOf(t.page.field('#p'))?.kind).toBe('current-password');
  });

  it('does not re-detect for mutations that touch no form control', async () => {
    const t = track('<form><input type="password"></form><ul id="feed"></ul>');
    t.idle.runIdle();
    const passes = t.passes();
    const feed = t.page.document.getElementById('feed')!;
    for (let i = 0; i < 200; i++) feed.append(t.page.document.createElement('li'));
    await mutationsDelivered();
    t.idle.runIdle();
    expect(t.passes()).toBe(passes);
  });

  it('re-detects when a show-password toggle flips a field\'s type', async () => {
    const t = track('<form><input id="u" autocomplete="username"><input id="p" type="password"><button>Sign in</button></form>');
    t.idle.runIdle();
    const passes = t.passes();
    t.page.field('#p').setAttribute('type', 'text');
    await mutationsDelivered();
    t.idle.runIdle();
    expect(t.passes()).toBe(passes + 1);
  });
});
