// A fixed-row-height virtualized listbox: it renders only the rows in view (plus overscan) inside a
// spacer as tall as the whole list, so scrolling 10,000 rows keeps a few dozen DOM nodes alive.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { scrollToReveal, visibleRange } from '../lib/virtual-range';

export type VirtualListProps = {
  id: string;
  label: string;
  total: number;
  rowHeight: number;
  /** Index of the keyboard-selected row (scrolled into view), or -1. */
  selected: number;
  renderRow: (index: number) => ComponentChildren;
  onRange: (start: number, end: number) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  /** Sequence number of the painted search (data-search-seq, for the benchmark and tests). */
  searchSeq: number;
  /** Changes when the result set is a different one (filter or query): scroll back to the top. */
  resetKey: string;
  multiselectable?: boolean;
};

const OVERSCAN = 6;

export function VirtualList(props: VirtualListProps): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  const { total, rowHeight, selected } = props;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    setViewport(element.clientHeight || 480);
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || 480));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A different result set starts at the top; the same one refreshed after a write keeps its place.
  useEffect(() => {
    if (!scroller.current) return;
    scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [props.resetKey]);

  useEffect(() => {
    const element = scroller.current;
    if (!element || selected < 0) return;
    const to = scrollToReveal({ index: selected, scrollTop: element.scrollTop, viewportHeight: element.clientHeight, rowHeight });
    if (to !== null) {
      element.scrollTop = to;
      setScrollTop(to);
    }
  }, [selected, rowHeight]);

  const range = visibleRange({ scrollTop, viewportHeight: viewport, rowHeight, total, overscan: OVERSCAN });
  const { onRange } = props;
  useEffect(() => onRange(range.start, range.end), [range.start, range.end, onRange]);

  const rows: ComponentChildren[] = [];
  for (let i = range.start; i < range.end; i++) rows.push(props.renderRow(i));

  return (
    <div
      ref={scroller}
      id={props.id}
      class="virtual-list"
      role="listbox"
      aria-label={props.label}
      aria-multiselectable={props.multiselectable}
      aria-activedescendant={selected >= 0 ? `${props.id}-row-${selected}` : undefined}
      tabIndex={0}
      data-testid="item-list"
      data-search-seq={props.searchSeq}
      data-total={total}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={props.onKeyDown}
    >
      <div style={{ height: `${range.padTop}px` }} aria-hidden="true" />
      {rows}
      <div style={{ height: `${range.padBottom}px` }} aria-hidden="true" />
    </div>
  );
}
