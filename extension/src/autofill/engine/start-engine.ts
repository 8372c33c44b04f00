// The autofill engine, loaded into a frame only once it has a candidate field (the always-on part
// is content/start-boot.ts). It wires the detector, the inline menu and icon, filling, the save
// capture and bar, the one-time code that follows a login, and the background's messages.
import { send } from '../../messaging/client';
import { browserIdleScheduler } from '../content/idle-work';
import { insertionIdleScheduler } from '../content/watch-insertions';
import { createFormActionGuard } from '../fill/guard-form-action';
import { createFieldIcon } from '../menu/field-icon';
import { createInlineMenu } from '../menu/inline-menu';
import { createCredentialValues } from '../save/credential-values';
import { createSubmitCapture } from '../save/capture-submit';
import { createSaveBar } from '../save/save-bar';
import type { FormControl } from '../detect/types';
import { ENGINE_SLOT, type EngineSlot } from '../messages';
import { createFieldTracker } from './field-tracker';
import { createFillController } from './fill-controller';
import { createFrameVisibility } from './frame-visibility';
import { createFillOnRequest } from './fill-on-request';
import { createMenuOpener } from './open-menu';
import { refreshOnInsertions } from './refresh-on-insertions';
import { createRestingIcon } from './rest-icon';
import { listenToBackground } from './tab-listener';

const SLOT = Symbol.for(ENGINE_SLOT);

