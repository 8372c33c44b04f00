// The always-on content script: a page without candidate fields costs one selector query and a
// focus listener — no MutationObserver at all, so DOM churn costs nothing — and a field that shows up
// later is noticed when the user focuses it, shadow DOM included.
import { describe, expect, it, vi } from 'vitest';
import { watchForCandidateFields } from '../../../src/autofill/content/watch-for-fields';
import { testPage } from './dom';
import { mutationsDelivered } from './idle';

function watch(body: string) {
  const page = testPage(body);
  let found = 0;
  const watcher = watchForCandidateFields({ document: page.document, onFound: () => (found += 1) });
  return { page, watcher, found: () => found };
}

describe('watchForCandidateFields', () => {
  it('finds a field that is on the page when it starts', () => {
    expect(watch('<form><input type="password"></form>').found()).toBe(1);
  });

  it('ignores fields no credential goes into', () => {
    expect(watch('<form><input type="checkbox"><input type="submit"><input type="hidden" name="csrf"></form>').found()).toBe(0);
  });

  it('watches no mutations: a churning page costs nothing', async () => {
    const page = testPage('<main id="app"></main>');
    const observe = vi.spyOn(page.window.MutationObserver.prototype, 'observe');
    watchForCandidateFields({ document: page.document, onFound: () => undefined });
    const app = page.document.getElementById('app')!;
    for (let i = 0; i < 500; i++) app.append(page.document.createElement('div'));
    await mutationsDelivered();
    expect(observe).not.toHaveBeenCalled();
  });

  it('notices a field added later when it gets focus, inside a shadow root too', () => {
    const w = watch('<main id="app"></main>');
    const host = w.page.document.createElement('login-card');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input type="email"><input type="password">';
    w.page.document.getElementById('app')!.append(host);
    expect(w.found()).toBe(0);
    shadow.querySelector('input')!.focus();
    expect(w.found()).toBe(1);
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
