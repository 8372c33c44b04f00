// One row of the item list: a monogram, the name and subtitle, and badges (favorite, one-time code).
// A row whose record cannot be decrypted says so and stays clickable (to delete it) without
// affecting any other row.
import type { JSX } from 'preact';
import type { ListRow } from '../../../vault/list-row';
import { Icon } from '../../components/icons';
import { typeLabel } from '../../lib/item-types';
import { t } from '../../../i18n/messages';

export type ItemRowProps = {
  listId: string;
  index: number;
  row: ListRow | undefined;
  height: number;
  active: boolean;
  onOpen: (index: number, row: ListRow) => void;
  /** A "Fill" button that fills this login into the page (the popup's current-site suggestions). */
  onFill?: (row: ListRow) => void;
  /** Bulk selection (full-page vault only). */
  checkbox?: { checked: boolean; onToggle: (index: number, row: ListRow, range: boolean) => void };
};

function monogram(row: ListRow): string {
  const source = row.name.trim() || row.domain;
  return (source.match(/[\p{L}\p{N}]/u)?.[0] ?? '?').toUpperCase();
}

export function ItemRow(props: ItemRowProps): JSX.Element {
  const { row, index, listId } = props;
  const id = `${listId}-row-${index}`;
  if (!row) {
    return (
      <div
        id={id}
        class="item-row placeholder"
        role="option"
        aria-selected={false}
        aria-busy="true"
        style={{ height: `${props.height}px` }}
        data-testid="item-row-placeholder"
      />
    );
  }
  return (
    <div
      id={id}
      class={`item-row${props.active ? ' active' : ''}${row.unreadable ? ' unreadable' : ''}${props.checkbox?.checked ? ' checked' : ''}`}
      role="option"
      aria-selected={props.active}
      aria-checked={props.checkbox ? props.checkbox.checked : undefined}
      aria-label={row.unreadable ? t('common_item_unreadable') : [row.name, row.subtitle, row.from].filter(Boolean).join(', ')}
      aria-keyshortcuts={props.onFill && !row.unreadable ? 'Shift+Enter' : undefined}
      style={{ height: `${props.height}px` }}
      data-testid="item-row"
      data-id={row.id}
      onClick={(event) => {
        if (props.checkbox && (event.shiftKey || event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          props.checkbox.onToggle(index, row, event.shiftKey);
          return;
        }
        props.onOpen(index, row);
      }}
    >
      {/* Not a focusable control: an option's children are presentational, and a focusable control
          inside one is lost to screen readers. The row itself carries aria-checked. */}
      {props.checkbox && (
        <span
          role="checkbox"
          class={`row-check${props.checkbox.checked ? ' on' : ''}`}
          aria-label={t('list_row_select', row.name)}
          aria-checked={props.checkbox.checked}
          onClick={(event) => {
            event.stopPropagation();
            props.checkbox?.onToggle(index, row, event.shiftKey);
          }}
        >
          {props.checkbox.checked && <Icon name="check" size={12} />}
        </span>
      )}
      {row.unreadable ? (
        <span class="row-icon row-icon-warning" aria-hidden="true">
          <Icon name="warning" size={16} />
        </span>
      ) : (
        <span class={`row-icon type-${row.type}`} aria-hidden="true" title={typeLabel(row.type)}>
          {monogram(row)}
        </span>
      )}
      <span class="row-text">
        <span class="row-name">{row.name}</span>
        {(row.subtitle || row.from) && <span class="row-sub">{[row.subtitle, row.from].filter(Boolean).join(' · ')}</span>}
      </span>
      {/* For the pointer only, so not a button: a control inside an option is lost to screen readers
          (axe: nested-interactive). The keyboard fills the active suggestion with Shift+Enter, which the
          row announces (aria-keyshortcuts). */}
      {props.onFill && !row.unreadable && (
        <span
          class="button small row-fill"
          aria-hidden="true"
          onClick={(event) => {
            event.stopPropagation();
            props.onFill?.(row);
          }}
        >
          {t('list_item_row_fill')}
        </span>
      )}
      <span class="row-badges" aria-hidden="true">
        {row.hasTotp && <span class="badge">{t('list_item_row_2fa')}</span>}
        {row.favorite && (
          <span class="fav">
            <Icon name="star" filled size={14} />
          </span>
        )}
      </span>
    </div>
  );
}
