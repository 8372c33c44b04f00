// A page can embed a login in a frame it hides, fades, shrinks or covers; the frame's own document
// cannot see that (docs/architecture.md, "Autofill rules": never fill invisible fields). Where ancestors are
// same-origin with the frame, every frame element up to the top is checked with a field's rules at
// the point where the field is; a cross-origin ancestor leaves the chain unknown. Without the
// browser's own verdict (Firefox has no IntersectionObserver v2), only a chain seen whole and visible
// vouches for a sub-frame. Geometry comes from layout() (jsdom has none).
import { describe, expect, it } from 'vitest';
import { checkFrameChain } from '../../../src/autofill/fill/check-visibility';
import { createFrameVisibility } from '../../../src/autofill/engine/frame-visibility';
import { createUiHost } from '../../../src/autofill/menu/ui-host';
import { layout, testPage, type TestPage } from './dom';

const FRAME_BOX = { left: 200, top: 150, width: 400, height: 300 };
const FIELD_BOX = { left: 20, top: 40, width: 240, height: 32 };
/** The field's centre in the top page: the frame's origin plus the field's centre inside it. */
const FIELD_CENTRE_IN_TOP = { x: FRAME_BOX.left + 20 + 120, y: FRAME_BOX.top + 40 + 16 };

type Framed = { top: TestPage; frame: HTMLIFrameElement; inner: TestPage; field: HTMLInputElement };

/** A top page with a same-origin iframe holding a login field; extra boxes go on the top page. */
function framed(
  frameAttributes = '',
  wrapperStyle = '',
  extraTop = '',
  topBoxes: (top: TestPage) => [Element, typeof FRAME_BOX][] = () => [],
): Framed {
  const top = testPage(`<div id="wrap" style="${wrapperStyle}"><iframe id="frame" ${frameAttributes}></iframe></div>${extraTop}`);
  const frame = top.document.getElementById('frame') as HTMLIFrameElement;
  const window = frame.contentWindow as Window & typeof globalThis;
  window.document.body.innerHTML = '<form><input id="user" name="user"></form>';
  const inner: TestPage = { document: window.document, window, fields: [], field: (s) => window.document.querySelector(s) as HTMLInputElement };
  const field = inner.field('#user') as HTMLInputElement;
  layout(top, [[frame, FRAME_BOX], ...topBoxes(top)]);
  layout(inner, [[field, FIELD_BOX]], { width: FRAME_BOX.width, height: FRAME_BOX.height });
  return { top, frame, inner, field };
}

