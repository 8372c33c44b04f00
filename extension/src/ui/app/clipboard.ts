// Copying: the page writes the clipboard (it has the user's gesture and focus), then tells the
// background, which clears the clipboard after the configured seconds only if it still holds this
// value (the clipboard rule of the vault UI: clear it only if it still holds what we put there).
import { send } from '../../messaging/client';

/** Returns the seconds after which the value is cleared, or null when it is not a secret. */
export async function copyText(value: string, options: { sensitive: boolean }): Promise<number | null> {
  await navigator.clipboard.writeText(value);
  if (!options.sensitive) return null;
  const { clearAfterSeconds } = await send('clipboard.copied', { value });
  return clearAfterSeconds;
}
