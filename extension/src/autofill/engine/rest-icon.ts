// Where the field icon rests while no detected field has focus: in the first visible username or
// e-mail field of the frame, else its first visible password field. So a login form shows the icon
// as soon as it is detected — whether it was there at load or a script rendered it later — and the
// icon follows the focus from there (start-engine.ts). Placed in idle time; a frame the user cannot
// see shows nothing (frame-visibility.ts), like the focus path.
import { createIdleWork, type IdleScheduler } from '../content/idle-work';
import { checkVisibility } from '../fill/check-visibility';
import type { FieldIcon } from '../menu/field-icon';
import type { DetectedField, FormControl } from '../detect/types';
import type { FieldTracker } from './field-tracker';

const IDENTIFIER_KINDS = new Set(['username', 'email']);
const PASSWORD_KINDS = new Set(['current-password', 'new-password']);

/** The field the icon should rest in, or null: identifiers first, then passwords, in document order. */
export function pickRestingField(fields: readonly DetectedField[], isVisible: (field: FormControl) => boolean): FormControl | null {
  const ranked = [
    ...fields.filter((field) => field.kind !== null && IDENTIFIER_KINDS.has(field.kind)),
    ...fields.filter((field) => field.kind !== null && PASSWORD_KINDS.has(field.kind)),
  ];
  return ranked.find((field) => isVisible(field.element))?.element ?? null;
}

export type RestingIcon = {
  /** Asks for the icon to be placed again, in idle time (after a pass, a blur, a scroll); free without credential fields. */
  request(): void;
};

export function createRestingIcon(deps: {
  tracker: FieldTracker;
  icon: FieldIcon;
  ownHosts: ReadonlySet<Element>;
  frameVisible: (field: FormControl) => Promise<boolean>;
  /** True while a detected field has focus: the icon is then the focus path's. */
  focusIsOnField: () => boolean;
  schedule: IdleScheduler;
  now: () => number;
}): RestingIcon {
  const { icon } = deps;
  let sequence = 0;

  function place(): void {
    if (deps.focusIsOnField()) return;
    const mine = ++sequence;
    const target = pickRestingField(
      deps.tracker.fields(),
      (field) => field.localName === 'input' && checkVisibility(field, { ownHosts: deps.ownHosts }).visible,
    );
    if (target === null) {
      icon.hide();
      return;
    }
    if (target === icon.field()) {
      icon.reposition();
      return;
    }
    void deps.frameVisible(target).then((visible) => {
      if (mine !== sequence || deps.focusIsOnField() || !target.isConnected) return;
      if (visible) icon.showFor(target);
      else icon.hide();
    });
  }

  const work = createIdleWork({
    schedule: deps.schedule,
    budgetMs: 10,
    now: deps.now,
    step: () => {
      place();
      return 'done';
    },
  });
  const hasCredentialField = () =>
    deps.tracker.fields().some((field) => field.kind !== null && (IDENTIFIER_KINDS.has(field.kind) || PASSWORD_KINDS.has(field.kind)));
  return {
    request() {
      if (hasCredentialField() || icon.field() !== null) work.request();
    },
  };
}
