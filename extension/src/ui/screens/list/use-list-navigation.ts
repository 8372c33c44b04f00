// Keyboard-first list behaviour shared by the popup and the full-page vault: the active row (moved
// with the arrows while focus stays in the search field), Enter to open, Shift+Enter to fill a
// suggested login where the screen offers it, Ctrl/Cmd+C (or
// Ctrl/Cmd+Shift+C) to copy the active item's password, Ctrl/Cmd+B its username, Escape to go back.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n/messages';
import { send } from '../../../messaging/client';
import type { ListRow } from '../../../vault/list-row';
import { useApp } from '../../app/context';
import { listKeyAction, moveIndex } from '../../lib/list-keys';
import { primarySecretOf, primaryUsernameOf } from '../../lib/view-fields';

export type ListNavigation = {
  active: number;
  setActive(index: number): void;
  onKeyDown(event: KeyboardEvent): void;
};

export function useListNavigation(options: {
  count: number;
  resetKey: string;
  rowAt: (index: number) => ListRow | undefined;
  open: (row: ListRow) => void;
  /** Shift+Enter on the active row: fills it into the page when the screen can (true), else nothing. */
  fill?: (row: ListRow, index: number) => boolean;
  onEscape: () => void;
  pageRows: number;
}): ListNavigation {
  const app = useApp();
  // The active row belongs to one result set: a new set (resetKey) starts at its first row. Derived
  // during render rather than reset in an effect, so new results cost one render, not two.
  const [state, setState] = useState({ key: options.resetKey, index: options.count > 0 ? 0 : -1 });
  const fresh = state.key === options.resetKey;
  const active = Math.min(fresh ? state.index : 0, options.count - 1);
  const setActive = (index: number) => setState({ key: options.resetKey, index });

  async function copyFrom(row: ListRow, field: 'password' | 'username'): Promise<void> {
    if (row.unreadable) {
      app.toast(t('list_toast_unreadable'), 'error');
      return;
    }
    try {
      const { item } = await send('items.get', { id: row.id });
      const picked = field === 'password' ? primarySecretOf(item) : primaryUsernameOf(item);
      if (!picked) {
        app.toast(t(field === 'password' ? 'list_toast_no_password' : 'list_toast_no_username', row.name));
        return;
      }
      await app.copy({ value: picked.value, what: picked.what, sensitive: field === 'password' });
    } catch (error) {
      app.fail(error);
    }
  }

  function onKeyDown(event: KeyboardEvent): void {
    const input = event.target instanceof HTMLInputElement ? event.target : null;
    const textSelected = input !== null && input.selectionStart !== input.selectionEnd;
    const action = listKeyAction(event, { hasSelection: active >= 0 && active < options.count, textSelected });
    if (!action) return;
    const row = active >= 0 ? options.rowAt(active) : undefined;
    switch (action.kind) {
      case 'move':
        event.preventDefault();
        setActive(moveIndex(active, action.to, { total: options.count, pageRows: options.pageRows }));
        return;
      case 'open':
        if (!row) return;
        event.preventDefault();
        options.open(row);
        return;
      case 'fill':
        if (row && options.fill?.(row, active)) event.preventDefault();
        return;
      case 'copy':
        if (!row) return;
        event.preventDefault();
        void copyFrom(row, action.field);
        return;
      case 'back':
        if (input && input.value) return; // the search field clears itself first (type=search)
        event.preventDefault();
        options.onEscape();
        return;
    }
  }

  return { active, setActive, onKeyDown };
}
