// Events the background sends to every open view, not requests with a reply. One shape for extension
// pages (runtime messages) and content scripts (tab messages, autofill/messages.ts TabMessage).
export const VAULT_LOCKED = { type: 'keyhold:locked' } as const;

/** Whether a runtime message is the lock event from our own background (not from a tab). */
export function isVaultLocked(message: unknown, sender: { id?: string; tab?: unknown }, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined && (message as { type?: unknown } | null)?.type === VAULT_LOCKED.type;
}
