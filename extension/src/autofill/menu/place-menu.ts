// Where the inline menu goes: under its field, above it when it does not fit below, and always
// inside the frame's visible area — in a small iframe (an embedded login, the default 300×150) a menu
// drawn past the frame's edge is clipped, cannot be clicked, and its visibility check closes it. So
// the menu is shrunk to the space there is (it scrolls), and when neither side has room it covers
// the frame rather than leave it. Pure: sizes in, position out (tested in Node).

export type Rect = { left: number; top: number; right: number; bottom: number };
export type MenuPlacement = { left: number; top: number; maxWidth: number; maxHeight: number };

const GAP = 4;
/** Below this much room the menu is not worth shrinking into a side: it covers the frame instead. */
const MIN_HEIGHT = 72;
const PREFERRED_WIDTH = 240;
const PREFERRED_MAX_HEIGHT = 320;

export function placeMenu(anchor: Rect, menu: { width: number; height: number }, viewport: { width: number; height: number }): MenuPlacement {
  const maxWidth = Math.max(0, Math.min(viewport.width, Math.max(menu.width, PREFERRED_WIDTH)));
  const width = Math.min(menu.width || PREFERRED_WIDTH, maxWidth);
  const left = Math.max(0, Math.min(anchor.left, viewport.width - width));
  const natural = Math.min(menu.height, PREFERRED_MAX_HEIGHT);
  const below = viewport.height - anchor.bottom - GAP;
  const above = anchor.top - GAP;
  if (natural <= below) return { left, top: anchor.bottom + GAP, maxWidth, maxHeight: PREFERRED_MAX_HEIGHT };
  if (natural <= above) return { left, top: anchor.top - GAP - natural, maxWidth, maxHeight: PREFERRED_MAX_HEIGHT };
  // Neither side has the room: the larger one, shrunk, if it is worth it; else over the field, in view.
  if (Math.max(below, above) >= MIN_HEIGHT) {
    return below >= above ? { left, top: anchor.bottom + GAP, maxWidth, maxHeight: below } : { left, top: GAP, maxWidth, maxHeight: above - GAP };
  }
  const maxHeight = Math.max(0, Math.min(natural, viewport.height));
  return { left, top: Math.max(0, Math.min(anchor.bottom + GAP, viewport.height - maxHeight)), maxWidth, maxHeight };
}
