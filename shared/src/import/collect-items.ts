// Turns item drafts into valid Keyhold items, the one place every format goes through: TOTP values
// checked (an unusable one is kept as a hidden field, never dropped), unmapped values kept as custom
// fields on logins and in the notes of other types, old passwords turned into history, source times
// kept when they are real times, the item cap enforced, and each result validated with the same
// schema the vault uses. What it had to do is reported as problems, without values.
import { historyKey, normalizeHistory } from '../items/history';
import type { KnownItem } from '../items/item';
import { newItem } from '../items/new-item';
import type { HistoryEntry } from '../items/schema-common';
import { msSchema } from '../items/schema-common';
import type { CustomField } from '../items/types/login';
import { validateItem, InvalidItemError } from '../items/validate-item';
import { parseTotp } from '../totp/parse-totp';
import { ImportError } from './import-error';
import type { ImportLocation, ImportProblem } from './import-problem';
import type { DraftField, ItemDraft } from './item-draft';
import { IMPORT_LIMITS } from './limits';

export type ImportResult = { items: KnownItem[]; folders: string[]; problems: ImportProblem[] };

export type CollectorOptions = { now?: number; maxItems?: number };

export function createItemCollector(options: CollectorOptions = {}) {
  const now = options.now ?? Date.now();
  const maxItems = options.maxItems ?? IMPORT_LIMITS.maxItems;
  const items: KnownItem[] = [];
  const folders = new Set<string>();
  const problems: ImportProblem[] = [];

  function add(at: ImportLocation, draft: ItemDraft): void {
    if (items.length >= maxItems) throw new ImportError({ code: 'too-many-items', limit: maxItems });
    if (JSON.stringify(draft).length > IMPORT_LIMITS.maxItemChars) {
      problems.push({ kind: 'skipped', at, reason: 'too-large' });
      return;
    }
    const item = build(at, draft);
    if (item === null) return;
    items.push(item);
    if (item.folder !== null && item.folder !== '') folders.add(item.folder);
  }

  function build(at: ImportLocation, draft: ItemDraft): KnownItem | null {
    const extras: DraftField[] = [...(draft.customFields ?? [])];
    const unmapped = [...(draft.unmapped ?? [])];
    let totp = '';
    const totpText = draft.totp?.trim() ?? '';
    if (totpText !== '') {
      if (draft.type === 'login' && parseTotp(totpText).ok) totp = totpText;
      else if (draft.type === 'login') {
        extras.push({ name: 'TOTP', value: totpText, kind: 'hidden' });
        problems.push({ kind: 'invalid-totp', at, keptIn: 'custom-fields' });
      } else unmapped.push({ name: 'TOTP', value: totpText, kind: 'hidden' });
    }
    // Other types have no custom fields: the source's own go to the notes too, and are reported.
    const reported = draft.type === 'login' ? unmapped : [...(draft.customFields ?? []), ...unmapped];
    if (reported.length > 0) {
      problems.push({ kind: 'kept-unmapped', at, fields: reported.map((f) => f.name), keptIn: draft.type === 'login' ? 'custom-fields' : 'notes' });
    }
    const kept = [...extras, ...unmapped];
    const createdAt = timeOrNow(draft.createdAt);
    const updatedAt = timeOrNow(draft.updatedAt ?? draft.createdAt);
    try {
      const base = withKeptFields(draft, kept, totp);
      const history = historyOf(at, draft);
      const trashed = draft.fields.trashedAt;
      const trashedAt = trashed === null || trashed === undefined ? null : timeOrNow(trashed);
      const item = { ...base, createdAt, updatedAt: Math.max(updatedAt, createdAt), trashedAt, history } as KnownItem;
      const check = validateItem(item);
      if (!check.ok) {
        problems.push({ kind: 'skipped', at, reason: 'invalid' });
        return null;
      }
      return item;
    } catch (error) {
      if (!(error instanceof InvalidItemError)) throw error;
      problems.push({ kind: 'skipped', at, reason: 'invalid' });
      return null;
    }
  }

  function withKeptFields(draft: ItemDraft, kept: readonly DraftField[], totp: string): KnownItem {
    switch (draft.type) {
      case 'login': {
        const customFields: CustomField[] = [
          ...(draft.fields.customFields ?? []),
          ...kept.map((f) => ({ id: crypto.randomUUID(), name: f.name, value: f.value, kind: f.kind })),
        ];
        return newItem('login', { ...draft.fields, totp, customFields }, now);
      }
      case 'note':
        return newItem('note', { ...draft.fields, text: appendFields(draft.fields.text ?? '', kept) }, now);
      case 'card':
        return newItem('card', { ...draft.fields, notes: appendFields(draft.fields.notes ?? '', kept) }, now);
      case 'identity':
        return newItem('identity', { ...draft.fields, notes: appendFields(draft.fields.notes ?? '', kept) }, now);
      case 'api-key':
        return newItem('api-key', { ...draft.fields, notes: appendFields(draft.fields.notes ?? '', kept) }, now);
    }
  }

  function historyOf(at: ImportLocation, draft: ItemDraft): HistoryEntry[] {
    const entries: HistoryEntry[] = (draft.passwordHistory ?? [])
      .filter((entry) => entry.value !== '')
      .map((entry) => ({ value: entry.value, changedAt: timeOrNow(entry.changedAt), reason: 'changed' }));
    const history = normalizeHistory(entries);
    const distinct = new Set(entries.map(historyKey)).size;
    if (distinct > history.length) problems.push({ kind: 'history-capped', at, kept: history.length, dropped: distinct - history.length });
    return history;
  }

  function timeOrNow(value: number | null | undefined): number {
    if (value === null || value === undefined || !Number.isFinite(value)) return now;
    const ms = Math.round(value);
    return msSchema.safeParse(ms).success ? ms : now;
  }

  return {
    /** The import time, used for every time the source does not give. */
    now,
    add,
    /** A problem found by the parser itself (a skipped row, a passkey left behind...). */
    report(problem: ImportProblem): void {
      problems.push(problem);
    },
    /** Folders that exist in the source even when empty. */
    addFolder(name: string): void {
      if (name !== '') folders.add(name);
    },
    get count(): number {
      return items.length;
    },
    result(): ImportResult {
      return { items, folders: [...folders], problems };
    },
  };
}

export type ItemCollector = ReturnType<typeof createItemCollector>;

/** Values with no field of their own, after the notes, one `name: value` per line. */
function appendFields(notes: string, fields: readonly DraftField[]): string {
  if (fields.length === 0) return notes;
  const lines = fields.map((f) => `${f.name}: ${f.value}`).join('\n');
  return notes.trim() === '' ? lines : `${notes}\n\n${lines}`;
}
