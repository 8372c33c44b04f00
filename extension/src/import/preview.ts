// What the import screen's preview says about a parsed file, before anything is sent: counts per
// type and per folder, the problems with their line or item numbers, and which items keep values in
// their notes or custom fields. Pure: the vault page computes it from the importer's result.
import type { ImportResult } from '@keyhold/shared/import/collect-items';
import { describeProblem, type ImportProblem } from '@keyhold/shared/import/import-problem';

export type ImportPreview = {
  total: number;
  byType: { type: string; count: number }[];
  byFolder: { folder: string | null; count: number }[];
  /** Values kept somewhere other than their own field (custom fields, notes). */
  kept: string[];
  /** Rows or items not imported, and everything else the importer had to say. */
  skipped: string[];
  other: string[];
};

const KEPT: ReadonlySet<ImportProblem['kind']> = new Set(['kept-unmapped', 'invalid-totp']);

export function previewOf(result: ImportResult, typeOrder: readonly string[]): ImportPreview {
  const types = new Map<string, number>();
  const folders = new Map<string | null, number>();
  for (const item of result.items) {
    types.set(item.type, (types.get(item.type) ?? 0) + 1);
    const folder = item.folder === '' ? null : item.folder;
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
  }
  const rank = (type: string) => (typeOrder.includes(type) ? typeOrder.indexOf(type) : typeOrder.length);
  return {
    total: result.items.length,
    byType: [...types].map(([type, count]) => ({ type, count })).sort((a, b) => rank(a.type) - rank(b.type)),
    // Folders by name, "no folder" first.
    byFolder: [...folders]
      .map(([folder, count]) => ({ folder, count }))
      .sort((a, b) => (a.folder === null ? -1 : b.folder === null ? 1 : a.folder.localeCompare(b.folder))),
    kept: result.problems.filter((p) => KEPT.has(p.kind)).map(describeProblem),
    skipped: result.problems.filter((p) => p.kind === 'skipped').map(describeProblem),
    other: result.problems.filter((p) => p.kind !== 'skipped' && !KEPT.has(p.kind)).map(describeProblem),
  };
}
