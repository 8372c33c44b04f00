// The single toast line ("Password copied — clears in 30 s"), announced politely. It is not an
// overlay: the region is the last row of the app's column, so while a toast shows, the screen above
// it is that much shorter and the toast never covers a button or a hint. While the pointer or the
// keyboard focus is on it, it stays (onHold); when it goes away with the focus on its Dismiss button,
// the focus goes back where it was before, so keyboard users are not dropped on <body>.
import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/messages';

export type ToastMessage = { id: number; text: string; tone: 'info' | 'error' };

export function Toast(props: { toast: ToastMessage | null; onDismiss: () => void; onHold: (held: boolean) => void }): JSX.Element {
  const { toast, onHold } = props;
  const region = useRef<HTMLDivElement>(null);
  const focusInside = useRef(false);
  const returnTo = useRef<HTMLElement | null>(null);

  // The toast (or its Dismiss button) was removed while focused: give the focus back.
  useLayoutEffect(() => {
    if (!focusInside.current || region.current?.contains(document.activeElement)) return;
    focusInside.current = false;
    onHold(false);
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && returnTo.current?.isConnected) returnTo.current.focus();
    returnTo.current = null;
  }, [toast, onHold]);

  return (
    <div
      ref={region}
      class="toast-region"
      role="status"
      aria-live="polite"
      data-testid="toast-region"
      onFocusIn={(event) => {
        if (focusInside.current) return;
        focusInside.current = true;
        const from = event.relatedTarget;
        returnTo.current = from instanceof HTMLElement && !region.current?.contains(from) ? from : null;
        onHold(true);
      }}
      onFocusOut={(event) => {
        const to = event.relatedTarget;
        if (to instanceof Node && region.current?.contains(to)) return;
        // No new target: the toast is being removed (the layout effect above restores the focus) or
        // the window lost focus; either way the toast keeps its hold until it is dismissed.
        if (!(to instanceof HTMLElement)) return;
        focusInside.current = false;
        returnTo.current = null;
        onHold(false);
      }}
      onMouseEnter={() => onHold(true)}
      onMouseLeave={() => !focusInside.current && onHold(false)}
    >
      {toast && (
        <div
          class={`toast toast-${toast.tone}`}
          data-testid="toast"
          key={toast.id}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault();
            event.stopPropagation();
            props.onDismiss();
          }}
        >
          <span>{toast.text}</span>
          <button type="button" class="toast-close" aria-label={t('common_dismiss')} onClick={props.onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
