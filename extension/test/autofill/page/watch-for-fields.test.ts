// The always-on content script: pages without candidate fields cost ~nothing, and nothing is checked
// inside a MutationObserver callback — nodes are queued and looked at in idle time
// (ARCHITECTURE.md "Autofill rules"; uBlock Origin's rule).
import { describe, expect, it } from 'vitest';
import { watchForCandidateFields } from '../../../src/autofill/content/watch-for-fields';
import { testPage } from './dom';
import { manualIdle, mutationsDelivered } from './idle';

function watch(body: string) {
  const page = testPage(body);
  const idle = manualIdle();
  let found = 0;
  const watcher = watchForCandidateFields({ document: page.document, schedule: idle.schedule, now: () => performance.now(), onFound: () => (found += 1) });
  return { page, idle, watcher, found: () => found };
}

describe('watchForCandidateFields', () => {
  it('finds a field already on the page, in idle time', () => {
    const w = watch('<form><input type="password"></form>');
    expect(w.found()).toBe(0);
    w.idle.runIdle();
    expect(w.found()).toBe(1);
  });

  it('does nothing more on a page without fields after one idle check', () => {
    const w = watch('<article><p>Hello</p><input type="checkbox"><input type="submit"></article>');
    w.idle.runIdle();
    expect(w.found()).toBe(0);
    expect(w.idle.pending()).toBe(0);
  });

  it('queues added nodes in the observer callback and checks them only when idle', async () => {
    const w = watch('<main id="app"></main>');
    w.idle.runIdle();
    const form = w.page.document.createElement('form');
    form.innerHTML = '<input name="user"><input type="password">';
    w.page.document.getElementById('app')!.append(form);
    await mutationsDelivered();
    expect(w.found()).toBe(0);
    w.idle.runIdle();
    expect(w.found()).toBe(1);
  });

  it('asks for one idle slice per batch of mutations, however many nodes churn', async () => {
    const w = watch('<main id="app"></main>');
    w.idle.runIdle();
    const before = w.idle.requests();
    const app = w.page.document.getElementById('app')!;
    for (let i = 0; i < 1000; i++) app.append(w.page.document.createElement('div'));
    await mutationsDelivered();
    expect(w.idle.requests() - before).toBe(1);
    w.idle.runIdle();
    expect(w.found()).toBe(0);
  });

  it('finds fields inside the open shadow root of an added custom element', async () => {
    const w = watch('<main id="app"></main>');
    w.idle.runIdle();
    const host = w.page.document.createElement('login-card');
    host.attachShadow({ mode: 'open' }).innerHTML = '<input type="email"><input type="password">';
    w.page.document.getElementById('app')!.append(host);
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.found()).toBe(1);
  });

  it('stops watching once it found a field', async () => {
    const w = watch('<input id="q">');
    w.idle.runIdle();
    w.page.document.body.append(w.page.document.createElement('input'));
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.found()).toBe(1);
  });
});
