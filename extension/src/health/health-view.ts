// What vault health tells the pages (health/messages.ts): the run's status, and the last report
// with each entry's list row and change-password link. Nothing here is secret.
import type { ListRow } from '../vault/list-row';
import type { HealthPhase } from './health-run';

export type HealthStatus =
  | { state: 'idle' }
  | { state: 'running'; phase: HealthPhase; done: number; total: number }
  | { state: 'done'; finishedAt: number }
  | { state: 'cancelled' }
  | { state: 'failed'; message: string };

export type HealthEntryView = { row: ListRow; changePasswordUrl: string | null };

export type HealthReportView = {
  finishedAt: number;
  checked: number;
  breachesChecked: boolean;
  breached: (HealthEntryView & { id: string; count: number })[];
  reused: (HealthEntryView & { id: string })[][];
  weak: (HealthEntryView & { id: string; score: number })[];
  old: (HealthEntryView & { id: string; setAt: number })[];
};

export type HealthView = { status: HealthStatus; report: HealthReportView | null };
