// Never fill invisible fields (docs/architecture.md, "Autofill rules"): display/visibility, zero or tiny
// size, off-screen, opacity below 0.5 on the field or any ancestor, covered at the fill point.
// Geometry comes from layout() (jsdom has none); styles are jsdom's own cascade.
import { describe, expect, it } from 'vitest';
import { checkVisibility } from '../../../src/autofill/fill/check-visibility';
import { layout, testPage, type TestPage } from './dom';

const FIELD_BOX = { left: 100, top: 100, width: 240, height: 32 };

function pageWith(field: string, wrapperStyle = ''): TestPage {
  const page = testPage(`<form><div id="wrap" style="${wrapperStyle}"><input id="f" ${field}></div></form><div id="cover"></div>`);
  layout(page, [[page.field('#f'), FIELD_BOX]]);
  return page;
}

describe('checkVisibility', () => {
  it('accepts a plain, visible field', () => {
    expect(checkVisibility(pageWith('name="user"').field('#f'))).toEqual({ visible: true });
  });

  it.each([
    ['display: none', 'style="display: none"', '', 'hidden'],
    ['display: none on an ancestor', '', 'display: none', 'hidden'],
    ['visibility: hidden', 'style="visibility: hidden"', '', 'hidden'],
    ['visibility: hidden on an ancestor', '', 'visibility: hidden', 'hidden'],
    ['opacity 0.001', 'style="opacity: 0.001"', '', 'transparent'],
    ['opacity 0.001 on an ancestor', '', 'opacity: 0.001', 'transparent'],
    ['opacity 0.7 × 0.6 along the way', 'style="opacity: 0.7"', 'opacity: 0.6', 'transparent'],
    ['a disabled field', 'disabled', '', 'not-editable'],
    ['a read-only field', 'readonly', '', 'not-editable'],
  ])('refuses %s', (_name, attributes, wrapperStyle, reason) => {
    expect(checkVisibility(pageWith(attributes, wrapperStyle).field('#f'))).toEqual({ visible: false, reason });
  });

  it('refuses a field of 1×1 px', () => {
    const page = pageWith('');
    layout(page, [[page.field('#f'), { left: 100, top: 100, width: 1, height: 1 }]]);
    expect(checkVisibility(page.field('#f'))).toEqual({ visible: false, reason: 'too-small' });
  });

  it('refuses a field placed off-screen', () => {
    for (const box of [
      { left: -9999, top: 100, width: 240, height: 32 },
      { left: 100, top: -500, width: 240, height: 32 },
      { left: 5000, top: 100, width: 240, height: 32 },
    ]) {
      const page = pageWith('');
      layout(page, [[page.field('#f'), box]]);
      expect(checkVisibility(page.field('#f'))).toEqual({ visible: false, reason: 'off-screen' });
    }
  });

  it('refuses a field covered by another element at the fill point', () => {
    const page = pageWith('');
    layout(page, [
      [page.field('#f'), FIELD_BOX],
      [page.document.getElementById('cover')!, { left: 0, top: 0, width: 1024, height: 768 }],
    ]);
    expect(checkVisibility(page.field('#f'))).toEqual({ visible: false, reason: 'covered' });
  });

  it("looks through our own UI and through the field's own label", () => {
    const page = testPage(`<form><label id="l" for="f">Email</label><input id="f"></form><keyhold-icon id="own"></keyhold-icon>`);
    const own = page.document.getElementById('own')!;
    layout(page, [
      [page.field('#f'), FIELD_BOX],
      [page.document.getElementById('l')!, FIELD_BOX],
      [own, FIELD_BOX],
    ]);
    expect(checkVisibility(page.field('#f'), { ownHosts: new Set([own]) })).toEqual({ visible: true });
    expect(checkVisibility(page.field('#f'))).toEqual({ visible: false, reason: 'covered' });
  });

  it('refuses a detached field', () => {
    const page = pageWith('');
    const field = page.field('#f');
    field.remove();
    expect(checkVisibility(field)).toEqual({ visible: false, reason: 'detached' });
  });
});
