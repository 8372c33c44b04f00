// The "Save login" / "Update password" bar, in the top-right corner of the page, in the same kind
// of closed, watched top-layer host as the inline menu. Its buttons answer real, checked clicks only;
// what is saved is what the background kept from the submit, never anything the page says now.
import { checkActivation } from '../menu/check-activation';
import { createUiHost } from '../menu/ui-host';
import type { SaveAction, SavePromptView } from '../messages';
import { t } from '../../i18n/messages';

const BAR_CSS = `
.bar { box-sizing: border-box; width: 340px; padding: 12px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1b1f24; background: #fff; border: 1px solid #c9ced6; border-radius: 10px; box-shadow: 0 8px 28px rgba(0,0,0,.2); }
.title { font-weight: 600; margin-bottom: 2px; }
.detail { color: #57606a; margin-bottom: 10px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.actions { display: flex; gap: 6px; justify-content: flex-end; flex-wrap: wrap; }
button { font: inherit; padding: 5px 10px; border-radius: 6px; border: 1px solid #c9ced6; background: #f6f8fa; color: inherit; cursor: pointer; }
button.primary { background: #2b59c3; border-color: #2b59c3; color: #fff; }
@media (prefers-color-scheme: dark) {
  .bar { color: #e6edf3; background: #1f2328; border-color: #3d444d; }
  .detail { color: #9198a1; }
  button { background: #2d333b; border-color: #3d444d; }
}`;

export type SaveBar = { show(prompt: SavePromptView): void; warn(message: string): void; close(): void };

export function createSaveBar(options: {
  document: Document;
  ownHosts: Set<Element>;
  now: () => number;
  onAction: (promptId: string, action: SaveAction) => void;
}): SaveBar {
  const { document } = options;
  const view = document.defaultView!;
  const ui = createUiHost({ document, tag: 'keyhold-bar', css: BAR_CSS, ownHosts: options.ownHosts, onBroken: () => close() });
  let promptId: string | null = null;
  let armedAt = 0;

  function button(label: string, action: SaveAction | 'close', primary = false): HTMLButtonElement {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.dataset.action = action;
    if (primary) element.className = 'primary';
    return element;
  }

  function render(title: string, detail: string, buttons: HTMLButtonElement[]): void {
    ui.root.querySelector('.bar')?.remove();
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'dialog');
    bar.setAttribute('aria-label', 'Keyhold');
    const heading = document.createElement('div');
    heading.className = 'title';
    heading.textContent = title;
    const text = document.createElement('div');
    text.className = 'detail';
    text.textContent = detail;
    const actions = document.createElement('div');
    actions.className = 'actions';
    actions.append(...buttons);
    bar.append(heading, text, actions);
    ui.root.append(bar);
    if (!ui.host.isConnected) ui.show({ left: Math.max(0, view.innerWidth - 356), top: 16 });
    armedAt = options.now();
  }

  ui.root.addEventListener('click', (event) => {
    const action = (event.composedPath()[0] as HTMLElement).dataset?.action;
    if (action === undefined) return;
    const verdict = checkActivation(ui, event, { now: options.now(), armedAt });
    if (!verdict.ok) {
      if (verdict.reason !== 'untrusted' && verdict.reason !== 'too-soon') close();
      return;
    }
    const id = promptId;
    close();
    if (id !== null && action !== 'close') options.onAction(id, action as SaveAction);
  });

  function close(): void {
    promptId = null;
    ui.remove();
  }

  return {
    show(prompt) {
      promptId = prompt.id;
      const title = prompt.kind === 'save' ? t('save_bar_save_title', prompt.host) : t('save_bar_update_title', prompt.itemName ?? prompt.host);
      render(title, prompt.username || t('save_bar_no_username'), [
        button(t('save_bar_never'), 'never'),
        button(t('save_bar_not_now'), 'dismiss'),
        button(prompt.kind === 'save' ? t('common_save') : t('save_bar_update'), 'save', true),
      ]);
    },
    warn(message) {
      promptId = null;
      render(t('save_bar_stopped_title'), message, [button(t('common_ok'), 'close', true)]);
    },
    close,
  };
}
