// Late fields, the uBlock way: the MutationObserver callback only queues the records and asks for
// idle time; the records are looked at in idle slices, each within its budget.
import { describe, expect, it, vi } from 'vitest';
import { watchInsertions, type InsertionCheck } from '../../../src/autofill/content/watch-insertions';
import { testPage } from './dom';
import { manualIdle, mutationsDelivered } from './idle';

function start(body: string, options: { now?: () => number; budgetMs?: number } = {}) {
  const page = testPage(body);
  const idle = manualIdle();
  const checks: InsertionCheck[] = [];
  const watch = watchInsertions({
    document: page.document,
    schedule: idle.schedule,
    now: options.now ?? (() => performance.now()),
    budgetMs: options.budgetMs ?? 4,
    onChecked: (check) => checks.push(check),
  });
  return { page, idle, watch, checks, doc: page.document };
}

describe('watchInsertions', () => {
  it('only queues in the observer callback: no DOM read, no record read, until idle time', async () => {
    const w = start('<main id="app"></main>');
    const { Element, MutationRecord } = w.page.window;
    const matches = vi.spyOn(Element.prototype, 'matches');
    const query = vi.spyOn(Element.prototype, 'querySelector');
    const addedNodes = vi.spyOn(MutationRecord.prototype, 'addedNodes', 'get');
    w.doc.getElementById('app')!.innerHTML = '<form><input name="user"><input type="password"></form>';
    await mutationsDelivered();
    expect(matches).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
    expect(addedNodes).not.toHaveBeenCalled();
    expect(w.checks).toEqual([]);
    expect(w.idle.pending()).toBe(1);
    w.idle.runIdle();
    expect(matches).toHaveBeenCalled();
    expect(w.checks).toEqual([{ added: true }]);
  });

  it('asks for idle time once, however many mutation batches arrive before it', async () => {
    const w = start('<ul id="feed"></ul>');
    const feed = w.doc.getElementById('feed')!;
    for (let i = 0; i < 50; i++) {
      feed.append(w.doc.createElement('li'));
      await mutationsDelivered();
    }
    expect(w.idle.requests()).toBe(1);
    w.idle.runIdle();
    expect(w.checks).toEqual([{ added: false }]);
  });

  // Looking at an inserted element "takes" 0.1 ms here (the clock moves on every selector match):
  // a step looks at up to 16 records, so a slice may overrun its budget by at most one step.
  function slowPage(body: string, budgetMs: number) {
    let clock = 0;
    const w = start(body, { now: () => clock, budgetMs });
    const matches = w.page.window.Element.prototype.matches;
    vi.spyOn(w.page.window.Element.prototype, 'matches').mockImplementation(function (this: Element, selector: string) {
      clock += 0.1;
      return matches.call(this, selector);
    });
    return { ...w, clock: () => clock };
  }
  const ONE_STEP_MS = 16 * 0.1;

  it('looks at the queue in idle slices that stay within the budget, and finishes in later slices', async () => {
    const w = slowPage('<ul id="feed"></ul>', 2);
    const feed = w.doc.getElementById('feed')!;
    for (let i = 0; i < 200; i++) {
      feed.append(w.doc.createElement('li'));
      await mutationsDelivered();
    }
    feed.append(w.doc.createElement('input'));
    await mutationsDelivered();
    const slices: number[] = [];
    while (w.idle.pending() > 0) {
      const before = w.clock();
      w.idle.runSlice(50);
      slices.push(w.clock() - before);
    }
    expect(slices.length).toBeGreaterThan(5);
    for (const spent of slices) expect(spent).toBeLessThanOrEqual(2 + ONE_STEP_MS + 1e-9);
    expect(w.checks).toEqual([{ added: true }]);
  });

  it('never uses more of a slice than the browser says is idle', async () => {
    const w = slowPage('<ul id="feed"></ul>', 50);
    for (let i = 0; i < 200; i++) {
      w.doc.getElementById('feed')!.append(w.doc.createElement('li'));
      await mutationsDelivered();
    }
    w.idle.runSlice(3);
    expect(w.clock()).toBeLessThanOrEqual(3 + ONE_STEP_MS + 1e-9);
    expect(w.idle.pending()).toBe(1);
  });

  it('counts inputs no credential goes into as nothing added', async () => {
    const w = start('<div id="a"><p>x</p></div>');
    w.doc.getElementById('a')!.innerHTML = '<input type="checkbox"><input type="hidden"><button>Go</button>';
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.checks).toEqual([{ added: false }]);
  });

  it('checks and keeps watching the open shadow root of an inserted host', async () => {
    const w = start('<main id="app"></main>');
    const host = w.doc.createElement('login-card');
    const shadow = host.attachShadow({ mode: 'open' });
    w.doc.getElementById('app')!.append(host);
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.checks).toEqual([{ added: false }]);
    shadow.innerHTML = '<input type="password">';
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.checks).toEqual([{ added: false }, { added: true }]);
  });

  it('keeps a bounded queue: past it, the page as it is now is asked instead', async () => {
    const w = start('<ul id="feed"></ul>');
    const feed = w.doc.getElementById('feed')!;
    for (let i = 0; i < 600; i++) {
      feed.append(w.doc.createElement('li'));
      await mutationsDelivered();
    }
    w.doc.body.append(w.doc.createElement('input'));
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.checks).toEqual([{ added: true }]);
  });

  it('stops for good when disconnected', async () => {
    const w = start('<main id="app"></main>');
    w.watch.disconnect();
    w.doc.getElementById('app')!.innerHTML = '<input type="password">';
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.idle.requests()).toBe(0);
    expect(w.checks).toEqual([]);
  });
});
