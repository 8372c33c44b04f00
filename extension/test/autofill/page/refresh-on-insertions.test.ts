// The engine re-detects when a page inserts a candidate field or removes a detected one — in idle
// time, never in the observer callback — so forms a single-page app renders late get their icon.
import { describe, expect, it, vi } from 'vitest';
import { createFieldTracker } from '../../../src/autofill/engine/field-tracker';
import { refreshOnInsertions } from '../../../src/autofill/engine/refresh-on-insertions';
import * as detect from '../../../src/autofill/detect/detect-fields';
import { testPage } from './dom';
import { manualIdle, mutationsDelivered } from './idle';

const LOGIN = '<form id="login"><input id="u" autocomplete="username"><input id="p" type="password"><button>Sign in</button></form>';

function engine(body: string) {
  const page = testPage(body);
  const idle = manualIdle();
  // A frozen clock: no pass runs out of its time budget, however busy the machine is (a pass that
  // did would be run again, in the next idle period).
  const now = () => 0;
  const tracker = createFieldTracker({ document: page.document, schedule: idle.schedule, now });
  refreshOnInsertions({ document: page.document, tracker, schedule: idle.schedule, now });
  let passes = 0;
  tracker.onChange(() => (passes += 1));
  idle.runIdle();
  return { page, idle, tracker, passes: () => passes, doc: page.document };
}

describe('refreshOnInsertions', () => {
  it('detects a login form added after load in idle time, not in the observer callback', async () => {
    const e = engine('<main id="app"><input type="search" name="q"></main>');
    expect(e.passes()).toBe(1);
    const detectInTree = vi.spyOn(detect, 'detectInTree');
    e.doc.getElementById('app')!.insertAdjacentHTML('beforeend', LOGIN);
    await mutationsDelivered();
    expect(detectInTree).not.toHaveBeenCalled();
    expect(e.tracker.fieldOf(e.page.field('#p'))).toBeUndefined();
    e.idle.runIdle();
    await e.tracker.whenReady();
    expect(e.passes()).toBe(2);
    expect(detectInTree).toHaveBeenCalledTimes(1);
    expect(e.tracker.fieldOf(e.page.field('#u'))?.kind).toBe('username');
    expect(e.tracker.fieldOf(e.page.field('#p'))?.kind).toBe('current-password');
  });

  it('a page churning elements without fields starts no pass', async () => {
    const e = engine(`${LOGIN}<ul id="feed"></ul>`);
    const feed = e.doc.getElementById('feed')!;
    for (let i = 0; i < 100; i++) {
      feed.append(e.doc.createElement('li'));
      feed.firstElementChild!.remove();
      await mutationsDelivered();
    }
    e.idle.runIdle();
    expect(e.passes()).toBe(1);
  });

  it('a detected field taken out of the page starts a pass that forgets it', async () => {
    const e = engine(`<div id="app">${LOGIN}</div>`);
    const password = e.page.field('#p');
    expect(e.tracker.fieldOf(password)?.kind).toBe('current-password');
    e.doc.getElementById('login')!.remove();
    await mutationsDelivered();
    e.idle.runIdle();
    expect(e.passes()).toBe(2);
    expect(e.tracker.fieldOf(password)).toBeUndefined();
  });

  it('sees a login form rendered into a shadow root the last pass walked through', async () => {
    const page = testPage('<app-shell></app-shell>');
    const shadow = page.document.querySelector('app-shell')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input type="search" name="q">';
    const idle = manualIdle();
    const now = () => 0;
    const tracker = createFieldTracker({ document: page.document, schedule: idle.schedule, now });
    refreshOnInsertions({ document: page.document, tracker, schedule: idle.schedule, now });
    idle.runIdle();
    shadow.innerHTML = LOGIN;
    await mutationsDelivered();
    idle.runIdle();
    expect(tracker.fieldOf(shadow.getElementById('p')!)?.kind).toBe('current-password');
  });
});
