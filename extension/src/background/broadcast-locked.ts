// Events for every open view. The lock, at once: extension pages (popups, vault tabs) by a
// runtime message, and each tab's content scripts (the inline menu, the save bar) by a tab message.
// Each view then drops every decrypted value it shows. A view that misses the message (asleep, being
// created) still fails closed: its next request is answered LOCKED (docs/architecture.md, "The vault
// session"). The message carries nothing but its type.
import { browser } from 'wxt/browser';
import { VAULT_CHANGED, VAULT_LOCKED } from '../messaging/events';

export async function broadcastLocked(): Promise<void> {
  // No receiver (no view open) rejects; that is fine.
  await browser.runtime.sendMessage(VAULT_LOCKED).catch(() => undefined);
  const tabs = await browser.tabs.query({}).catch(() => []);
  const sent = tabs.flatMap((tab) => (tab.id === undefined ? [] : [browser.tabs.sendMessage(tab.id, VAULT_LOCKED).catch(() => undefined)]));
  await Promise.all(sent);
}

/**
 * Tells the open extension pages (popups, vault tabs) that sync brought other devices' changes, so
 * lists, the item shown and the suggestions refetch in place. Content scripts ask afresh each time
 * a menu opens, so they need no word.
 */
export async function broadcastChanged(): Promise<void> {
  await browser.runtime.sendMessage(VAULT_CHANGED).catch(() => undefined);
}
