// Events the background sends to every open view, not requests with a reply. One shape for extension
// pages (runtime messages) and content scripts (tab messages, autofill/messages.ts TabMessage).
export const VAULT_LOCKED = { type: 'keyhold:locked' } as const;
/** Sync brought another device's changes: open views refetch what they show (extension pages only). */
export const VAULT_CHANGED = { type: 'keyhold:changed' } as const;

type Sender = { id?: string; tab?: unknown };

/** Whether a runtime message is `event` from our own background (not from a tab). */
function isBackgroundEvent(message: unknown, sender: Sender, extensionId: string, event: { type: string }): boolean {
  return sender.id === extensionId && sender.tab === undefined && (message as { type?: unknown } | null)?.type === event.type;
}

export function isVaultLocked(message: unknown, sender: Sender, extensionId: string): boolean {
  return isBackgroundEvent(message, sender, extensionId, VAULT_LOCKED);
}

export function isVaultChanged(message: unknown, sender: Sender, extensionId: string): boolean {
  return isBackgroundEvent(message, sender, extensionId, VAULT_CHANGED);
}
