// Opening the inline menu for a field: a fresh offer from the background (it may have been unlocked
// since), the model for the field's kind, then the menu — unless the focus moved on meanwhile.
// Opened by focus, it shows only when it has something to choose; opened by the icon, always.
import { foreignDestinationHost } from '../fill/guard-form-action';
import { buildMenuModel, type MenuModel } from '../menu/menu-model';
import type { InlineMenu } from '../menu/inline-menu';
import type { AutofillOffer } from '../messages';
import type { FormControl } from '../detect/types';
import type { FieldTracker } from './field-tracker';

export type MenuOpener = (field: FormControl, how: { by: 'focus' | 'icon' }) => Promise<void>;

export function createMenuOpener(deps: { tracker: FieldTracker; menu: InlineMenu; query: () => Promise<AutofillOffer> }): MenuOpener {
  let sequence = 0;
  return async (field, how) => {
    const kind = deps.tracker.fieldOf(field)?.kind;
    if (!kind) return;
    const mine = ++sequence;
    let model: MenuModel | null;
    try {
      model = buildMenuModel({ offer: await deps.query(), anchorKind: kind, actionHost: foreignDestinationHost(field) });
    } catch {
      return;
    }
    if (mine !== sequence || model === null || !field.matches(':focus')) return;
    if (how.by === 'focus' && model.entries.length === 0) return;
    // "Add a login" and "Search" wait for the icon: a focus on a site with no login opens nothing.
    if (how.by === 'focus' && model.entries.every((e) => e.kind === 'add' || e.kind === 'search')) return;
    if (
      how.by === 'focus' &&
      model.entries.every((e) => e.kind === 'unlock') &&
      kind !== 'current-password' &&
      kind !== 'username' &&
      kind !== 'email'
    )
      return;
    deps.menu.open(field, model);
  };
}
