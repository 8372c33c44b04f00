// Opening the inline menu for a field, for the user only: a real click in the field or on our icon,
// or ArrowDown in it (start-engine.ts checks the event), never a focus — a page script can focus a
// field whenever it likes, and the menu is where names and usernames appear. Then a fresh offer from
// the background (it may have been unlocked since), which carries the one-use token a fill chosen in
// this menu must show, the model for the field's kind, and the menu — unless the focus moved on
// meanwhile. It opens whatever it has to say (logins, "Unlock", "No logins saved"): whether a menu
// appears after a click must not tell the page whether the vault holds a login for it. The passkeys
// for a conditional get waiting in the frame are asked for at the same time (passkeys.menu).
import { foreignDestinationHost } from '../fill/guard-form-action';
import { buildMenuModel, type MenuModel } from '../menu/menu-model';
import type { InlineMenu } from '../menu/inline-menu';
import type { AutofillOffer } from '../messages';
import type { MenuPasskeys } from '../../passkeys/messages';
import type { FormControl } from '../detect/types';
import type { FieldTracker } from './field-tracker';

export type MenuOpener = (field: FormControl) => Promise<void>;

export function createMenuOpener(deps: {
  tracker: FieldTracker;
  menu: InlineMenu;
  query: () => Promise<AutofillOffer>;
  queryPasskeys: () => Promise<MenuPasskeys>;
}): MenuOpener {
  let sequence = 0;
  return async (field) => {
    const kind = deps.tracker.fieldOf(field)?.kind;
    if (!kind) return;
    const mine = ++sequence;
    let model: MenuModel | null;
    try {
      const wantsPasskeys = kind !== 'new-password' && kind !== 'totp';
      const [offer, passkeys] = await Promise.all([deps.query(), wantsPasskeys ? deps.queryPasskeys().catch(() => undefined) : undefined]);
      model = buildMenuModel({ offer, anchorKind: kind, actionHost: foreignDestinationHost(field), ...(passkeys ? { passkeys } : {}) });
    } catch {
      return;
    }
    if (mine !== sequence || model === null || !field.matches(':focus')) return;
    deps.menu.open(field, model);
  };
}
