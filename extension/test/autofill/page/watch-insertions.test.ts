// Watching a page for changes without making it pay: the MutationObserver callback does no work
// (it disconnects and asks for idle time), and the caller's check runs in an idle period a while
// later, after which the observer is reconnected.
import { describe, expect, it, vi } from 'vitest';
import { watchInsertions } from '../../../src/autofill/content/watch-insertions';
import { testPage } from './dom';
import { manualIdle, mutationsDelivered } from './idle';

function start(body: string, options: { check?: () => void; now?: () => number } = {}) {
  const page = testPage(body);
  const idle = manualIdle();
  // Counts how often the page wakes our observer (each wake-up is a batch of records made for us).
  let wakeUps = 0;
  const Native = page.window.MutationObserver;
  page.window.MutationObserver = class extends Native {
    constructor(callback: MutationCallback) {
      super((records, observer) => {
        wakeUps += 1;
        callback(records, observer);
      });
    }
  };
  let checks = 0;
  const watch = watchInsertions({
    document: page.document,
    schedule: idle.schedule,
    now: options.now ?? (() => 0),
    check: () => {
      checks += 1;
      options.check?.();
    },
  });
  return { page, idle, watch, checks: () => checks, wakeUps: () => wakeUps, doc: page.document };
}

describe('watchInsertions', () => {
  it('does no work in the observer callback: no DOM read, no record read, until idle time', async () => {
    const w = start('<main id="app"></main>');
    const { Element, Document, MutationRecord } = w.page.window;
    const reads = [
      vi.spyOn(Element.prototype, 'matches'),
      vi.spyOn(Element.prototype, 'querySelector'),
      vi.spyOn(Document.prototype, 'querySelector'),
      vi.spyOn(Document.prototype, 'querySelectorAll'),
      vi.spyOn(MutationRecord.prototype, 'addedNodes', 'get'),
      vi.spyOn(MutationRecord.prototype, 'target', 'get'),
    ];
    w.doc.getElementById('app')!.innerHTML = '<form><input name="user"><input type="password"></form>';
    await mutationsDelivered();
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    expect(w.checks()).toBe(0);
    expect(w.idle.pending()).toBe(1);
    w.idle.runIdle();
    expect(w.checks()).toBe(1);
  });

  it('a churning page makes no records for us while a check is pending, and is watched again after it', async () => {
    const w = start('<ul id="feed"></ul>');
    const feed = w.doc.getElementById('feed')!;
    for (let i = 0; i < 50; i++) {
      feed.append(w.doc.createElement('li'));
      await mutationsDelivered();
    }
    expect(w.wakeUps()).toBe(1);
    expect(w.idle.requests()).toBe(1);
    w.idle.runIdle();
    expect(w.checks()).toBe(1);
    feed.append(w.doc.createElement('li'));
    await mutationsDelivered();
    expect(w.idle.requests()).toBe(2);
  });

  it('waits at least 250 ms after a change, and 100 times what the last check took', async () => {
    let clock = 0;
    const w = start('<ul id="feed"></ul>', { now: () => clock, check: () => (clock += 5) });
    const feed = w.doc.getElementById('feed')!;
    feed.append(w.doc.createElement('li'));
    await mutationsDelivered();
    w.idle.runIdle();
    // After a quiet spell, so only the last check's duration lengthens the wait.
    clock += 5000;
    feed.append(w.doc.createElement('li'));
    await mutationsDelivered();
    expect(w.idle.delays()).toEqual([250, 500]);
  });

  it('checks a page that keeps changing less and less often (up to 2 s), and promptly again after a quiet spell', async () => {
    let clock = 0;
    const w = start('<ul id="feed"></ul>', { now: () => clock });
    const feed = w.doc.getElementById('feed')!;
    const changeAfter = async (ms: number) => {
      clock += ms;
      feed.append(w.doc.createElement('li'));
      await mutationsDelivered();
      clock += w.idle.delays().at(-1)!;
      w.idle.runIdle();
    };
    // A feed changing every 10 ms: each change lands right after the reconnect.
    for (let i = 0; i < 7; i++) await changeAfter(10);
    expect(w.idle.delays()).toEqual([250, 500, 1000, 2000, 2000, 2000, 2000]);
    expect(w.checks()).toBe(7);
    // Quiet for a while, then a single-page app renders its login form.
    await changeAfter(3000);
    expect(w.idle.delays().at(-1)).toBe(250);
  });

  it('runs a check only in an idle period with room for it, or when the idle wait timed out', async () => {
    let clock = 0;
    const w = start('<ul id="feed"></ul>', { now: () => clock, check: () => (clock += 5) });
    const feed = w.doc.getElementById('feed')!;
    feed.append(w.doc.createElement('li'));
    await mutationsDelivered();
    w.idle.runIdle();
    feed.append(w.doc.createElement('li'));
    await mutationsDelivered();
    w.idle.runSlice(2);
    expect(w.checks()).toBe(1);
    expect(w.idle.pending()).toBe(1);
    w.idle.runSlice(10);
    expect(w.checks()).toBe(2);
    feed.append(w.doc.createElement('li'));
    await mutationsDelivered();
    w.idle.runSlice(0, true);
    expect(w.checks()).toBe(3);
  });

  it('notices type changes (a hidden input becoming a text field)', async () => {
    const w = start('<input id="u" type="hidden">');
    w.doc.getElementById('u')!.setAttribute('type', 'text');
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.checks()).toBe(1);
  });

  it('watches the open shadow roots it is given', async () => {
    const w = start('<login-card></login-card>');
    const shadow = w.doc.querySelector('login-card')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Loading</p>';
    await mutationsDelivered();
    expect(w.idle.requests()).toBe(0);
    w.watch.observe(shadow);
    shadow.innerHTML = '<input type="password">';
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.checks()).toBe(1);
  });

  it('stops for good when disconnected', async () => {
    const w = start('<main id="app"></main>');
    w.watch.disconnect();
    w.doc.getElementById('app')!.innerHTML = '<input type="password">';
    await mutationsDelivered();
    w.idle.runIdle();
    expect(w.idle.requests()).toBe(0);
    expect(w.checks()).toBe(0);
  });
});
