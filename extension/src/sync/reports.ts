// Integrity reports: what the sync engine refused or held back because the server served something
// no device of the account wrote. Each says, in plain words, what happened and that the local copy
// was kept. Kept (newest first, capped) until the user dismisses them; the same finding about the
// same item revision is reported once.
import type { SyncState } from './state-records';

export type ReportKind =
  | 'undecryptable'
  | 'revision-backwards'
  | 'rolled-back'
  | 'resurrected'
  | 'forged-delete'
  | 'vanished'
  | 'unconfirmed'
  | 'manifest-invalid'
  | 'manifest-behind'
  | 'server-rollback'
  | 'header-mismatch';

export type SyncReport = {
  kind: ReportKind;
  itemId: string | null;
  revision: number | null;
  at: number;
  message: string;
};

const MAX_REPORTS = 100;

const MESSAGES: Record<ReportKind, string> = {
  undecryptable:
    'An item from the server could not be decrypted: its data was swapped with another item or account, damaged, or written in a format Keyhold does not know. It was refused; your copy is unchanged.',
  'revision-backwards': 'The server sent an older version of an item than this device has already seen. It was refused; your copy is unchanged.',
  'rolled-back':
    'The server sent an outdated version of an item that one of your devices has already replaced. It was refused; your copy is unchanged.',
  resurrected: 'The server brought back an item that was deleted, although none of your devices restored it. It was refused.',
  'forged-delete': 'The server said an item was deleted, although none of your devices deleted it. Your copy was kept.',
  vanished: 'An item is missing from the server, although none of your devices deleted it. Your copy was kept and will be uploaded again.',
  unconfirmed:
    'The server holds a change that none of your devices has confirmed writing. It is held back, not applied, until one does. If this lasts, your server may have been tampered with.',
  'manifest-invalid': "The server's list of your items was not written by your devices (it does not open with your vault key). Keyhold ignored it.",
  'manifest-behind':
    "The server's list of your items is older than one this device has already seen: it was restored from an old backup or tampered with. Keyhold kept the newer list and your local vault.",
  'server-rollback':
    "The server's data is older than what this device has already synced: it was restored from an old backup or tampered with. Syncing is paused; your local vault is unchanged.",
  'header-mismatch':
    "The server's copy of your vault key does not open with your master password, although the server accepted that password. Nothing was downloaded.",
};

export function createReports(deps: { state: SyncState; now: () => number }) {
  return {
    async add(kind: ReportKind, about: { itemId?: string; revision?: number } = {}): Promise<boolean> {
      const reports = (await deps.state.get('reports')) ?? [];
      const itemId = about.itemId ?? null;
      const revision = about.revision ?? null;
      if (reports.some((r) => r.kind === kind && r.itemId === itemId && r.revision === revision)) return false;
      const report: SyncReport = { kind, itemId, revision, at: deps.now(), message: MESSAGES[kind] };
      await deps.state.put('reports', [report, ...reports].slice(0, MAX_REPORTS));
      return true;
    },
    async list(): Promise<SyncReport[]> {
      return (await deps.state.get('reports')) ?? [];
    },
    async clear(): Promise<void> {
      await deps.state.delete('reports');
    },
  };
}

export type Reports = ReturnType<typeof createReports>;
