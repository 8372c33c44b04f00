// Tells every open view that the vault is locked, at once: extension pages (popups, vault tabs) by a
// runtime message, and each tab's content scripts (the inline menu, the save bar) by a tab message.
// Each view then drops every decrypted value it shows. A view that misses the message (asleep, being
// created) still fails closed: its next request is answered LOCKED (docs/architecture.md, "The vault
// session"). The message carries nothing but its type.
import { browser } from 'wxt/browser';
import { VAULT_LOCKED } from '../messaging/events';

export async function broadcastLocked(): Promise<void> {
  // No receiver (no view open) rejects; that is fine.
  await browser.runtime.sendMessage(VAULT_LOCKED).catch(() => undefined);
  const tabs = await browser.tabs.query({}).catch(() => []);
  const sent = tabs.flatMap((tab) => (tab.id === undefined ? [] : [browser.tabs.sendMessage(tab.id, VAULT_LOCKED).catch(() => undefined)]));
  await Promise.all(sent);
}
