/**
 * The vault health report: which logins have a breached, reused, weak or old password. It names
 * items by id only (the UI looks up their names and sites through the list it already has) and
 * holds no password, tag or hash, so it can be cached whole (sealed under the vault key) and its
 * summary shown by the popup without decrypting the vault again.
 */
import { z } from 'zod';
import { itemIdSchema, msSchema } from '../items/schema-common';
import { groupReused } from './reuse';
import { isOldPassword } from './password-age';
import { isWeakScore } from './weak';
import type { Score } from '@zxcvbn-ts/core';

/** What one run learned about one login with a password. `breaches` null: not checked. */
export type LoginFacts = { id: string; tag: string; score: Score; setAt: number; breaches: number | null };

const countSchema = z.int().min(0);

export const healthReportSchema = z.object({
  finishedAt: msSchema,
  /** Logins with a password that were checked. */
  checked: countSchema,
  /** Whether breaches were looked up in this run (the user opted in); false: `breached` is empty. */
  breachesChecked: z.boolean(),
  breached: z.array(z.object({ id: itemIdSchema, count: z.int().min(1) })),
  reused: z.array(z.array(itemIdSchema).min(2)),
  weak: z.array(z.object({ id: itemIdSchema, score: z.int().min(0).max(4) })),
  old: z.array(z.object({ id: itemIdSchema, setAt: msSchema })),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

export const healthSummarySchema = z.object({
  finishedAt: msSchema,
  breached: countSchema,
  reused: countSchema,
  weak: countSchema,
  old: countSchema,
  /** Logins with at least one problem (each counted once): what the popup's badge shows. */
  atRisk: countSchema,
});
export type HealthSummary = z.infer<typeof healthSummarySchema>;

export function buildReport(facts: readonly LoginFacts[], options: { now: number; breachesChecked: boolean }): HealthReport {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    finishedAt: options.now,
    checked: facts.length,
    breachesChecked: options.breachesChecked,
    breached: facts
      .filter((f) => (f.breaches ?? 0) > 0)
      .map((f) => ({ id: f.id, count: f.breaches! }))
      .sort((a, b) => b.count - a.count || byId(a, b)),
    reused: groupReused(facts),
    weak: facts
      .filter((f) => isWeakScore(f.score))
      .map((f) => ({ id: f.id, score: f.score }))
      .sort((a, b) => a.score - b.score || byId(a, b)),
    old: facts
      .filter((f) => isOldPassword(f.setAt, options.now))
      .map((f) => ({ id: f.id, setAt: f.setAt }))
      .sort((a, b) => a.setAt - b.setAt || byId(a, b)),
  };
}

export function summarize(report: HealthReport): HealthSummary {
  const reusedIds = report.reused.flat();
  const atRisk = new Set([...report.breached.map((e) => e.id), ...reusedIds, ...report.weak.map((e) => e.id), ...report.old.map((e) => e.id)]);
  return {
    finishedAt: report.finishedAt,
    breached: report.breached.length,
    reused: reusedIds.length,
    weak: report.weak.length,
    old: report.old.length,
    atRisk: atRisk.size,
  };
}
