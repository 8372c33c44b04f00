// Fills the background starts (shortcut, context menu, popup) go to ONE frame: never one that says it
// cannot fill (hidden frames of a sweep page say so), the focused one first, else the top frame.
// Repeated shortcut presses cycle through the site's logins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TabMessage } from '../../../src/autofill/messages';
import { chooseFrame, createTabFiller, type FrameProbe } from '../../../src/autofill/service/fill-in-tab';
import { createRecentUse } from '../../../src/autofill/service/recent-use';
import { createMemoryStore } from '../../../src/autofill/service/key-value-store';
import { createWorld, url, type World } from './world';

const probe = (frameId: number, fillable: boolean, focusedAt = 0, at = 'https://bank.example/login'): FrameProbe => ({
  frameId,
  url: at,
  origin: new URL(at).origin,
  reply: { fillable, focusedAt },
});

describe('chooseFrame', () => {
  it('never picks a frame that cannot fill, however many there are', () => {
    const sweep = [probe(0, false), ...Array.from({ length: 20 }, (_, i) => probe(i + 1, false))];
    expect(chooseFrame(sweep)).toBeNull();
  });
  it('prefers the frame whose field had focus last, then the top frame', () => {
    expect(chooseFrame([probe(0, true), probe(3, true, 50), probe(4, true, 20)])?.frameId).toBe(3);
    expect(chooseFrame([probe(2, true), probe(0, true)])?.frameId).toBe(0);
    expect(chooseFrame([probe(2, true)])).toBeNull();
  });
  it('uses the right-clicked frame only', () => {
    expect(chooseFrame([probe(0, true), probe(3, true)], 3)?.frameId).toBe(3);
    expect(chooseFrame([probe(0, true), probe(3, false)], 3)).toBeNull();
  });
});

describe('fillInTab', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
  });
  afterEach(() => w.close());

  function filler(frames: FrameProbe[]) {
    const sent: { frameId: number; message: TabMessage }[] = [];
    const fill = createTabFiller({
      vault: w.vault,
      memory: w.memory,
      recentUse: createRecentUse(createMemoryStore()),
      tokens: w.tokens,
      now: () => Date.now(),
      probeFrames: async () => frames,
      tabUrl: async () => 'https://bank.example/login',
      related: w.related,
      certErrors: w.certErrors,
      sendToFrame: async (_tab, frameId, message) => {
        sent.push({ frameId, message });
        return { started: true };
      },
    });
    return { fill, sent };
  }

  it('cycles through the matches on repeated presses, with a fresh token each time', async () => {
    const a = await w.login({ name: 'A', urls: url('https://bank.example') });
    const b = await w.login({ name: 'B', urls: url('https://bank.example') });
    const { fill, sent } = filler([probe(0, true, 1)]);
    for (let i = 0; i < 3; i++) expect(await fill({ tabId: 1, target: 'focused' })).toBe(true);
    const messages = sent.map((s) => s.message as Extract<TabMessage, { type: 'keyhold:fill' }>);
    expect(messages.map((m) => m.itemId)).toEqual([a.id, b.id, a.id]);
    expect(new Set(messages.map((m) => m.token)).size).toBe(3);
  });

  it("the shortcut never picks a related site's login unseen; the popup, which shows it labelled, may name it", async () => {
    w.settings.relatedDomains = { custom: [['bank.example', 'bank-group.example']], disabled: [] };
    const related = await w.login({ name: 'Group bank', urls: url('https://bank-group.example') });
    const { fill, sent } = filler([probe(0, true, 1)]);
    expect(await fill({ tabId: 1, target: 'focused' })).toBe(false);
    expect(sent).toEqual([]);
    expect(await fill({ tabId: 1, itemId: related.id, target: 'focused' })).toBe(true);
    expect((sent[0]?.message as Extract<TabMessage, { type: 'keyhold:fill' }>).itemId).toBe(related.id);
  });

  it('fills nothing when no login matches the chosen frame', async () => {
    await w.login({ urls: url('https://elsewhere.example') });
    const { fill, sent } = filler([probe(0, true, 1)]);
    expect(await fill({ tabId: 1, target: 'focused' })).toBe(false);
    expect(sent).toEqual([]);
  });

  it('fills the login the popup names only if it matches the frame', async () => {
    const other = await w.login({ urls: url('https://elsewhere.example') });
    const { fill, sent } = filler([probe(0, true, 1)]);
    expect(await fill({ tabId: 1, itemId: other.id, target: 'focused' })).toBe(false);
    expect(sent).toEqual([]);
  });

  it('sends nothing to a sandboxed frame', async () => {
    await w.login({ urls: url('https://bank.example') });
    const sandboxed = { ...probe(0, true, 1), origin: 'null' };
    const { fill, sent } = filler([sandboxed]);
    expect(await fill({ tabId: 1, target: 'focused' })).toBe(false);
    expect(sent).toEqual([]);
  });
});