function deepActiveElement(document: Document): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function startEngine(): void {
  const scope = globalThis as { [SLOT]?: EngineSlot };
  if (scope[SLOT] !== undefined || window.origin === 'null') return;
  scope[SLOT] = { probe: async () => ({ fillable: false, focusedAt: 0 }), passTimes: () => [] };

  const now = () => performance.now();
  const ownHosts = new Set<Element>();
  const schedule = browserIdleScheduler({ timeoutMs: 500 });
  const tracker = createFieldTracker({ document, schedule, now });
  // Forms a script adds later (single-page apps) get a pass too; the observer callbacks only queue.
  refreshOnInsertions({ document, tracker, schedule: insertionIdleScheduler(), now });
  const values = createCredentialValues(document);
  const bar = createSaveBar({
    document,
    ownHosts,
    now,
    onAction: (promptId, action) => void send('autofill.savePrompt', { promptId, action }).catch(() => undefined),
  });
  const guard = createFormActionGuard({
    document,
    onBlocked: (host) => bar.warn(`After Keyhold filled it, this form was changed to send to ${host}. Keyhold removed what it filled.`),
  });

  let filling = false;
  const frameVisible = createFrameVisibility(window, ownHosts);
  const fill = createFillController({
    tracker,
    ownHosts,
    values,
    guard,
    frameVisible,
    requestFill: (request) => send('autofill.fill', request),
    requestPassword: (rules) => send('autofill.generate', { rules }),
    copyText: (text) => navigator.clipboard.writeText(text),
    whileFilling: (work) => {
      filling = true;
      try {
        return work();
      } finally {
        filling = false;
      }
    },
  });

  const menu = createInlineMenu({
    document,
    ownHosts,
    now,
    onChoose: (entry, anchor, token) => {
      if (entry.kind === 'unlock') void send('autofill.openUnlock').catch(() => undefined);
      else if (entry.kind === 'add' || entry.kind === 'search')
        void send('autofill.openPopup', { start: entry.kind === 'add' ? 'new-login' : 'search' }).catch(() => undefined);
      else if (entry.kind === 'generate') void fill.generateInto(anchor).catch(() => undefined);
      // The page's waiting conditional get gets its assertion from the background, not from us.
      else if (entry.kind === 'passkey')
        void send('passkeys.chooseInMenu', { token: entry.token, itemId: entry.itemId, passkeyId: entry.passkeyId }).catch(() => undefined);
      else if (token !== null) {
        const confirmed = 'confirmed' in entry && entry.confirmed;
        const only = entry.kind === 'totp' ? 'totp' : undefined;
        void fill
          .fillLogin({ itemId: entry.itemId, anchor, gesture: { kind: 'menu', token }, confirmed, ...(only ? { only } : {}) })
          .catch(() => undefined);
      }
    },
  });
  const openMenu = createMenuOpener({ tracker, menu, query: () => send('autofill.menu'), queryPasskeys: () => send('passkeys.menu') });
  const icon = createFieldIcon({
    document,
    ownHosts,
    onClick: (field) => {
      if (menu.anchor() === field) return menu.close();
      // A click on the icon resting in a field that has no focus is a click into that field.
      if (!field.matches(':focus')) field.focus();
      void openMenu(field);
    },
  });
  const focusedField = (): FormControl | null => tracker.fields().find((f) => f.kind !== null && f.element.matches(':focus'))?.element ?? null;
  // Without focus on a detected field, the icon rests in the frame's first visible credential field.
  const rest = createRestingIcon({ tracker, icon, ownHosts, frameVisible, focusIsOnField: () => focusedField() !== null, schedule, now });

  // Focus: the icon in the field, and nothing else. The menu waits for the user (below).
  let focusedAt = 0;
  let contextTarget: FormControl | null = null;
  const detectedAt = (target: EventTarget | undefined): FormControl | null => {
    const field = target ? tracker.fieldOf(target as Element) : undefined;
    return field?.kind ? field.element : null;
  };
  let handledFocus: FormControl | null = null;
  const onFieldFocused = (field: FormControl): void => {
    handledFocus = field;
    focusedAt = Date.now();
    // Nothing of ours shows in a frame the user cannot see (a page may focus fields in hidden frames).
    void frameVisible(field).then((visible) => {
      if (visible && field.matches(':focus')) icon.showFor(field);
    });
  };
  // The menu opens for a real click in a focused field, or ArrowDown in it (as a browser's own
  // autocomplete): a trusted event with the user activation it brings. A page's focus(), click() or
  // dispatched key opens nothing, so it can read nothing from the menu (docs/architecture.md,
  // "Autofill rules"), and the background still wants the menu's token for a fill.
  const userInField = (event: Event): FormControl | null => {
    if (!event.isTrusted || filling) return null;
    const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
    if (activation !== undefined && !activation.isActive) return null;
    const field = detectedAt(event.composedPath()[0]);
    return field !== null && field.matches(':focus') && menu.anchor() !== field ? field : null;
  };
  const openForUser = (field: FormControl): void => {
    void frameVisible(field).then((visible) => {
      if (visible) void openMenu(field);
    });
  };
  document.addEventListener(
    'click',
    (event) => {
      const field = userInField(event);
      if (field !== null) openForUser(field);
    },
    true,
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'ArrowDown' || event.altKey || event.ctrlKey || event.metaKey) return;
      const field = userInField(event);
      if (field !== null) openForUser(field);
    },
    true,
  );
  // Every focus on an input re-detects (in idle time): the page may have changed since the last pass.
  // A field already known gets the menu at once; one the last pass did not know (the engine is
  // loading because of that focus, or the field just appeared) once the pass is in.
  let pendingFocus: Element | null = deepActiveElement(document);
  document.addEventListener(
    'focusin',
    (event) => {
      if (filling) return;
      const target = event.composedPath()[0] as Element | undefined;
      if (target?.localName !== 'input') return;
      const field = detectedAt(target);
      if (field !== null) onFieldFocused(field);
      pendingFocus = target;
      void tracker.refresh();
    },
    true,
  );
  document.addEventListener(
    'focusout',
    (event) => {
      if (event.composedPath()[0] === icon.field()) rest.request();
    },
    true,
  );
  document.addEventListener(
    'contextmenu',
    (event) => {
      if (event.isTrusted) contextTarget = detectedAt(event.composedPath()[0]);
    },
    true,
  );
  let frame = 0;
  const follow = () => {
    frame = 0;
    menu.reposition();
    icon.reposition();
    if (icon.field() === null) rest.request();
  };
  for (const type of ['scroll', 'resize']) {
    window.addEventListener(type, () => (frame ||= requestAnimationFrame(follow)), { capture: true, passive: true });
  }

  let totpTried = false;
  tracker.onChange((fields) => {
    if (pendingFocus !== null) {
      const field = pendingFocus.matches(':focus') ? detectedAt(pendingFocus) : null;
      pendingFocus = null;
      if (field !== null && field !== handledFocus) onFieldFocused(field);
    }
    // The step after a login with a one-time code: its code follows (settings: fill, or copy).
    if (!totpTried && fields.some((f) => f.kind === 'totp')) {
      totpTried = true;
      void send('autofill.query')
        .then((offer) => {
          if (offer.state === 'unlocked' && offer.totpItemId !== null) {
            return fill.fillLogin({ itemId: offer.totpItemId, anchor: null, gesture: { kind: 'totp-follow-up' }, confirmed: false, only: 'totp' });
          }
          return undefined;
        })
        .catch(() => undefined);
    }
    rest.request();
  });

  createSubmitCapture({
    document,
    tracker,
    values,
    report: (login) =>
      void send('autofill.submitted', login)
        .then(({ prompt }) => prompt && bar.show(prompt))
        .catch(() => undefined),
  });

  const fillOnRequest = createFillOnRequest({ tracker, fill, menu, query: () => send('autofill.menu') });
  scope[SLOT] = {
    probe: async () => {
      // A fill the user asked for from outside the page: look at the page as it is now.
      await tracker.refresh();
      return { fillable: await fill.fillable(focusedField()), focusedAt };
    },
    passTimes: () => tracker.passTimes(),
  };
  listenToBackground({
    fill: (message) => fillOnRequest(message, message.target === 'context-menu' ? contextTarget : focusedField()),
    prompt: (message) => bar.show(message.prompt),
    locked: () => {
      menu.close();
      bar.close();
    },
  });
}
