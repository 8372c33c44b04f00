// A page for content-side tests: jsdom via the detector's own Node parser, plus the detector's view
// of it. jsdom has no layout; tests that need geometry give elements a box with `layout()`.
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import { parseHtml } from '../../../src/autofill/detect/node/parse-html';
import type { DetectedField, FormControl } from '../../../src/autofill/detect/types';

export type TestPage = { document: Document; window: Window & typeof globalThis; fields: DetectedField[]; field(selector: string): FormControl };

export function testPage(body: string, url = 'https://example.com/login'): TestPage {
  const { document, window } = parseHtml(`<!DOCTYPE html><html><head><title>Test</title></head><body>${body}</body></html>`, { url });
  const fields = detectFields(document);
  return {
    document,
    window: window as Window & typeof globalThis,
    fields,
    field(selector) {
      const found = document.querySelector(selector);
      if (found === null) throw new Error(`no ${selector}`);
      return found as FormControl;
    },
  };
}

type Box = { left: number; top: number; width: number; height: number };

/**
 * Gives elements a box (jsdom computes none) and makes hit-testing answer from those boxes, topmost
 * = last given. Stubs jsdom's missing layout, not any of our code.
 */
export function layout(page: TestPage, boxes: [Element, Box][], viewport = { width: 1024, height: 768 }): void {
  const { window, document } = page;
  const byElement = new Map(boxes);
  Object.defineProperty(window, 'innerWidth', { value: viewport.width, configurable: true });
  Object.defineProperty(window, 'innerHeight', { value: viewport.height, configurable: true });
  window.Element.prototype.getBoundingClientRect = function (this: Element) {
    const box = byElement.get(this) ?? { left: 0, top: 0, width: 0, height: 0 };
    return { ...box, x: box.left, y: box.top, right: box.left + box.width, bottom: box.top + box.height, toJSON: () => box } as DOMRect;
  };
  (document as unknown as { elementsFromPoint: (x: number, y: number) => Element[] }).elementsFromPoint = (x, y) =>
    boxes
      .filter(([, b]) => x >= b.left && x < b.left + b.width && y >= b.top && y < b.top + b.height)
      .map(([element]) => element)
      .reverse();
}
