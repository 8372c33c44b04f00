// Filling in the page: plan the fields (plan-fill.ts), ask the background for exactly the values
// there is a visible field for, then check each field again right before writing into it (the
// page had a round trip to change things). Generated passwords go into the new-password fields of
// the group. Every value we write is recorded for the save prompt and pinned against a form action
// rewrite.
import { checkVisibility } from '../fill/check-visibility';
import { canHoldSavedPassword, planFill, type FillPlan } from '../fill/plan-fill';
import { setFieldValue } from '../fill/set-field-value';
import { destinationOf, foreignDestinationHost, sendsAsBefore, type FieldDestination, type FormActionGuard } from '../fill/guard-form-action';
import type { FormControl } from '../detect/types';
import type { FilledValue } from '../fill/guard-form-action';
import type { FillGesture, FillRequest, FillResponse } from '../messages';
import type { CredentialValues } from '../save/credential-values';
import type { FieldTracker } from './field-tracker';

export type FillDeps = {
  tracker: FieldTracker;
  ownHosts: Set<Element>;
  values: CredentialValues;
  guard: FormActionGuard;
  /** False in a frame the browser says the user cannot see at this field (frame-visibility.ts). */
  frameVisible: (field: FormControl) => Promise<boolean>;
  requestFill: (request: FillRequest) => Promise<FillResponse>;
  /** A generated password; `rules` is the field's own `passwordrules` attribute (the background picks and generates). */
  requestPassword: (rules: string | null) => Promise<{ password: string }>;
  copyText: (text: string) => Promise<void>;
  /** Our own writes move the focus; the menu must not reopen because of them. */
  whileFilling: <T>(work: () => T) => T;
};

export type FillResult = 'filled' | 'nothing';

type Editable = HTMLInputElement | HTMLTextAreaElement;

/** The protocol's bound on a page's `passwordrules` text (messaging/protocol.ts). */
const MAX_RULES_TEXT = 1000;

/**
 * The page's own password rules for these fields (the WHATWG `passwordrules` proposal, as Safari
 * reads it): the anchor's attribute, else the first target's. Page text: cut to the protocol's bound,
 * and only parsed in the background.
 */
export function pagePasswordRules(fields: readonly FormControl[]): string | null {
  for (const field of fields) {
    const rules = field.getAttribute('passwordrules');
    if (rules !== null && rules.trim() !== '') return rules.slice(0, MAX_RULES_TEXT);
  }
  return null;
}

export function createFillController(deps: FillDeps) {
  const isVisible = (field: FormControl | null): field is FormControl =>
    field !== null && field.localName !== 'select' && checkVisibility(field, { ownHosts: deps.ownHosts }).visible;

  /** Where each planned field sends, taken before the round trip: the write must find it unchanged. */
  const destinations = (fields: (FormControl | null)[]): Map<FormControl, FieldDestination> =>
    new Map(fields.filter((f): f is FormControl => f !== null).map((f) => [f, destinationOf(f)]));

  type Pair = { field: FormControl | null; value: string | null; secret: boolean };

  function write(pairs: Pair[], planned: Map<FormControl, FieldDestination>): FormControl[] {
    const written: FilledValue[] = [];
    deps.whileFilling(() => {
      for (const { field, value, secret } of pairs) {
        if (field === null || value === null || !isVisible(field)) continue;
        // Each write lets the page run (input and change events): a field it has since moved into
        // another form, or whose form now sends elsewhere, is not the one the user chose.
        const before = planned.get(field);
        if (before === undefined || !sendsAsBefore(field, before)) continue;
        setFieldValue(field as Editable, value);
        deps.values.recordFilled(field, value);
        written.push({ field, value, secret });
      }
    });
    deps.guard.pin(written);
    return written.map((w) => w.field);
  }

  /** What a fill in this frame would want, or null when nothing visible could take a login. */
  async function wantFor(plan: FillPlan | null): Promise<FillRequest['want'] | null> {
    if (plan === null) return null;
    const want = {
      username: isVisible(plan.username),
      password: isVisible(plan.password) && canHoldSavedPassword(plan.password),
      totp: isVisible(plan.totp),
    };
    const at = want.password ? plan.password : want.username ? plan.username : want.totp ? plan.totp : null;
    return at !== null && (await deps.frameVisible(at)) ? want : null;
  }

  return {
    /** A login (or its one-time code) into the anchor's group, or the first login group of the frame. */
    async fillLogin(input: {
      itemId: string;
      anchor: FormControl | null;
      gesture: FillGesture;
      confirmed: boolean;
      only?: 'totp';
    }): Promise<FillResult> {
      const plan = planFill(deps.tracker.fields(), input.anchor);
      const wanted = await wantFor(plan);
      if (plan === null || wanted === null) return 'nothing';
      const want = input.only === 'totp' ? { username: false, password: false, totp: wanted.totp } : wanted;
      if (!want.username && !want.password && !want.totp) return 'nothing';
      const targets = [plan.username, plan.password, plan.totp];
      // The menu named a form that sends elsewhere and asked first; one whose destination moved
      // there after the menu opened was never asked about.
      if (input.gesture.kind === 'menu' && !input.confirmed && targets.some((f) => f !== null && foreignDestinationHost(f) !== null))
        return 'nothing';
      const planned = destinations(targets);
      const values = await deps.requestFill({ itemId: input.itemId, gesture: input.gesture, want, confirmed: input.confirmed });
      // A saved password goes only where canHoldSavedPassword agrees, checked again at write time.
      const password = plan.password !== null && canHoldSavedPassword(plan.password) ? values.password : null;
      const written = write(
        [
          { field: plan.username, value: values.username, secret: false },
          { field: plan.password, value: password, secret: true },
          { field: plan.totp, value: values.totp, secret: true },
        ],
        planned,
      );
      if (values.copyTotp !== null) await deps.copyText(values.copyTotp).catch(() => undefined);
      return written.length > 0 ? 'filled' : 'nothing';
    },

    /** A generated password into the new-password fields (new and confirm) of the anchor's group. */
    async generateInto(anchor: FormControl): Promise<FillResult> {
      const plan = planFill(deps.tracker.fields(), anchor);
      const targets = plan?.newPasswords.filter(isVisible) ?? [];
      if (targets.length === 0 || !(await deps.frameVisible(targets[0]!))) return 'nothing';
      const planned = destinations(targets);
      const { password } = await deps.requestPassword(pagePasswordRules([anchor, ...targets]));
      return write(
        targets.map((field) => ({ field, value: password, secret: true })),
        planned,
      ).length > 0
        ? 'filled'
        : 'nothing';
    },

    /** True when a login could go somewhere visible in this frame (the background's probe). */
    async fillable(anchor: FormControl | null): Promise<boolean> {
      return (await wantFor(planFill(deps.tracker.fields(), anchor))) !== null;
    },
  };
}

export type FillController = ReturnType<typeof createFillController>;
