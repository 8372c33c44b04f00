// The inline menu under a credential field: the logins the background offered (name, username),
// keyboard navigable from the field itself (ArrowUp/ArrowDown/Enter/Escape, as a browser's own
// autocomplete), or a generated password, a one-time code, or "Unlock". Every choice goes through
// checkActivation; if the page tampers with the menu it closes and nothing is filled. What it shows
// is painted, not written, and its box has one size (render-menu.ts): a page learns nothing from it.
import type { FormControl } from '../detect/types';
import { checkActivation } from './check-activation';
import { asksFirst, confirmationModel, type MenuEntry, type MenuModel } from './menu-model';
import { MENU_CSS, MENU_SIZE, paintMenu, renderMenu } from './render-menu';
import { createUiHost } from './ui-host';
import { placeMenu } from './place-menu';

export type InlineMenu = {
  open(anchor: FormControl, model: MenuModel): void;
  close(): void;
  anchor(): FormControl | null;
  /** Keeps the menu under its field after scrolling or resizing; closes it if the field left the view. */
  reposition(): void;
};

export function createInlineMenu(options: {
  document: Document;
  ownHosts: Set<Element>;
  now: () => number;
  /** A choice that passed every check, with the background's token for the menu it was made in. */
  onChoose: (
    entry: Exclude<MenuEntry, { kind: 'confirm' | 'cancel' }> | { kind: 'login'; itemId: string; confirmed: true },
    anchor: FormControl,
    token: string | null,
  ) => void;
}): InlineMenu {
  const { document } = options;
  const view = document.defaultView!;
  const ui = createUiHost({ document, tag: 'keyhold-menu', css: MENU_CSS, ownHosts: options.ownHosts, onBroken: () => close() });
  let anchor: FormControl | null = null;
  let model: MenuModel | null = null;
  let highlighted = -1;
  let armedAt = 0;
  /** Where the menu was last put (viewport px): a move re-arms the read delay. */
  let placedAt = { left: 0, top: 0 };

  function render(): void {
    if (model === null) return;
    const fresh = renderMenu(document, model, highlighted);
    // A re-render (the highlight moved) keeps the menu element itself — its focus, if the keyboard
    // took it there, and its scroll — and brings the highlighted entry into view.
    let menu = ui.root.querySelector<HTMLElement>('.menu');
    const scrolled = menu?.scrollTop ?? 0;
    if (menu) menu.replaceChildren(...fresh.childNodes);
    else {
      menu = fresh;
      ui.root.append(menu);
    }
    if (limits !== null) fit(menu, limits);
    if (!ui.host.isConnected) return;
    paintMenu(menu);
    menu.scrollTop = scrolled;
    menu.querySelector(`[data-index="${highlighted}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  /** The size the last placement left for the menu, kept for its re-renders (arrow keys). */
  let limits: { maxWidth: number; maxHeight: number } | null = null;
  // One size whatever the menu lists; smaller only where the frame is (which the page knows anyway).
  function fit(menu: HTMLElement, to: { maxWidth: number; maxHeight: number }): void {
    menu.style.height = `${Math.floor(Math.min(MENU_SIZE.height, to.maxHeight))}px`;
    menu.style.width = `${Math.floor(Math.min(MENU_SIZE.width, to.maxWidth))}px`;
  }

  /** Inside the frame's visible area (place-menu.ts): the menu is shrunk to fit, and scrolls. */
  function place(): { left: number; top: number } | null {
    if (anchor === null || !anchor.isConnected) return null;
    const rect = anchor.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > view.innerHeight || rect.right < 0 || rect.left > view.innerWidth) return null;
    const menu = ui.root.querySelector<HTMLElement>('.menu');
    // The fixed size, never the content's: where the menu goes must not depend on what it lists.
    const at = placeMenu(rect, MENU_SIZE, { width: view.innerWidth, height: view.innerHeight });
    limits = { maxWidth: at.maxWidth, maxHeight: at.maxHeight };
    if (menu) fit(menu, limits);
    return { left: at.left, top: at.top };
  }

  function activate(index: number, event: Event): void {
    if (model === null || anchor === null) return;
    const entry = model.entries[index];
    if (entry === undefined) return;
    const verdict = checkActivation(ui, event, { now: options.now(), armedAt });
    if (!verdict.ok) {
      // A page script's event, or a click before the menu could be read: ignore it. Anything else
      // means the page interfered with the menu: close it, fill nothing.
      if (verdict.reason !== 'untrusted' && verdict.reason !== 'too-soon') close();
      return;
    }
    const target = anchor;
    const token = model.token;
    if (asksFirst(model, entry)) {
      model = confirmationModel(model, entry);
      highlighted = 0;
      // The confirmation appears where the user just clicked: it must be read before it counts.
      armedAt = options.now();
      render();
      return;
    }
    if (entry.kind === 'cancel') {
      close();
      return;
    }
    close();
    options.onChoose(entry.kind === 'confirm' ? { kind: 'login', itemId: entry.itemId, confirmed: true } : entry, target, token);
  }

  function entryIndexOf(event: Event): number {
    for (const node of event.composedPath()) {
      const element = node as HTMLElement;
      if (element.dataset?.index !== undefined) return Number(element.dataset.index);
    }
    return -1;
  }

  // Keep the focus in the page's field while the user clicks in the menu, as a native dropdown does.
  ui.root.addEventListener('mousedown', (event) => event.preventDefault());
  ui.root.addEventListener('click', (event) => activate(entryIndexOf(event), event));

  function onKeyDown(event: KeyboardEvent): void {
    if (!event.isTrusted || model === null || anchor === null || !fromFieldOrMenu(event)) return;
    const count = model.entries.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      highlighted = event.key === 'ArrowDown' ? (highlighted + 1) % count : (highlighted - 1 + count) % count;
      render();
    } else if (event.key === 'Enter' && highlighted >= 0) {
      event.preventDefault();
      event.stopImmediatePropagation();
      activate(highlighted, event);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  }

  function onPointerDown(event: PointerEvent): void {
    const path = event.composedPath();
    if (!path.includes(ui.host) && !path.includes(anchor as EventTarget)) close();
  }

  /** A key in the field, or in the menu itself when the keyboard took the focus there (seen from outside the closed root, as our host). */
  function fromFieldOrMenu(event: Event): boolean {
    const target = event.composedPath()[0];
    return target === anchor || target === ui.host;
  }

  function onFocusOut(event: FocusEvent): void {
    // Focus moving between the field and the menu keeps it open; anywhere else closes it.
    if (event.relatedTarget === ui.host || event.relatedTarget === anchor) return;
    if (fromFieldOrMenu(event)) close();
  }

  // Typing means the user is not choosing from the menu: get out of the way of the next field.
  function onInput(event: Event): void {
    if (event.isTrusted && event.composedPath()[0] === anchor) close();
  }

  function open(target: FormControl, next: MenuModel): void {
    if (anchor !== null) close();
    anchor = target;
    model = next;
    highlighted = -1;
    limits = null;
    render();
    const at = place();
    if (at === null) {
      anchor = null;
      return;
    }
    ui.show(at);
    placedAt = at;
    armedAt = options.now();
    const menu = ui.root.querySelector<HTMLElement>('.menu');
    if (menu) paintMenu(menu);
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('focusout', onFocusOut, true);
    document.addEventListener('input', onInput, true);
  }

  function close(): void {
    if (anchor === null && !ui.host.isConnected) return;
    anchor = null;
    model = null;
    ui.remove();
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('pointerdown', onPointerDown, true);
    document.removeEventListener('focusout', onFocusOut, true);
    document.removeEventListener('input', onInput, true);
  }

  return {
    open,
    close,
    anchor: () => anchor,
    reposition() {
      if (anchor === null) return;
      const at = place();
      if (at === null) return close();
      // A page that scrolls can carry the menu under a pointer that was aiming at something else
      // (a field that follows the mouse, scrolled there): where it moved, it must be read again.
      if (at.left !== placedAt.left || at.top !== placedAt.top) armedAt = options.now();
      placedAt = at;
      ui.move(at);
    },
  };
}
