// The single toast line at the bottom ("Password copied — clears in 30 s"), announced politely.
import type { JSX } from 'preact';

export type ToastMessage = { id: number; text: string; tone: 'info' | 'error' };

export function Toast(props: { toast: ToastMessage | null; onDismiss: () => void }): JSX.Element {
  const { toast } = props;
  return (
    <div class="toast-region" role="status" aria-live="polite" data-testid="toast-region">
      {toast && (
        <div class={`toast toast-${toast.tone}`} data-testid="toast" key={toast.id}>
          <span>{toast.text}</span>
          <button type="button" class="toast-close" aria-label="Dismiss" onClick={props.onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
