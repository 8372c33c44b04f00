// Chrome's offscreen document: the only place a MV3 extension can touch the clipboard without a
// focused page, and where vault health's zxcvbn scoring runs (health/score-passwords.ts). It answers
// those two messages from the extension itself and nothing else.
import { browser } from 'wxt/browser';
import { clearClipboardIfHolds } from '../../clipboard/clear-if-holds';
import { isScoreRequest, scoreHere } from '../../health/score-passwords';

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (sender.id !== browser.runtime.id || sender.tab) return;
  const m = message as { target?: unknown; type?: unknown; hash?: unknown };
  if (m.target !== 'offscreen' || m.type !== 'clipboard.clearIfHolds' || typeof m.hash !== 'string') return;
  clearClipboardIfHolds(document, m.hash);
});

browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== browser.runtime.id || sender.tab || !isScoreRequest(message)) return false;
  scoreHere(message.passwords).then(sendResponse, () => sendResponse(null));
  return true;
});
