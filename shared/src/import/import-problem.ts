// What the import preview tells the user about single items: a value kept somewhere other than its
// own field, an item skipped, something the format has that Keyhold cannot hold. Each problem says
// where (the CSV line a row starts on, or the item's number in a JSON export) and which field, never
// the value: the preview, the CLI and bug reports show these as they are.

/** A CSV row by the line it starts on (1 = the header), or an item by its number in the file (1-based). */
export type ImportLocation = { line: number } | { item: number };

export type ImportProblem =
  /** Fields Keyhold has no place for, kept as custom fields (logins) or appended to the notes. */
  | { kind: 'kept-unmapped'; at: ImportLocation; fields: readonly string[]; keptIn: 'custom-fields' | 'notes' }
  /** A two-factor value Keyhold cannot generate codes from, kept as a hidden custom field or in the notes. */
  | { kind: 'invalid-totp'; at: ImportLocation; keptIn: 'custom-fields' | 'notes' }
  /** A date Keyhold could not read; the import time is used and the text kept as a field. */
  | { kind: 'invalid-date'; at: ImportLocation; field: string }
  /** Passkeys cannot be moved between managers; the login is imported without them. */
  | { kind: 'passkey-not-imported'; at: ImportLocation; count: number }
  /** Attachments are not imported (the item is). */
  | { kind: 'attachment-not-imported'; at: ImportLocation; count: number }
  /** Older passwords beyond what Keyhold keeps per item. */
  | { kind: 'history-capped'; at: ImportLocation; kept: number; dropped: number }
  /** A row or item that was not imported at all, and why. */
  | { kind: 'skipped'; at: ImportLocation; reason: SkipReason };

export type SkipReason = 'empty' | 'too-large' | 'invalid' | 'not-an-item';

export type ImportProblemKind = ImportProblem['kind'];

export function describeLocation(at: ImportLocation): string {
  return 'line' in at ? `line ${at.line}` : `item ${at.item}`;
}

const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  empty: 'it is empty',
  'too-large': 'it is larger than any real item',
  invalid: 'its values do not make a valid item',
  'not-an-item': 'it is not a vault item',
};

/** One sentence for the preview and the CLI. */
export function describeProblem(problem: ImportProblem): string {
  const where = describeLocation(problem.at);
  switch (problem.kind) {
    case 'kept-unmapped':
      return `${where}: ${problem.fields.join(', ')} kept in the ${problem.keptIn === 'notes' ? 'notes' : 'custom fields'} (Keyhold has no such field).`;
    case 'invalid-totp':
      return `${where}: the two-factor secret is not a TOTP key Keyhold can use; kept in the ${problem.keptIn === 'notes' ? 'notes' : 'custom fields'}.`;
    case 'invalid-date':
      return `${where}: the ${problem.field} date could not be read; the import time is used instead.`;
    case 'passkey-not-imported':
      return `${where}: ${problem.count} passkey${problem.count === 1 ? '' : 's'} not imported (passkeys cannot be moved); set one up again on the site.`;
    case 'attachment-not-imported':
      return `${where}: ${problem.count} attachment${problem.count === 1 ? '' : 's'} not imported; save ${problem.count === 1 ? 'it' : 'them'} separately.`;
    case 'history-capped':
      return `${where}: the ${problem.kept} most recent old passwords kept, ${problem.dropped} older ones not imported.`;
    case 'skipped':
      return `${where}: not imported because ${SKIP_REASONS[problem.reason]}.`;
  }
}
