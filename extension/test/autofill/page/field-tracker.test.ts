// The engine's view of the page: detection runs in idle time, when the engine starts and when it
// asks (a focus, a fill from the toolbar, a field inserted or removed: refresh-on-insertions.test.ts).
// The tracker itself observes nothing, so mutations alone never start a pass.
import { describe, expect, it, vi } from 'vitest';
import { createFieldTracker } from '../../../src/autofill/engine/field-tracker';
import { testPage } from './dom';
import { manualIdle, mutationsDelivered } from './idle';

const LOGIN = '<form><input id="u" autocomplete="username"><input id="p" type="password"><button>Sign in</button></form>';

function track(body: string) {
  const page = testPage(body);
  const idle = manualIdle();
  const observe = vi.spyOn(page.window.MutationObserver.prototype, 'observe');
  // A frozen clock: no pass runs out of its time budget, however busy the machine is (the budget
  // has a test of its own, with a clock it moves).
  const tracker = createFieldTracker({ document: page.document, schedule: idle.schedule, now: () => 0 });
  let passes = 0;
  tracker.onChange(() => (passes += 1));
  return { page, idle, tracker, observe, passes: () => passes };
}

describe('createFieldTracker', () => {
  it('classifies the page in idle time, not before', async () => {
    const t = track(LOGIN);
    expect(t.tracker.fields()).toEqual([]);
    t.idle.runIdle();
    await t.tracker.whenReady();
    expect(t.tracker.fieldOf(t.page.field('#p'))?.kind).toBe('current-password');
  });

  it('never observes mutations, and a churning page triggers no pass', async () => {
    const t = track(`${LOGIN}<ul id="feed"></ul>`);
    t.idle.runIdle();
    const feed = t.page.document.getElementById('feed')!;
    for (let i = 0; i < 500; i++) feed.append(t.page.document.createElement('li'));
    await mutationsDelivered();
    t.idle.runIdle();
    expect(t.observe).not.toHaveBeenCalled();
    expect(t.passes()).toBe(1);
    expect(t.idle.pending()).toBe(0);
  });

  it('sees a form added later when asked, once idle', async () => {
    const t = track('<div id="app"></div>');
    t.idle.runIdle();
    t.page.document.getElementById('app')!.innerHTML = LOGIN;
    const refreshed = t.tracker.refresh();
    expect(t.tracker.fieldOf(t.page.field('#p'))).toBeUndefined();
    t.idle.runIdle();
    await refreshed;
    expect(t.tracker.fieldOf(t.page.field('#p'))?.kind).toBe('current-password');
  });

  it('finishes a page that does not fit in one budget, in later idle periods', async () => {
    const page = testPage(LOGIN);
    const idle = manualIdle();
    let clock = 0;
    // Every reading of the clock advances it: each pass looks over budget until the budget has grown.
    const tracker = createFieldTracker({ document: page.document, schedule: idle.schedule, now: () => (clock += 30), budgetMs: 10 });
    idle.runIdle();
    await tracker.whenReady();
    expect(tracker.fieldOf(page.field('#p'))?.kind).toBe('current-password');
  });
});
