// Vault health in the background, as an explicit state machine (STYLE.md habit 10):
//
//   idle ──start()──▶ running ──(report saved)──▶ done
//                        ├──cancel()──▶ cancelled        (what the breach step learned is cached)
//                        ├──(error)───▶ failed           (the message says what to do)
//                        └──lock──────▶ idle             (nothing more is sent or computed)
//
// One run at a time; every run carries a generation number, so a run overtaken by a cancel, a lock
// or a newer run can never report or overwrite state. The last report stays sealed in the vault
// between runs (health-store.ts); the popup's badge reads only its summary.
import type { Score } from '@zxcvbn-ts/core';
import type { HealthSummary } from '@keyhold/shared/health/report';
import { changePasswordUrl } from '@keyhold/shared/site-data/change-password-url';
import { UserError } from '../common/user-error';
import type { VaultDb } from '../vault/db';
import type { VaultSession } from '../vault/session';
import { toListRow } from '../vault/list-row';
import { runHealth, type HealthProgress } from './health-run';
import { createHealthStore } from './health-store';
import { BreachServiceError, createRangeClient, type RangeClient } from './range-client';
import type { HealthEntryView, HealthStatus, HealthView } from './health-view';
import { MAX_SCORE_BATCH } from './score-passwords';
import { t } from '../i18n/messages';

export type HealthSettings = { breachCheck: boolean; breachEndpoint: string };

export type HealthServiceDeps = {
  db: VaultDb;
  session: Pick<VaultSession, 'borrow'>;
  now: () => number;
  settings: () => Promise<HealthSettings>;
  score: (passwords: readonly string[]) => Promise<Score[]>;
  rangeClient?: (endpoint: string) => RangeClient;
  /** Told on every change of status (the background throttles and tells the open views). */
  onStatus?: (status: HealthStatus) => void;
  breachTtlMs?: number;
  chunkSize?: number;
  concurrency?: number;
};

/** A breach result is asked again after a week: breach data grows. */
export const BREACH_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function createHealthService(deps: HealthServiceDeps) {
  const store = createHealthStore(deps.db);
  let status: HealthStatus = { state: 'idle' };
  let generation = 0;
  let controller: AbortController | null = null;

  function set(next: HealthStatus, gen: number): void {
    if (gen !== generation) return;
    status = next;
    deps.onStatus?.(status);
  }

  async function start(): Promise<HealthStatus> {
    if (status.state === 'running') return status;
    const settings = await deps.settings();
    // Asked only after the user opted in; the endpoint is checked before anything is read.
    const range = settings.breachCheck ? (deps.rangeClient ?? ((endpoint) => createRangeClient({ endpoint })))(settings.breachEndpoint) : null;
    const gen = ++generation;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const progress = (p: HealthProgress) => set({ state: 'running', ...p }, gen);
    progress({ phase: 'reading', done: 0, total: 0 });
    void runHealth({
      db: deps.db,
      session: deps.session,
      store,
      now: deps.now,
      score: deps.score,
      range,
      signal: mine.signal,
      progress,
      breachTtlMs: deps.breachTtlMs ?? BREACH_TTL_MS,
      chunkSize: Math.min(deps.chunkSize ?? 100, MAX_SCORE_BATCH),
      concurrency: deps.concurrency ?? 4,
    }).then(
      (report) => set({ state: 'done', finishedAt: report.finishedAt }, gen),
      (error: unknown) => {
        if (mine.signal.aborted) return set({ state: 'cancelled' }, gen);
        if (error instanceof UserError && error.code === 'LOCKED') return set({ state: 'idle' }, gen);
        if (!(error instanceof BreachServiceError)) console.warn('Keyhold: vault health failed', error);
        set(
          {
            state: 'failed',
            message: error instanceof BreachServiceError || error instanceof UserError ? error.message : t('error_health_stopped'),
          },
          gen,
        );
      },
    );
    return status;
  }

  function stop(next: HealthStatus): void {
    controller?.abort();
    controller = null;
    const gen = ++generation;
    set(next, gen);
  }

  /** The last report, with what the UI shows of each item (from the overview index: nothing is decrypted). */
  function view(): Promise<HealthView> {
    return deps.session.borrow(async (state) => {
      const report = await store.readReport(state);
      if (!report) return { status, report: null };
      const entry = (id: string): HealthEntryView | null => {
        const overview = state.index.overview(id);
        if (!overview || overview.trashedAt) return null;
        const url = overview.type === 'login' && Array.isArray(overview.urls) ? ((overview.urls[0] as { url?: unknown } | undefined)?.url ?? '') : '';
        return { row: toListRow(overview), changePasswordUrl: typeof url === 'string' && url ? changePasswordUrl(url) : null };
      };
      const present = <T extends { id: string }>(list: T[]) =>
        list.flatMap((e) => {
          const shown = entry(e.id);
          return shown ? [{ ...e, ...shown }] : [];
        });
      return {
        status,
        report: {
          finishedAt: report.finishedAt,
          checked: report.checked,
          breachesChecked: report.breachesChecked,
          breached: present(report.breached),
          reused: report.reused.map((ids) => present(ids.map((id) => ({ id })))).filter((group) => group.length > 1),
          weak: present(report.weak),
          old: present(report.old),
        },
      };
    });
  }

  return {
    status: (): HealthStatus => status,
    start,
    cancel: (): HealthStatus => {
      if (status.state === 'running') stop({ state: 'cancelled' });
      return status;
    },
    /** The vault locked: stop at once and forget the run's state. */
    locked: (): void => stop({ state: 'idle' }),
    view,
    summary: (): Promise<HealthSummary | null> => deps.session.borrow((state) => store.readSummary(state)),
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
