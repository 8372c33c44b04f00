// Keyboard-first list navigation, as a pure mapping from a key press to an action so the rules are
// testable without a DOM. Typing goes to the search field; these keys drive the selection:
//   ArrowUp/ArrowDown (and PageUp/PageDown, Home/End with Ctrl) move, Enter opens, Shift+Enter fills
//   a suggested login into the page (the popup; its row's Fill button is for the pointer),
//   Ctrl/Cmd+C copies the selected item's password unless text is selected in the field,
//   Ctrl/Cmd+Shift+C always copies the password, Ctrl/Cmd+B copies the username, Escape goes back.

export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

export type ListKeyAction =
  | { kind: 'move'; to: 'prev' | 'next' | 'page-up' | 'page-down' | 'first' | 'last' }
  | { kind: 'open' }
  | { kind: 'fill' }
  | { kind: 'copy'; field: 'password' | 'username' }
  | { kind: 'back' };

export type KeyContext = {
  /** Whether a row is selected (copy and open need one). */
  hasSelection: boolean;
  /** Whether the user has selected text in the focused field (then Ctrl+C copies that text). */
  textSelected: boolean;
};

export function listKeyAction(press: KeyPress, context: KeyContext): ListKeyAction | null {
  const mod = press.ctrlKey || press.metaKey;
  if (press.altKey) return null;
  switch (press.key) {
    case 'ArrowDown':
      return mod ? null : { kind: 'move', to: 'next' };
    case 'ArrowUp':
      return mod ? null : { kind: 'move', to: 'prev' };
    case 'PageDown':
      return { kind: 'move', to: 'page-down' };
    case 'PageUp':
      return { kind: 'move', to: 'page-up' };
    case 'Home':
      return mod ? { kind: 'move', to: 'first' } : null;
    case 'End':
      return mod ? { kind: 'move', to: 'last' } : null;
    case 'Enter':
      if (!context.hasSelection || mod) return null;
      return press.shiftKey ? { kind: 'fill' } : { kind: 'open' };
    case 'Escape':
      return { kind: 'back' };
  }
  if (!mod || !context.hasSelection) return null;
  const letter = press.key.toLowerCase();
  if (letter === 'c' && (press.shiftKey || !context.textSelected)) return { kind: 'copy', field: 'password' };
  if (letter === 'b' && !press.shiftKey) return { kind: 'copy', field: 'username' };
  return null;
}

/** The new selected index after a move, clamped to the list; -1 stays "nothing selected". */
export function moveIndex(current: number, to: Extract<ListKeyAction, { kind: 'move' }>['to'], options: { total: number; pageRows: number }): number {
  const { total, pageRows } = options;
  if (total <= 0) return -1;
  const clamp = (n: number) => Math.max(0, Math.min(total - 1, n));
  switch (to) {
    case 'next':
      return current < 0 ? 0 : clamp(current + 1);
    case 'prev':
      return current < 0 ? 0 : clamp(current - 1);
    case 'page-down':
      return clamp(Math.max(current, 0) + pageRows);
    case 'page-up':
      return clamp(Math.max(current, 0) - pageRows);
    case 'first':
      return 0;
    case 'last':
      return total - 1;
  }
}
