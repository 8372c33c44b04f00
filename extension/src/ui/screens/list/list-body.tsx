// The scrolling part of the list screen, shared by the popup and the full-page vault: this site's
// suggestions (popup, empty query only), the virtualized result list, or an empty state.
import type { JSX } from 'preact';
import { useCallback, useLayoutEffect } from 'preact/hooks';
import type { ListRow } from '../../../vault/list-row';
import { VirtualList } from '../../components/virtual-list';
import { emptyText } from '../../lib/filters';
import type { ItemList } from './use-item-list';
import { ItemRow, type ItemRowProps } from './item-row';
import { t } from '../../../i18n/messages';

export const LIST_ID = 'items';
export const SUGGESTIONS_ID = 'suggestions';

export function ListBody(props: {
  list: ItemList;
  suggestions: ListRow[];
  suggestionsFor: string | null;
  active: number;
  rowHeight: number;
  onOpen: (row: ListRow, index: number) => void;
  /** Fills a suggested login into the page the popup speaks for. */
  onFill?: (row: ListRow) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  checkbox?: (row: ListRow) => ItemRowProps['checkbox'];
  emptyAction?: JSX.Element;
}): JSX.Element {
  const { list, suggestions, rowHeight } = props;
  const cache = list.cache;
  const offset = suggestions.length;
  const ensureRows = list.ensureRows;
  // A new result set (search, filter, refresh after a write) must load the pages in view again.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `cache` on purpose: a new callback makes the virtual list ask for its range again
  const onRange = useCallback((start: number, end: number) => ensureRows(start, end), [ensureRows, cache]);

  // The first list paint is what the benchmark waits for ("suggestions and list painted"): mark it
  // as soon as the rows are in the DOM (the paint follows in this frame).
  useLayoutEffect(() => {
    if (!cache || document.body.dataset.ready === '1') return;
    performance.mark('keyhold:list-painted');
    document.body.dataset.ready = '1';
  }, [cache]);

  return (
    <div class="list-body">
      {suggestions.length > 0 && (
        <section class="suggestions" aria-labelledby="suggestions-title">
          <h2 id="suggestions-title" class="section-title">
            {props.suggestionsFor ? t('list_suggested_for', props.suggestionsFor) : t('list_suggested_for_this_site')}
          </h2>
          <div role="listbox" id={SUGGESTIONS_ID} aria-labelledby="suggestions-title" data-testid="suggestions">
            {suggestions.map((row, i) => (
              <ItemRow
                key={row.id}
                listId={SUGGESTIONS_ID}
                index={i}
                row={row}
                height={rowHeight}
                active={props.active === i}
                onOpen={() => props.onOpen(row, i)}
                {...(props.onFill && row.type === 'login' ? { onFill: props.onFill } : {})}
              />
            ))}
          </div>
        </section>
      )}
      {!cache ? (
        <div class="list-empty" id={LIST_ID} aria-busy="true" />
      ) : cache.total === 0 ? (
        // The search field's aria-controls names this id, so the empty state carries it too.
        <div class="list-empty" id={LIST_ID} data-testid="item-list" data-search-seq={list.paintedSeq} data-total={0}>
          <p>{emptyText(list.filter, list.query)}</p>
          {!list.query && list.filter.kind === 'all' && props.emptyAction}
        </div>
      ) : (
        <VirtualList
          id={LIST_ID}
          label={list.query ? t('list_results_for', list.query) : t('list_items')}
          total={cache.total}
          rowHeight={rowHeight}
          selected={props.active - offset}
          searchSeq={list.paintedSeq}
          resetKey={JSON.stringify([list.filter, list.query])}
          onRange={onRange}
          onKeyDown={props.onKeyDown}
          multiselectable={props.checkbox !== undefined}
          renderRow={(index) => {
            const row = cache.row(index);
            return (
              <ItemRow
                key={row?.id ?? `placeholder-${index}`}
                listId={LIST_ID}
                index={index}
                row={row}
                height={rowHeight}
                active={props.active === index + offset}
                onOpen={(i, r) => props.onOpen(r, i + offset)}
                checkbox={row && props.checkbox ? props.checkbox(row) : undefined}
              />
            );
          }}
        />
      )}
    </div>
  );
}

/** The id of the active row's element, for aria-activedescendant on the search field. */
export function activeRowId(active: number, suggestionCount: number): string | undefined {
  if (active < 0) return undefined;
  return active < suggestionCount ? `${SUGGESTIONS_ID}-row-${active}` : `${LIST_ID}-row-${active - suggestionCount}`;
}
