// When a typed login is reported for a save prompt. Regression (issue: a clear-and-refill sequence
// showed "Save login (no username)" twice without a submit): clearing the fields, a script
// re-rendering them, and buttons that only edit the form report nothing; a real submission, or a
// navigation carrying the typed values, reports once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFieldTracker } from '../../../src/autofill/engine/field-tracker';
import { createSubmitCapture, isSubmitLike } from '../../../src/autofill/save/capture-submit';
import type { CredentialValues } from '../../../src/autofill/save/credential-values';
import type { FormControl } from '../../../src/autofill/detect/types';
import type { SubmittedLogin } from '../../../src/autofill/messages';
import { testPage } from './dom';
import { manualIdle } from './idle';

const FORM = `<form id="f" action="/welcome"><label>Email <input id="u" type="email" autocomplete="username"></label>
  <label>Password <input id="p" type="password" autocomplete="current-password"></label>
  <button type="button" id="clear" aria-label="Clear">×</button><button id="go">Sign in</button></form>`;

async function start() {
  const page = testPage(`<main id="app">${FORM}</main>`);
  const idle = manualIdle();
  const tracker = createFieldTracker({ document: page.document, schedule: idle.schedule, now: () => 0 });
  const detect = async () => {
    void tracker.refresh();
    idle.runIdle();
    await tracker.whenReady();
  };
  await detect();
  // Typed values as credential-values.ts records them from trusted input events (jsdom has none).
  const typed = new Map<FormControl, string>();
  const listeners: ((field: FormControl) => void)[] = [];
  const values: CredentialValues = {
    trusted: (field) => (field.value !== '' && typed.get(field) === field.value ? field.value : null),
    recordFilled: () => undefined,
    onTyped: (listener) => void listeners.push(listener),
    stop: () => undefined,
  };
  const type = (selector: string, value: string) => {
    const field = page.field(selector) as HTMLInputElement;
    field.value = value;
    typed.set(field, value);
    for (const listener of listeners) listener(field);
  };
  const reports: SubmittedLogin[] = [];
  const capture = createSubmitCapture({ document: page.document, tracker, values, report: (login) => reports.push(login) });
  /** The page's script empties the form and renders it again (new elements, same address). */
  const clearAndRerender = async () => {
    page.document.getElementById('app')!.innerHTML = FORM;
    await detect();
  };
  return { page, type, reports, capture, clearAndRerender, detect };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('save capture', () => {
  it('a clear-and-refill sequence without a submit reports nothing (twice over)', async () => {
    const t = await start();
    for (let round = 0; round < 2; round++) {
      t.type('#p', `typed-${round}`);
      await t.clearAndRerender();
      vi.advanceTimersByTime(5_000);
    }
    t.type('#u', 'ada@example.com');
    t.type('#u', '');
    vi.advanceTimersByTime(5_000);
    expect(t.reports).toEqual([]);
    t.capture.stop();
  });

  it('clearing the fields disarms them: leaving the page afterwards reports nothing', async () => {
    const t = await start();
    t.type('#p', 'typed');
    t.type('#p', '');
    t.page.window.dispatchEvent(new t.page.window.Event('pagehide'));
    expect(t.reports).toEqual([]);
    t.capture.stop();
  });

  it('a navigation carries only what the fields still hold', async () => {
    const t = await start();
    t.type('#u', 'ada@example.com');
    t.type('#p', 'typed');
    // A page script empties the password (an untrusted write), then the page goes.
    (t.page.field('#p') as HTMLInputElement).value = '';
    t.page.window.dispatchEvent(new t.page.window.Event('pagehide'));
    expect(t.reports).toEqual([{ formKind: 'login', username: 'ada@example.com', password: '', newPassword: '' }]);
    t.capture.stop();
  });

  it('a real submission reports the typed login once', async () => {
    const t = await start();
    t.type('#u', 'ada@example.com');
    t.type('#p', 'typed');
    const form = t.page.document.getElementById('f')!;
    form.dispatchEvent(new t.page.window.Event('submit', { bubbles: true, cancelable: true }));
    form.dispatchEvent(new t.page.window.Event('submit', { bubbles: true, cancelable: true }));
    expect(t.reports).toEqual([{ formKind: 'login', username: 'ada@example.com', password: 'typed', newPassword: '' }]);
    t.capture.stop();
  });

  it('fields that vanish while the address changes (a script-driven login) report what was typed', async () => {
    const t = await start();
    t.type('#u', 'ada@example.com');
    t.type('#p', 'typed');
    t.page.document.getElementById('app')!.innerHTML = '<p>Welcome</p>';
    await t.detect();
    vi.advanceTimersByTime(2_000);
    expect(t.reports).toEqual([]);
    t.page.window.history.pushState({}, '', '/home');
    vi.advanceTimersByTime(2_000);
    expect(t.reports).toEqual([{ formKind: 'login', username: 'ada@example.com', password: 'typed', newPassword: '' }]);
    t.capture.stop();
  });
});

describe('isSubmitLike', () => {
  it('takes sign-in buttons, never buttons that only edit the form', () => {
    const page = testPage(`${FORM}<button id="show">Show password</button><input id="reset" type="button" value="Reset">
      <button id="cancel">Cancel</button><button id="next">Next</button>`);
    const at = (id: string) => page.document.getElementById(id)!;
    expect(isSubmitLike(at('go'))).toBe(true);
    expect(isSubmitLike(at('next'))).toBe(true);
    for (const id of ['clear', 'show', 'reset', 'cancel']) expect(isSubmitLike(at(id)), id).toBe(false);
  });
});
