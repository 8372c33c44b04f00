// Selecting many items in the full-page vault: click toggles one, shift-click selects the range from
// the last clicked row (the anchor) to this one, like a file manager. Pure, indices in list order.

export type Selection = { ids: ReadonlySet<string>; anchor: number | null };

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** Toggles the row at `index` (id `id`); with `range`, selects `idsBetween(anchor, index)` too. */
export function clickRow(
  selection: Selection,
  click: { index: number; id: string; range: boolean },
  idsBetween: (from: number, to: number) => readonly string[],
): Selection {
  if (click.range && selection.anchor !== null) {
    const from = Math.min(selection.anchor, click.index);
    const to = Math.max(selection.anchor, click.index);
    const ids = new Set(selection.ids);
    for (const id of idsBetween(from, to)) ids.add(id);
    return { ids, anchor: selection.anchor };
  }
  const ids = new Set(selection.ids);
  if (ids.has(click.id)) ids.delete(click.id);
  else ids.add(click.id);
  return { ids, anchor: click.index };
}

export function selectAll(ids: readonly string[]): Selection {
  return { ids: new Set(ids), anchor: null };
}

/** Keeps only ids still present (after a delete or a filter change). */
export function retain(selection: Selection, present: ReadonlySet<string>): Selection {
  const ids = new Set([...selection.ids].filter((id) => present.has(id)));
  return ids.size === selection.ids.size ? selection : { ids, anchor: null };
}
