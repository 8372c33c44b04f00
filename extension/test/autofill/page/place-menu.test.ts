// Where the inline menu goes: below its field, above when only that fits, and never outside the
// frame — in a 300×150 iframe it is shrunk to the room there is, or covers the frame, so it can be
// clicked (issue: a menu drawn outside a small frame could not be clicked, and closed).
import { describe, expect, it } from 'vitest';
import { placeMenu } from '../../../src/autofill/menu/place-menu';

const inside = (
  p: { left: number; top: number; maxWidth: number; maxHeight: number },
  menu: { width: number; height: number },
  vp: { width: number; height: number },
) => {
  const width = Math.min(menu.width, p.maxWidth);
  const height = Math.min(menu.height, p.maxHeight);
  return p.left >= 0 && p.top >= 0 && p.left + width <= vp.width && p.top + height <= vp.height;
};

describe('placeMenu', () => {
  const page = { width: 1024, height: 768 };
  const menu = { width: 260, height: 120 };

  it('goes under the field on a page with room', () => {
    expect(placeMenu({ left: 100, top: 100, right: 380, bottom: 132 }, menu, page)).toMatchObject({ left: 100, top: 136 });
  });

  it('goes above the field when only that fits, and stays in from the right edge', () => {
    const at = placeMenu({ left: 900, top: 700, right: 1000, bottom: 732 }, menu, page);
    expect(at).toMatchObject({ top: 700 - 4 - 120, left: 1024 - 260 });
  });

  it('stays inside a 300×150 iframe, wherever the field is in it', () => {
    const frame = { width: 300, height: 150 };
    for (const top of [4, 40, 60, 110]) {
      const field = { left: 8, top, right: 288, bottom: top + 32 };
      const at = placeMenu(field, menu, frame);
      expect(inside(at, menu, frame), `field at ${top}: ${JSON.stringify(at)}`).toBe(true);
      expect(at.maxHeight).toBeGreaterThan(0);
    }
  });

  it('is never wider than the frame', () => {
    const at = placeMenu({ left: 0, top: 10, right: 180, bottom: 40 }, { width: 260, height: 80 }, { width: 200, height: 150 });
    expect(at.maxWidth).toBe(200);
    expect(at.left).toBe(0);
  });
});
