// A button that opens a small menu (the "New item" type picker, the popup's overflow menu).
// Arrow keys move between entries, Escape closes and returns focus to the button.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon, type IconName } from './icons';

export type MenuEntry = { label: string; onSelect: () => void };

export function MenuButton(props: { label: string; icon: IconName; entries: MenuEntry[]; align?: 'start' | 'end'; text?: string }): JSX.Element {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  function onMenuKey(event: KeyboardEvent): void {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div class="menu-root" ref={root}>
      <button
        ref={button}
        type="button"
        class={props.text ? 'button' : 'icon-button'}
        aria-label={props.text ? undefined : props.label}
        title={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name={props.icon} />
        {props.text && <span>{props.text}</span>}
      </button>
      {open && (
        <div class={`menu menu-${props.align ?? 'end'}`} role="menu" aria-label={props.label} onKeyDown={onMenuKey}>
          {props.entries.map((entry) => (
            <button
              type="button"
              role="menuitem"
              class="menu-item"
              key={entry.label}
              onClick={() => {
                setOpen(false);
                entry.onSelect();
              }}
            >
              {entry.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
