// May this click or key press in our UI act? Only a trusted event (a real user input, never a page
// script's click() or dispatchEvent — UI Events §3.1 isTrusted), on UI that has been on screen long
// enough to have been seen, that is intact (ui-host.ts), that the browser says is visible, and —
// for a pointer — that is the topmost element at the point of the click.
import type { HostProblem, UiHost } from './ui-host';

/** UI that appeared under a moving pointer this recently cannot have been read yet. */
export const MIN_SHOWN_MS = 350;

export type Activation = { ok: true } | { ok: false; reason: 'untrusted' | 'too-soon' | HostProblem };

export function checkActivation(ui: UiHost, event: Event, options: { now: number; armedAt: number }): Activation {
  if (!event.isTrusted) return { ok: false, reason: 'untrusted' };
  if (ui.shownAt() === 0 || options.now - options.armedAt < MIN_SHOWN_MS) return { ok: false, reason: 'too-soon' };
  const problem = ui.problem();
  if (problem !== null) return { ok: false, reason: problem };
  if (!ui.browserSaysVisible()) return { ok: false, reason: 'not-visible' };
  if ('clientX' in event) {
    const { clientX, clientY } = event as MouseEvent;
    const topmost = ui.host.ownerDocument.elementsFromPoint(clientX, clientY)[0];
    if (topmost === undefined || !ui.isOwn(topmost)) return { ok: false, reason: 'covered' };
  }
  return { ok: true };
}
