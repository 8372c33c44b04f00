/**
 * Reused passwords: logins grouped by the keyed tag of their password (password-tag.ts). Only
 * groups of two or more are reuse. Largest groups first, then by their first id, so the report
 * reads the same on every run.
 */
export type TaggedLogin = { id: string; tag: string };

export function groupReused(logins: readonly TaggedLogin[]): string[][] {
  const byTag = new Map<string, string[]>();
  for (const { id, tag } of logins) {
    const group = byTag.get(tag);
    if (group) group.push(id);
    else byTag.set(tag, [id]);
  }
  return [...byTag.values()]
    .filter((ids) => ids.length > 1)
    .map((ids) => [...ids].sort())
    .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
}
