// Notices that a login, signup or change-password form was sent: a submit event, a real click on a
// submit-like button, Enter in one of its fields, the fields vanishing after the user typed (a
// script-driven login), or the page going away after typing. Each sends the typed-or-filled values
// once to the background, which decides between "Save login", "Update password" and nothing.
import { isActionButton } from '../detect/form-signals';
import type { DetectedField } from '../detect/types';
import type { FieldTracker } from '../engine/field-tracker';
import type { SubmittedLogin } from '../messages';
import { collectLogin } from './collect-login';
import type { CredentialValues } from './credential-values';

const BUTTON = 'button, input[type=submit], input[type=image], input[type=button], [role=button]';
const CREDENTIAL = new Set(['username', 'email', 'current-password', 'new-password']);
const ARMED_CHECK_MS = 1000;

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
  const armed = new Map<Element, SubmittedLogin>();

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

  function submitGroup(container: Element): void {
    send(collectLogin(groupOf(container), values) ?? armed.get(container) ?? null);
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
    if (button === null || button === undefined || !isActionButton(button)) return;
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
    if (login === null) return;
    armed.set(container, login);
    polling ??= setInterval(checkArmed, ARMED_CHECK_MS);
  });

  // A group whose fields are gone after the user typed into it was most likely sent by script (a
  // login that never submits a form). Checked once a second, and only while something is typed.
  let polling: ReturnType<typeof setInterval> | undefined;
  function checkArmed(): void {
    for (const [container, login] of armed) {
      if (!container.isConnected || !groupOf(container).some((f) => f.element.isConnected)) {
        armed.delete(container);
        send(login);
      }
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
