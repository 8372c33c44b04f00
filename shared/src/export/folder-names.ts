// The folder names an export lists: every folder an item is in, plus any the caller names (a folder
// can exist with nothing in it), each once, in a stable order so two exports of one vault list alike.
import type { Item } from '../items/item';

export function folderNames(items: readonly Item[], extra: readonly string[] = []): string[] {
  const names = new Set<string>();
  for (const item of items) if (typeof item.folder === 'string' && item.folder !== '') names.add(item.folder);
  for (const name of extra) if (name !== '') names.add(name);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