describe('checkFrameChain', () => {
  it('a field of the top page has nothing above it', () => {
    const top = testPage('<input id="user">');
    layout(top, [[top.field('#user'), FIELD_BOX]]);
    expect(checkFrameChain(top.field('#user'))).toBe('visible');
  });

  it('a same-origin frame shown as it is vouches for its field', () => {
    expect(checkFrameChain(framed().field)).toBe('visible');
  });

  it.each([
    ['display: none on the frame', 'style="display: none"', ''],
    ['visibility: hidden on the frame', 'style="visibility: hidden"', ''],
    ['opacity 0.001 on the frame', 'style="opacity: 0.001"', ''],
    ['opacity 0.001 on an ancestor of the frame', '', 'opacity: 0.001'],
    ['display: none on an ancestor of the frame', '', 'display: none'],
  ])('%s hides the field', (_name, frameAttributes, wrapperStyle) => {
    expect(checkFrameChain(framed(frameAttributes, wrapperStyle).field)).toBe('hidden');
  });

  // What IntersectionObserver v2 calls not visible and the measured rules above cannot see: the
  // chain must catch it itself where there is no v2 (Firefox).
  it.each([
    ['filter: opacity(0.02) on the frame', 'style="filter: opacity(0.02)"', ''],
    ['filter: brightness(0) on an ancestor', '', 'filter: brightness(0)'],
    ['a mask on an ancestor', '', 'mask-image: linear-gradient(transparent, transparent)'],
    ['mix-blend-mode on the frame', 'style="mix-blend-mode: screen"', ''],
    ['a clip path on the frame', 'style="clip-path: inset(49%)"', ''],
    ['a mirroring transform on an ancestor', '', 'transform: scaleX(-1)'],
    ['a scale that keeps the layout box', 'style="transform: scale(0.05)"', ''],
    ['the scale property on an ancestor', '', 'scale: 0.05'],
    ['the rotate property on the frame', 'style="rotate: 180deg"', ''],
  ])('%s hides the field', (_name, frameAttributes, wrapperStyle) => {
    expect(checkFrameChain(framed(frameAttributes, wrapperStyle).field)).toBe('hidden');
  });

  it('a frame only moved by a translation (a centred modal) still vouches for its field', () => {
    expect(checkFrameChain(framed('', 'transform: translate(-50%, -50%)').field)).toBe('visible');
  });

  it('a 1×1 px frame hides the field', () => {
    const { top, frame, field } = framed();
    layout(top, [[frame, { left: 200, top: 150, width: 1, height: 1 }]]);
    expect(checkFrameChain(field)).toBe('hidden');
  });

  it('a frame placed off-screen hides the field', () => {
    const { top, frame, field } = framed();
    layout(top, [[frame, { left: -5000, top: 150, width: 400, height: 300 }]]);
    expect(checkFrameChain(field)).toBe('hidden');
  });

  it("an element of the top page over the field's point hides it; one elsewhere over the frame does not", () => {
    const over = { left: FIELD_CENTRE_IN_TOP.x - 5, top: FIELD_CENTRE_IN_TOP.y - 5, width: 10, height: 10 };
    const covered = framed('', '', '<div id="decoy"></div>', (top) => [[top.document.getElementById('decoy')!, over]]);
    expect(checkFrameChain(covered.field)).toBe('hidden');

    const beside = { left: FRAME_BOX.left, top: FRAME_BOX.top + 200, width: 400, height: 50 };
    const banner = framed('', '', '<div id="banner"></div>', (top) => [[top.document.getElementById('banner')!, beside]]);
    expect(checkFrameChain(banner.field)).toBe('visible');
  });

  it('a page element named like ours still covers: only our own hosts in the frame itself are looked through', () => {
    const over = { left: FIELD_CENTRE_IN_TOP.x - 5, top: FIELD_CENTRE_IN_TOP.y - 5, width: 10, height: 10 };
    const { field } = framed('', '', '<keyhold-menu id="fake"></keyhold-menu>', (top) => [[top.document.getElementById('fake')!, over]]);
    expect(checkFrameChain(field)).toBe('hidden');
  });

  it('a frame two levels down is hidden when the outer frame is', () => {
    const outer = framed('style="opacity: 0.01"');
    const middle = outer.inner.document;
    middle.body.innerHTML = '<iframe id="deeper"></iframe>';
    const deeper = middle.getElementById('deeper') as HTMLIFrameElement;
    const window = deeper.contentWindow as Window & typeof globalThis;
    window.document.body.innerHTML = '<input id="pin" type="password">';
    const field = window.document.getElementById('pin')!;
    layout(
      { ...outer.inner },
      [
        [outer.field, FIELD_BOX],
        [deeper, { left: 0, top: 0, width: 400, height: 300 }],
      ],
      { width: 400, height: 300 },
    );
    layout({ document: window.document, window, fields: [], field: () => field as HTMLInputElement }, [[field, FIELD_BOX]], {
      width: 400,
      height: 300,
    });
    expect(checkFrameChain(field)).toBe('hidden');
    outer.frame.style.opacity = '1';
    expect(checkFrameChain(field)).toBe('visible');
  });

  it('a cross-origin ancestor leaves the chain unknown (frameElement is null there, or throws)', () => {
    const { inner, field } = framed();
    Object.defineProperty(inner.window, 'frameElement', { configurable: true, get: () => null });
    expect(checkFrameChain(field)).toBe('unknown');
    Object.defineProperty(inner.window, 'frameElement', {
      configurable: true,
      get: () => {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    });
    expect(checkFrameChain(field)).toBe('unknown');
  });
});

describe("createFrameVisibility without the browser's verdict (Firefox)", () => {
  it('vouches for a sub-frame only when its whole chain is seen and visible', async () => {
    const shown = framed();
    expect('IntersectionObserverEntry' in shown.inner.window).toBe(false);
    expect(await createFrameVisibility(shown.inner.window, new Set())(shown.field)).toBe(true);

    const faded = framed('style="opacity: 0.001"');
    expect(await createFrameVisibility(faded.inner.window, new Set())(faded.field)).toBe(false);

    const foreign = framed();
    Object.defineProperty(foreign.inner.window, 'frameElement', { configurable: true, get: () => null });
    expect(await createFrameVisibility(foreign.inner.window, new Set())(foreign.field)).toBe(false);
  });

  it('never asks about the top frame', async () => {
    const top = testPage('<input id="user">');
    expect(await createFrameVisibility(top.window, new Set())(top.field('#user'))).toBe(true);
  });
});

describe("our UI in a sub-frame without the browser's verdict (Firefox)", () => {
  /** A menu host in the frame, over the field (the chain is judged at the host). */
  function hostIn(f: Framed) {
    const ui = createUiHost({ document: f.inner.document, tag: 'keyhold-menu', css: '', ownHosts: new Set(), onBroken: () => undefined });
    layout(
      f.inner,
      [
        [f.field, FIELD_BOX],
        [ui.host, { left: 20, top: 80, width: 200, height: 120 }],
      ],
      { width: FRAME_BOX.width, height: FRAME_BOX.height },
    );
    return ui;
  }

  it('counts as seen only when the embedding chain is same-origin and visible at the host', () => {
    expect(hostIn(framed()).browserSaysVisible()).toBe(true);
    expect(hostIn(framed('style="opacity: 0.001"')).browserSaysVisible()).toBe(false);
    const foreign = framed();
    Object.defineProperty(foreign.inner.window, 'frameElement', { configurable: true, get: () => null });
    expect(hostIn(foreign).browserSaysVisible()).toBe(false);
  });

  it('is judged where the host is, not where the field is: a decoy over the menu alone hides it', () => {
    const overMenu = { left: FRAME_BOX.left + 20 + 100 - 5, top: FRAME_BOX.top + 80 + 60 - 5, width: 10, height: 10 };
    const f = framed('', '', '<div id="decoy"></div>', (top) => [[top.document.getElementById('decoy')!, overMenu]]);
    expect(checkFrameChain(f.field)).toBe('visible');
    expect(hostIn(f).browserSaysVisible()).toBe(false);
  });
});
