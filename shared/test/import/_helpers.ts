// Shared by the import tests: fixtures read from disk, items picked by name and narrowed by type,
// and the check every format must pass — each item valid, and no secret in any problem.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ItemOf, ItemType, KnownItem } from '../../src/items/item';
import { validateItem } from '../../src/items/validate-item';
import type { ImportResult } from '../../src/import/collect-items';
import { describeProblem } from '../../src/import/import-problem';

export const NOW = Date.UTC(2026, 0, 1);

export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

export function byName<T extends ItemType>(result: ImportResult, name: string, type: T): ItemOf<T> {
  const item = result.items.find((i) => i.name === name);
  expect(item, `an item named ${name}`).toBeDefined();
  expect(item?.type).toBe(type);
  return item as ItemOf<T>;
}

/** Fixture secrets all start with "SECRET-": none may appear in problems or their descriptions. */
export function expectSoundResult(result: ImportResult): void {
  for (const item of result.items) expect(validateItem(item)).toEqual({ ok: true });
  const shown = JSON.stringify(result.problems) + result.problems.map(describeProblem).join('\n');
  expect(shown).not.toMatch(/SECRET-/);
}

export function fieldsOf(item: KnownItem): Record<string, string> {
  return item.type === 'login' ? Object.fromEntries(item.customFields.map((f) => [f.name, f.value])) : {};
}
