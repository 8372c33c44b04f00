// Chrome's offscreen document (offscreen.html): one per extension, made on first need and kept. The
// service worker has no DOM and may not import() code, so work that needs either — the clipboard,
// and vault health's zxcvbn scoring with its lazily loaded dictionaries — runs there. Each user
// asks with its own reason; two asking at once race to create it, and the loser finds it made.
import { browser } from 'wxt/browser';

type Reason = 'CLIPBOARD' | 'WORKERS';

export async function ensureOffscreenDocument(reason: Reason, justification: string): Promise<void> {
  const url = browser.runtime.getURL('/offscreen.html');
  const exists = async () => (await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })).length > 0;
  if (await exists()) return;
  try {
    await browser.offscreen.createDocument({ url, reasons: [reason], justification });
  } catch (error) {
    if (!(await exists())) throw error;
  }
}
