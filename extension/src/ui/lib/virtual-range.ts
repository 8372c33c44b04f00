// Which rows of a fixed-height virtualized list to render for a scroll position: only the visible
// ones plus a little overscan, so a 10,000-item vault costs the same to paint as a 20-item one.

export type VirtualRange = { start: number; end: number; padTop: number; padBottom: number };

export type RangeInput = { scrollTop: number; viewportHeight: number; rowHeight: number; total: number; overscan: number };

/** Rows [start, end) to render, and the empty space above and below them. */
export function visibleRange(input: RangeInput): VirtualRange {
  const { rowHeight, total, overscan } = input;
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const scrollTop = Math.max(0, input.scrollTop);
  const first = Math.min(total - 1, Math.floor(scrollTop / rowHeight));
  const visible = Math.ceil(Math.max(0, input.viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollToReveal(input: { index: number; scrollTop: number; viewportHeight: number; rowHeight: number }): number | null {
  const top = input.index * input.rowHeight;
  const bottom = top + input.rowHeight;
  if (top < input.scrollTop) return top;
  if (bottom > input.scrollTop + input.viewportHeight) return bottom - input.viewportHeight;
  return null;
}
