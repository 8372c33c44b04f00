// Builds the inline menu's DOM from a MenuModel. Text goes in through textContent only: item names
// and usernames are data, never markup.
import type { MenuModel } from './menu-model';

export const MENU_CSS = `
.menu { box-sizing: border-box; min-width: 240px; max-width: 360px; max-height: 320px; overflow-y: auto;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #fff;
  border: 1px solid #c9ced6; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 4px; }
.notice { padding: 6px 8px; margin: 2px 2px 4px; border-radius: 6px; background: #fff4d6; color: #5c4300; }
.entry { padding: 6px 8px; border-radius: 6px; cursor: pointer; }
.entry[aria-selected="true"] { background: #e6efff; }
.title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.detail { color: #57606a; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.note { font-size: 11px; color: #8a5a00; }
.empty { padding: 8px; color: #57606a; }
.brand { padding: 4px 8px 2px; font-size: 11px; color: #8c959f; border-top: 1px solid #eef0f3; margin-top: 4px; }
@media (prefers-color-scheme: dark) {
  .menu { color: #e6edf3; background: #1f2328; border-color: #3d444d; }
  .notice { background: #3b2e00; color: #f2cc60; }
  .entry[aria-selected="true"] { background: #1f3a5f; }
  .detail, .empty { color: #9198a1; }
  .note { color: #d29922; }
  .brand { border-color: #30363d; }
}`;

export function renderMenu(document: Document, model: MenuModel, highlighted: number): HTMLElement {
  const menu = document.createElement('div');
  menu.className = 'menu';
  menu.setAttribute('role', 'listbox');
  menu.setAttribute('aria-label', 'Keyhold');
  if (model.notice !== null) {
    const notice = document.createElement('div');
    notice.className = 'notice';
    notice.textContent = model.notice;
    menu.append(notice);
  }
  model.entries.forEach((entry, index) => {
    const row = document.createElement('div');
    row.className = 'entry';
    row.setAttribute('role', 'option');
    row.dataset.index = String(index);
    row.setAttribute('aria-selected', String(index === highlighted));
    const title = document.createElement('div');
    title.className = 'title';
    title.textContent = entry.title;
    const detail = document.createElement('div');
    detail.className = 'detail';
    detail.textContent = entry.detail;
    row.append(title, detail);
    if ('note' in entry && entry.note) {
      const note = document.createElement('div');
      note.className = 'note';
      note.textContent = entry.note;
      row.append(note);
    }
    menu.append(row);
  });
  if (model.empty !== null) {
    const empty = document.createElement('div');
    empty.className = 'empty';
    empty.textContent = model.empty;
    menu.append(empty);
  }
  const brand = document.createElement('div');
  brand.className = 'brand';
  brand.textContent = 'Keyhold';
  menu.append(brand);
  return menu;
}
