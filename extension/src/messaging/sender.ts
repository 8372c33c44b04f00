// Who sent a runtime message, decided from what the browser says (MessageSender), never from the
// message body. Extension pages (popup, options, full-page vault) are trusted; a content script
// speaks for a web page and gets only the few message types that declare 'content'.
import type { Browser } from 'wxt/browser';

export type SenderKind = 'page' | 'content';

export type SenderInfo = { kind: 'page'; url: string } | { kind: 'content'; url: string; origin: string; tabId: number; frameId: number };

export type Self = { extensionId: string; extensionOrigin: string };

export function identifySender(sender: Browser.runtime.MessageSender, self: Self): SenderInfo | null {
  // Messages from other extensions are never ours to answer.
  if (sender.id !== self.extensionId) return null;
  const url = sender.url ?? '';
  const extensionOrigin = self.extensionOrigin;
  if (url.startsWith(extensionOrigin)) return { kind: 'page', url };
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0 || !url) return null;
  // `sender.origin` is set by Chromium for content scripts; it is the frame's real origin
  // (opaque "null" for sandboxed frames), which `url` alone does not reveal.
  const origin = sender.origin ?? safeOrigin(url);
  return { kind: 'content', url, origin, tabId, frameId: sender.frameId ?? 0 };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}
