import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleRange } from '../../src/ui/lib/virtual-range';

describe('visibleRange', () => {
  it('renders only the rows in view plus overscan, however long the list', () => {
    const range = visibleRange({ scrollTop: 0, viewportHeight: 520, rowHeight: 52, total: 10_000, overscan: 6 });
    expect(range.start).toBe(0);
    expect(range.end).toBe(17); // 10 visible + 1 partial + 6 overscan
    expect(range.padTop).toBe(0);
    expect(range.padBottom).toBe((10_000 - 17) * 52);
  });

  it('keeps the spacer height equal to the whole list while scrolled', () => {
    const range = visibleRange({ scrollTop: 52 * 5000 + 10, viewportHeight: 520, rowHeight: 52, total: 10_000, overscan: 6 });
    expect(range.start).toBe(4994);
    expect(range.end).toBe(5017);
    expect(range.padTop + (range.end - range.start) * 52 + range.padBottom).toBe(10_000 * 52);
  });

  it('clamps at the end of the list and handles empty lists', () => {
    const end = visibleRange({ scrollTop: 1e9, viewportHeight: 520, rowHeight: 52, total: 30, overscan: 6 });
    expect(end.end).toBe(30);
    expect(end.padBottom).toBe(0);
    expect(visibleRange({ scrollTop: 0, viewportHeight: 520, rowHeight: 52, total: 0, overscan: 6 })).toEqual({
      start: 0,
      end: 0,
      padTop: 0,
      padBottom: 0,
    });
  });
});

describe('scrollToReveal', () => {
  it('scrolls just enough to show a row above or below the viewport', () => {
    expect(scrollToReveal({ index: 2, scrollTop: 520, viewportHeight: 520, rowHeight: 52 })).toBe(104);
    expect(scrollToReveal({ index: 20, scrollTop: 0, viewportHeight: 520, rowHeight: 52 })).toBe(21 * 52 - 520);
    expect(scrollToReveal({ index: 3, scrollTop: 0, viewportHeight: 520, rowHeight: 52 })).toBeNull();
  });
});
