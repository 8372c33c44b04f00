// A fill the background started (keyboard shortcut, context menu, popup): fill the focused field's
// group (or the right-clicked one, or the frame's first login form) with the background's one-use
// token. Where the menu would ask first — a cross-origin frame, a form that sends elsewhere, a login
// saved on another subdomain — the menu opens at the form in its confirmation step instead, and the
// user's click there decides.
import { foreignDestinationHost } from '../fill/guard-form-action';
import { planFill } from '../fill/plan-fill';
import { asksFirst, buildMenuModel, confirmationModel } from '../menu/menu-model';
import type { InlineMenu } from '../menu/inline-menu';
import type { AutofillOffer, TabMessage } from '../messages';
import type { FormControl } from '../detect/types';
import type { FieldTracker } from './field-tracker';
import type { FillController } from './fill-controller';

export function createFillOnRequest(deps: { tracker: FieldTracker; fill: FillController; menu: InlineMenu; query: () => Promise<AutofillOffer> }) {
  return async (message: Extract<TabMessage, { type: 'keyhold:fill' }>, anchor: FormControl | null): Promise<{ started: boolean }> => {
    const plan = planFill(deps.tracker.fields(), anchor);
    const at = anchor ?? plan?.username ?? plan?.password ?? null;
    const kind = at === null ? undefined : deps.tracker.fieldOf(at)?.kind;
    if (plan === null || at === null || !kind || !(await deps.fill.fillable(anchor))) return { started: false };
    const model = buildMenuModel({ offer: await deps.query(), anchorKind: kind, actionHost: foreignDestinationHost(at) });
    if (model === null) return { started: false };
    const entry = model.entries.find((e) => (e.kind === 'login' || e.kind === 'totp') && e.itemId === message.itemId);
    if (entry !== undefined && asksFirst(model, entry)) {
      deps.menu.open(at, confirmationModel(model, entry));
      return { started: true };
    }
    if (model.needsConfirmation) return { started: false };
    const result = await deps.fill.fillLogin({ itemId: message.itemId, anchor, gesture: { kind: 'token', token: message.token }, confirmed: false });
    return { started: result === 'filled' };
  };
}
