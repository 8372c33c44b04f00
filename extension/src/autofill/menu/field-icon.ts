// The small Keyhold mark drawn inside the right edge of the credential field that has focus;
// clicking it opens or closes the inline menu. It only opens a menu (choices are checked there),
// but it still answers real clicks only.
import type { FormControl } from '../detect/types';
import { createUiHost } from './ui-host';

const SIZE = 18;

const ICON_CSS = `
.icon { box-sizing: border-box; width: ${SIZE}px; height: ${SIZE}px; border-radius: 4px; cursor: pointer;
  background: #2b59c3; display: grid; place-items: center; }
.icon svg { width: 12px; height: 12px; fill: none; stroke: #fff; stroke-width: 2.2; stroke-linecap: round; }`;

const SVG_NS = 'http://www.w3.org/2000/svg';

export type FieldIcon = { showFor(field: FormControl): void; hide(): void; reposition(): void; field(): FormControl | null };

export function createFieldIcon(options: { document: Document; ownHosts: Set<Element>; onClick: (field: FormControl) => void }): FieldIcon {
  const { document } = options;
  const view = document.defaultView!;
  // No IntersectionObserver v2 here: it would run an occlusion test ~10 times a second for as long
  // as the icon rests in a login form (a churning page paints all the time), and the icon only opens
  // the menu, whose host has its own and checks every choice.
  const ui = createUiHost({
    document,
    tag: 'keyhold-icon',
    css: ICON_CSS,
    ownHosts: options.ownHosts,
    onBroken: () => hide(),
    trackVisibility: false,
  });
  let field: FormControl | null = null;

  const icon = document.createElement('div');
  icon.className = 'icon';
  icon.title = 'Keyhold';
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  const path = document.createElementNS(SVG_NS, 'path');
  // A key: ring on the left, shaft and two teeth to the right.
  path.setAttribute('d', 'M7.5 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zM11 12h10M17 12v3M20 12v2');
  svg.append(path);
  icon.append(svg);
  ui.root.append(icon);
  ui.root.addEventListener('mousedown', (event) => event.preventDefault());
  ui.root.addEventListener('click', (event) => {
    if (event.isTrusted && field !== null) options.onClick(field);
  });

  function place(): { left: number; top: number } | null {
    if (field === null || !field.isConnected) return null;
    const rect = field.getBoundingClientRect();
    if (rect.width < SIZE * 3 || rect.height < SIZE || rect.bottom < 0 || rect.top > view.innerHeight) return null;
    return { left: rect.right - SIZE - 6, top: rect.top + (rect.height - SIZE) / 2 };
  }

  function hide(): void {
    field = null;
    ui.remove();
  }

  return {
    showFor(next) {
      if (field === next && ui.host.isConnected) return;
      hide();
      field = next;
      const at = place();
      if (at === null) field = null;
      else ui.show(at);
    },
    hide,
    reposition() {
      const at = place();
      if (at === null) hide();
      else ui.move(at);
    },
    field: () => field,
  };
}
