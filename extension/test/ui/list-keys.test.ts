import { describe, expect, it } from 'vitest';
import { listKeyAction, moveIndex, type KeyPress } from '../../src/ui/lib/list-keys';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const selected = { hasSelection: true, textSelected: false };

describe('list keyboard', () => {
  it('moves with the arrows and opens with Enter', () => {
    expect(listKeyAction(key('ArrowDown'), selected)).toEqual({ kind: 'move', to: 'next' });
    expect(listKeyAction(key('ArrowUp'), selected)).toEqual({ kind: 'move', to: 'prev' });
    expect(listKeyAction(key('Enter'), selected)).toEqual({ kind: 'open' });
    expect(listKeyAction(key('Enter'), { hasSelection: false, textSelected: false })).toBeNull();
  });

  it('copies the password with Ctrl/Cmd+C unless the user selected text in the search field', () => {
    expect(listKeyAction(key('c', { ctrlKey: true }), selected)).toEqual({ kind: 'copy', field: 'password' });
    expect(listKeyAction(key('c', { metaKey: true }), selected)).toEqual({ kind: 'copy', field: 'password' });
    expect(listKeyAction(key('c', { ctrlKey: true }), { hasSelection: true, textSelected: true })).toBeNull();
    expect(listKeyAction(key('C', { ctrlKey: true, shiftKey: true }), { hasSelection: true, textSelected: true })).toEqual({
      kind: 'copy',
      field: 'password',
    });
    expect(listKeyAction(key('b', { ctrlKey: true }), selected)).toEqual({ kind: 'copy', field: 'username' });
  });

  it('leaves plain typing to the search field', () => {
    for (const k of ['a', 'c', 'b', ' ', 'Backspace']) expect(listKeyAction(key(k), selected)).toBeNull();
    expect(listKeyAction(key('c', { ctrlKey: true }), { hasSelection: false, textSelected: false })).toBeNull();
    expect(listKeyAction(key('ArrowDown', { altKey: true }), selected)).toBeNull();
  });

  it('goes back with Escape', () => {
    expect(listKeyAction(key('Escape'), { hasSelection: false, textSelected: false })).toEqual({ kind: 'back' });
  });

  it('clamps moves to the list', () => {
    expect(moveIndex(-1, 'next', { total: 5, pageRows: 3 })).toBe(0);
    expect(moveIndex(4, 'next', { total: 5, pageRows: 3 })).toBe(4);
    expect(moveIndex(0, 'prev', { total: 5, pageRows: 3 })).toBe(0);
    expect(moveIndex(1, 'page-down', { total: 5, pageRows: 3 })).toBe(4);
    expect(moveIndex(4, 'page-up', { total: 5, pageRows: 3 })).toBe(1);
    expect(moveIndex(2, 'last', { total: 5, pageRows: 3 })).toBe(4);
    expect(moveIndex(2, 'next', { total: 0, pageRows: 3 })).toBe(-1);
  });
});

describe('Shift+Enter', () => {
  it('fills the selected suggestion instead of opening it, and needs a selection', () => {
    const press = { key: 'Enter', ctrlKey: false, metaKey: false, shiftKey: true, altKey: false };
    expect(listKeyAction(press, { hasSelection: true, textSelected: false })).toEqual({ kind: 'fill' });
    expect(listKeyAction(press, { hasSelection: false, textSelected: false })).toBeNull();
    expect(listKeyAction({ ...press, shiftKey: false }, { hasSelection: true, textSelected: false })).toEqual({ kind: 'open' });
  });
});
