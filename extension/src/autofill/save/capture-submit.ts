// Notices that a login, signup or change-password form was sent: a submit event, a real click on a
// submit-like button, Enter in one of its fields, or a navigation carrying the typed values — the
// page going away, or a script-driven login whose fields vanish while the address changes. Each
// sends the typed-or-filled values once to the background, which decides between "Save login",
// "Update password" and nothing.
//
// Nothing else counts (issue: a clear-and-refill sequence showed "Save login" twice without any
// submit): a button that only edits the form (clear, reset, show, cancel…) is not a submission;
// fields a script re-renders (they vanish, new ones appear, the address stays) are not one either;
// clearing the fields disarms them; and a navigation carries only what the fields still hold.
import { isActionButton } from '../detect/form-signals';
import type { DetectedField } from '../detect/types';
import type { FieldTracker } from '../engine/field-tracker';
import type { SubmittedLogin } from '../messages';
import { collectLogin } from './collect-login';
import type { CredentialValues } from './credential-values';

const BUTTON = 'button, input[type=submit], input[type=image], input[type=button], [role=button]';
const CREDENTIAL = new Set(['username', 'email', 'current-password', 'new-password']);
const ARMED_CHECK_MS = 1000;
/** Vanished fields wait this long for the address to change or the page to go; then they are forgotten. */
const VANISHED_WAIT_MS = 60_000;
/** Labels of buttons that only edit the form. A lone "×" is a clear button. */
const EDITS_ONLY = /\b(clear|reset|erase|empty|delete|remove|cancel|show|hide|reveal|back)\b|^[×✕✖x]$/i;

/** What a button says (its accessible name, roughly). */
function buttonText(button: Element): string {
  const value = button.localName === 'input' ? button.getAttribute('value') : null;
  return (button.getAttribute('aria-label') ?? button.getAttribute('title') ?? value ?? button.textContent ?? '').trim();
}

/** A button whose click may send the form: an action button that does not just edit it. */
export function isSubmitLike(button: Element): boolean {
  return isActionButton(button) && !EDITS_ONLY.test(buttonText(button));
}

type Armed = { login: SubmittedLogin; href: string; vanishedAt: number | null };

export function createSubmitCapture(deps: {
  document: Document;
  tracker: FieldTracker;
  values: CredentialValues;
  report: (login: SubmittedLogin) => void;
}): { stop: () => void } {
  const { document, tracker, values } = deps;
  const view = document.defaultView!;
  const reported = new Set<string>();
  // The last values typed per group, kept so a group that disappears can still be reported. Groups
  // are keyed by their element: each detection pass makes new FormContext objects.
  const armed = new Map<Element, Armed>();

  function groupOf(container: Element): DetectedField[] {
    return tracker.fields().filter((f) => f.form.element === container);
  }

  function send(login: SubmittedLogin | null): void {
    if (login === null) return;
    const key = JSON.stringify(login);
    if (reported.has(key)) return;
    reported.add(key);
    deps.report(login);
  }

  /** What the group holds now; what was typed into it only when its fields are gone. */
  function submitGroup(container: Element): void {
    const present = groupOf(container).filter((f) => f.element.isConnected);
    send(present.length > 0 ? collectLogin(present, values) : (armed.get(container)?.login ?? null));
    armed.delete(container);
  }

  /** The credential groups in or around an element (a submitted form, a clicked button). */
  function groupsAt(target: Element): Element[] {
    const found = new Set<Element>();
    for (const field of tracker.fields()) {
      if (field.kind === null || !CREDENTIAL.has(field.kind)) continue;
      const element = field.form.element;
      if (element !== null && (target.contains(field.element) || element.contains(target))) found.add(element);
    }
    return [...found];
  }

  function onSubmit(event: Event): void {
    for (const container of groupsAt(event.target as Element)) submitGroup(container);
  }

  function onClick(event: MouseEvent): void {
    if (!event.isTrusted) return;
    const target = event.composedPath()[0] as Element | undefined;
    const button = target?.nodeType === 1 ? target.closest(BUTTON) : null;
    if (button === null || button === undefined || !isSubmitLike(button)) return;
    for (const container of groupsAt(button)) submitGroup(container);
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (!event.isTrusted || event.key !== 'Enter') return;
    const field = tracker.fieldOf(event.composedPath()[0] as Element);
    if (field?.kind && CREDENTIAL.has(field.kind) && field.form.element !== null) submitGroup(field.form.element);
  }

  values.onTyped((element) => {
    const field = tracker.fieldOf(element);
    const container = field?.form.element ?? null;
    if (!field?.kind || !CREDENTIAL.has(field.kind) || container === null) return;
    const login = collectLogin(groupOf(container), values);
    // Cleared: nothing typed is left to carry anywhere.
    if (login === null) {
      armed.delete(container);
      return;
    }
    armed.set(container, { login, href: view.location.href, vanishedAt: null });
    polling ??= setInterval(checkArmed, ARMED_CHECK_MS);
  });

  // A group whose fields are gone after the user typed into it, while the address changed, was sent
  // by script (a login that never submits a form). Gone with the address unchanged, it may be a
  // re-render: it waits for the address to change or the page to go (pagehide), a minute at most.
  // Checked once a second, and only while something is typed.
  let polling: ReturnType<typeof setInterval> | undefined;
  function checkArmed(): void {
    const now = Date.now();
    for (const [container, entry] of armed) {
      if (container.isConnected && groupOf(container).some((f) => f.element.isConnected)) continue;
      entry.vanishedAt ??= now;
      if (view.location.href !== entry.href) {
        armed.delete(container);
        send(entry.login);
      } else if (now - entry.vanishedAt > VANISHED_WAIT_MS) armed.delete(container);
    }
    if (armed.size === 0) {
      clearInterval(polling);
      polling = undefined;
    }
  }

  function onPageHide(): void {
    for (const container of [...armed.keys()]) submitGroup(container);
  }

  document.addEventListener('submit', onSubmit, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKeyDown, true);
  view.addEventListener('pagehide', onPageHide);
  return {
    stop() {
      clearInterval(polling);
      document.removeEventListener('submit', onSubmit, true);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('keydown', onKeyDown, true);
      view.removeEventListener('pagehide', onPageHide);
    },
  };
}
