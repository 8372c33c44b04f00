// Chrome's offscreen document: the only place a MV3 extension can touch the clipboard without a
// focused page. It answers one message from the background and nothing else.
import { browser } from 'wxt/browser';
import { clearClipboardIfHolds } from '../../clipboard/clear-if-holds';

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (sender.id !== browser.runtime.id || sender.tab) return;
  const m = message as { target?: unknown; type?: unknown; hash?: unknown };
  if (m.target !== 'offscreen' || m.type !== 'clipboard.clearIfHolds' || typeof m.hash !== 'string') return;
  clearClipboardIfHolds(document, m.hash);
});
