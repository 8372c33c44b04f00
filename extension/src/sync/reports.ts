// Integrity reports: what the sync engine refused or held back because the server served something
// no device of the account wrote. Each says, in plain words and the user's language (REPORT_MESSAGES),
// what happened and that the local copy was kept. Kept (newest first, capped) until the user
// dismisses them; the same finding about the same item revision is reported once.
import type { MessageKey } from '../i18n/catalogue';
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
};

const MAX_REPORTS = 100;

/**
 * What each kind says, as a message key. A report stores its kind, not words: it is worded when it is
 * shown, in the browser's language at that time (a report may be kept for weeks). Reports stored
 * before this carry an English `message` as well; nothing reads it.
 */
export const REPORT_MESSAGES: Record<ReportKind, MessageKey> = {
  undecryptable: 'sync_reports_undecryptable',
  'revision-backwards': 'sync_reports_revision_backwards',
  'rolled-back': 'sync_reports_rolled_back',
  resurrected: 'sync_reports_resurrected',
  'forged-delete': 'sync_reports_forged_delete',
  vanished: 'sync_reports_vanished',
  unconfirmed: 'sync_reports_unconfirmed',
  'manifest-invalid': 'sync_reports_manifest_invalid',
  'manifest-behind': 'sync_reports_manifest_behind',
  'server-rollback': 'sync_reports_server_rollback',
  'header-mismatch': 'sync_reports_header_mismatch',
};

export function createReports(deps: { state: SyncState; now: () => number }) {
  return {
    async add(kind: ReportKind, about: { itemId?: string; revision?: number } = {}): Promise<boolean> {
      const reports = (await deps.state.get('reports')) ?? [];
      const itemId = about.itemId ?? null;
      const revision = about.revision ?? null;
      if (reports.some((r) => r.kind === kind && r.itemId === itemId && r.revision === revision)) return false;
      const report: SyncReport = { kind, itemId, revision, at: deps.now() };
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
