// Messages the background sends into this frame (messages.ts TabMessage): a fill with its one-use
// token, the save/update prompt, and the vault being locked. Only our own
// background can send them (runtime messages carry the sender's extension id; pages have no way in,
// and nothing here listens to window.postMessage).
import { browser, type Browser } from 'wxt/browser';
import type { TabMessage } from '../messages';

export type TabHandlers = {
  fill(message: Extract<TabMessage, { type: 'keyhold:fill' }>): Promise<{ started: boolean }>;
  prompt(message: Extract<TabMessage, { type: 'keyhold:prompt' }>): void;
  locked(): void;
};

export function listenToBackground(handlers: TabHandlers): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
    // From the background: our extension, not a tab (other frames' content scripts never reach here).
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return false;
    const message = raw as TabMessage;
    switch (message?.type) {
      case 'keyhold:fill':
        void handlers.fill(message).then(sendResponse, () => sendResponse({ started: false }));
        return true;
      case 'keyhold:prompt':
        handlers.prompt(message);
        sendResponse(true);
        return false;
      case 'keyhold:locked':
        handlers.locked();
        return false;
      default:
        return false;
    }
  });
}
