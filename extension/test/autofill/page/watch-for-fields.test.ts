// The always-on content script: a page without candidate fields costs one selector query, a focus
// listener and an observer whose callback does no work; a field a script adds later is noticed in
// idle time, and one a selector query cannot see (in a shadow tree) when the user focuses it.
import { describe, expect, it } from 'vitest';
import { watchForCandidateFields } from '../../../src/autofill/content/watch-for-fields';
import { testPage } from './dom';
import { manualIdle, mutationsDelivered } from './idle';

function watch(body: string) {
  const page = testPage(body);
  const idle = manualIdle();
  let found = 0;
  const watcher = watchForCandidateFields({
    document: page.document,
    onFound: () => (found += 1),
    schedule: idle.schedule,
    now: () => 0,
  });
  return { page, idle, watcher, found: () => found };
}

describe('watchForCandidateFields', () => {
  it('finds a field that is on the page when it starts', () => {
    expect(watch('<form><input type="password"></form>').found()).toBe(1);
  });

  it('ignores fields no credential goes into', () => {
    expect(watch('<form><input type="checkbox"><input type="submit"><input type="hidden" name="csrf"></form>').found()).toBe(0);
  });

  it('notices a login form a script renders later, in idle time, without a focus', async () => {
    const w = watch('<main id="app"><p>Loading…</p></main>');
    w.page.document.getElementById('app')!.innerHTML = '<form><input name="user"><input type="password"></form>';
    await mutationsDelivered();
    expect(w.found()).toBe(0);
    w.idle.runIdle();
    expect(w.found()).toBe(1);
  });

  it('notices an input that becomes a text field (a type change)', async () => {
    const w = watch('<input id="u" type="hidden">');
    w.page.document.getElementById('u')!.setAttribute('type', 'email');
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.found()).toBe(1);
  });

  it('a churning page without fields finds nothing, and the watching stops once a field is found', async () => {
    const w = watch('<ul id="feed"></ul>');
    const feed = w.page.document.getElementById('feed')!;
    for (let i = 0; i < 300; i++) feed.append(w.page.document.createElement('li'));
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.found()).toBe(0);
    feed.append(w.page.document.createElement('input'));
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.found()).toBe(1);
    // Disconnected: later insertions ask for no more idle time.
    const asked = w.idle.requests();
    feed.append(w.page.document.createElement('input'));
    await mutationsDelivered();
    expect(w.idle.requests()).toBe(asked);
  });

  it('falls back to focus for a field a selector query cannot see, inside a shadow root', async () => {
    const w = watch('<main id="app"></main>');
    const host = w.page.document.createElement('login-card');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input type="email"><input type="password">';
    w.page.document.getElementById('app')!.append(host);
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.found()).toBe(0);
    shadow.querySelector('input')!.focus();
    expect(w.found()).toBe(1);
  });

  it('finds a field in a shadow root that already has the focus when it starts (an autofocused web component)', () => {
    const page = testPage('<main id="app"></main>');
    const host = page.document.createElement('login-card');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input type="email">';
    page.document.getElementById('app')!.append(host);
    shadow.querySelector('input')!.focus();
    let found = 0;
    watchForCandidateFields({ document: page.document, onFound: () => (found += 1), schedule: manualIdle().schedule, now: () => 0 });
    expect(found).toBe(1);
  });

  it('a focused button in a shadow root when it starts is not a field', () => {
    const page = testPage('<main id="app"></main>');
    const host = page.document.createElement('menu-bar');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button>Menu</button>';
    page.document.getElementById('app')!.append(host);
    shadow.querySelector('button')!.focus();
    let found = 0;
    watchForCandidateFields({ document: page.document, onFound: () => (found += 1), schedule: manualIdle().schedule, now: () => 0 });
    expect(found).toBe(0);
  });

  it('does not react to focus on a checkbox or a button', () => {
    const w = watch('<label><input id="c" type="checkbox"> Remember</label><button id="b">Go</button>');
    (w.page.document.getElementById('c') as HTMLElement).focus();
    (w.page.document.getElementById('b') as HTMLElement).focus();
    expect(w.found()).toBe(0);
  });

  it('reports once', () => {
    const w = watch('<input id="a"><input id="b">');
    (w.page.document.getElementById('b') as HTMLElement).focus();
    expect(w.found()).toBe(1);
  });
});
