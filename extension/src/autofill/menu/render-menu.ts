// Builds the inline menu's DOM from a MenuModel, and keeps what it shows away from the page.
//
// The menu is drawn in the page (closed shadow root, top layer: ui-host.ts), and a page cannot walk
// into a closed root — but the browser's own text machinery can: window.find() searches rendered
// text in shadow trees, a selection can cover it, and a scripted find read a saved username
// character by character. So the menu has no text node at all: every word (names, usernames, the
// host a login was saved for, even "Unlock Keyhold", which would tell a locked vault from an
// unlocked one) is painted into a canvas, which find and selection cannot read. Each canvas carries
// its words as its accessible name (role img) for assistive technology, which page scripts cannot
// query. The canvases' words live in a WeakMap, not in attributes the page's text search could see.
//
// The menu's box has ONE size whatever it lists (MENU_SIZE; smaller only where the frame is smaller):
// its bounding box, and what elementsFromPoint() finds around it, tell a page nothing about how
// many logins match or whether the vault is locked. More entries scroll inside the box.
import type { MenuModel } from './menu-model';

export const MENU_SIZE = { width: 300, height: 236 } as const;

export const MENU_CSS = `
.menu { box-sizing: border-box; width: ${MENU_SIZE.width}px; height: ${MENU_SIZE.height}px; overflow-y: auto;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #fff;
  border: 1px solid #c9ced6; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 4px;
  display: flex; flex-direction: column; user-select: none; -webkit-user-select: none; }
.menu:focus-visible { outline: 2px solid #2b59c3; outline-offset: 1px; }
.menu canvas { display: block; width: 100%; height: 18px; }
.notice { padding: 6px 8px; margin: 2px 2px 4px; border-radius: 6px; background: #fff4d6; color: #5c4300; }
.entry { padding: 6px 8px; border-radius: 6px; cursor: pointer; }
.entry[aria-selected="true"] { background: #e6efff; }
.title { font-weight: 600; }
.detail { color: #57606a; }
.note { font-size: 11px; color: #8a5a00; }
.empty { padding: 8px; color: #57606a; }
.list { flex: 1 1 auto; }
.brand { padding: 4px 8px 2px; font-size: 11px; color: #8c959f; border-top: 1px solid #eef0f3; margin-top: 4px; }
@media (prefers-color-scheme: dark) {
  .menu { color: #e6edf3; background: #1f2328; border-color: #3d444d; }
  .notice { background: #3b2e00; color: #f2cc60; }
  .entry[aria-selected="true"] { background: #1f3a5f; }
  .detail, .empty { color: #9198a1; }
  .note { color: #d29922; }
  .brand { border-color: #30363d; }
}`;

type Painted = { text: string; wrap: boolean };
const words = new WeakMap<HTMLCanvasElement, Painted>();

/** A canvas that will show `text` (one line, cut with an ellipsis, or wrapped), named for assistive technology. */
function textCanvas(document: Document, className: string, text: string, wrap = false): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = className;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', text);
  words.set(canvas, { text, wrap });
  return canvas;
}

/** A block (notice, empty state, brand) whose words are painted, wrapped to its width. */
function paintedBlock(document: Document, className: string, text: string): HTMLElement {
  const block = document.createElement('div');
  block.className = className;
  block.append(textCanvas(document, 'text', text, true));
  return block;
}

export function renderMenu(document: Document, model: MenuModel, highlighted: number): HTMLElement {
  const menu = document.createElement('div');
  menu.className = 'menu';
  // It scrolls when it lists more than fits. The keyboard works from the field (ArrowUp/ArrowDown
  // move the highlight, which is scrolled into view: inline-menu.ts), and from the menu itself, which
  // is in the tab order (last, where our host sits) for whoever reaches it that way.
  menu.tabIndex = 0;
  if (model.notice !== null) menu.append(paintedBlock(document, 'notice', model.notice));
  const list = document.createElement('div');
  list.className = 'list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Keyhold');
  model.entries.forEach((entry, index) => {
    const row = document.createElement('div');
    row.className = 'entry';
    row.setAttribute('role', 'option');
    row.dataset.index = String(index);
    row.setAttribute('aria-selected', String(index === highlighted));
    row.append(textCanvas(document, 'title', entry.title), textCanvas(document, 'detail', entry.detail));
    if ('note' in entry && entry.note) row.append(textCanvas(document, 'note', entry.note));
    list.append(row);
  });
  menu.append(list);
  if (model.empty !== null) menu.append(paintedBlock(document, 'empty', model.empty));
  menu.append(paintedBlock(document, 'brand', 'Keyhold'));
  return menu;
}

/** Paints every canvas of a rendered menu, at the size layout gave it; call once the menu is in the document. */
export function paintMenu(menu: HTMLElement): void {
  const view = menu.ownerDocument.defaultView;
  if (view === null) return;
  const ratio = view.devicePixelRatio || 1;
  for (const canvas of menu.querySelectorAll('canvas')) {
    const spec = words.get(canvas);
    const context = canvas.getContext('2d');
    if (spec === undefined || context === null) continue;
    const style = view.getComputedStyle(canvas);
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const fontSize = Number.parseFloat(style.fontSize) || 13;
    const lineHeight = Number.parseFloat(style.lineHeight) || Math.round(fontSize * 1.35);
    const width = canvas.clientWidth;
    context.font = font;
    const lines = spec.wrap ? wrapLines(context, spec.text, width) : [ellipsize(context, spec.text, width)];
    canvas.style.height = `${lines.length * lineHeight}px`;
    canvas.width = Math.max(1, Math.ceil(width * ratio));
    canvas.height = Math.max(1, Math.ceil(lines.length * lineHeight * ratio));
    // Resizing the canvas reset its state.
    context.scale(ratio, ratio);
    context.font = font;
    context.fillStyle = style.color;
    context.textBaseline = 'middle';
    const rtl = style.direction === 'rtl';
    context.textAlign = rtl ? 'right' : 'left';
    lines.forEach((line, i) => context.fillText(line, rtl ? width : 0, i * lineHeight + lineHeight / 2));
  }
}

/** The longest start of `text` that fits `width`, with an ellipsis when cut. */
export function ellipsize(context: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, width: number): string {
  if (context.measureText(text).width <= width) return text;
  const characters = Array.from(text);
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (context.measureText(`${characters.slice(0, mid).join('')}…`).width <= width) low = mid;
    else high = mid - 1;
  }
  return `${characters.slice(0, low).join('')}…`;
}

/** `text` broken at spaces into lines that fit `width` (a word longer than a line is cut). */
export function wrapLines(context: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (context.measureText(next).width <= width || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length === 0 ? [''] : lines.map((l) => ellipsize(context, l, width));
}
