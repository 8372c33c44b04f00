// "Rotate your encryption keys?" after an event that may have exposed the vault key — a reset with the
// recovery key, or removing a device as lost — remembered in this extension's page storage until the
// Settings section (screens/settings/rotation-section.tsx) has shown it and the user acted on it.
// The rotation a suggestion leads to also makes a new recovery key (vault/rotation-recovery.ts).
// A section already on screen (a device removed further down the same Settings page) is told at once.
export type RotationReason = 'recovery-reset' | 'device-removed';

const KEY = 'keyhold.suggestRotation';
const listeners = new Set<(reason: RotationReason) => void>();

export function suggestRotation(reason: RotationReason): void {
  try {
    localStorage.setItem(KEY, reason);
  } catch {
    // No page storage (a test without DOM): the prompt is only a suggestion.
  }
  for (const listener of listeners) listener(reason);
}

/** Calls `listener` for every suggestion made in this page from now on; returns the unsubscribe. */
export function onRotationSuggested(listener: (reason: RotationReason) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function rotationSuggestion(): RotationReason | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'recovery-reset' || value === 'device-removed' ? value : null;
  } catch {
    return null;
  }
}

export function clearRotationSuggestion(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // See suggestRotation.
  }
}
