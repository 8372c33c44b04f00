// One vault health run, in three steps (docs/architecture.md, "Vault health"):
// 1. read: with the vault key borrowed (revocable, so a lock cuts it short), open every login one
//    at a time, in chunks that yield to other messages, and keep only what health needs — the
//    password's keyed tag, its SHA-1 split for the range protocol, its zxcvbn score (from the cache
//    when the tag was scored before) and when it was set. The password itself is dropped at once.
// 2. breaches (only when the user opted in): one range request per distinct 5-hex-digit prefix whose
//    result is not cached or is stale; a pool of a few requests, spaced by the range client.
// 3. save: the report, its summary and the cache (pruned to passwords still in the vault), sealed.
// Progress is reported after every chunk and every prefix; an abort (cancel, lock) stops the run
// between steps of work, and what the breach step learned so far is kept in the cache.
import type { Score } from '@zxcvbn-ts/core';
import { deriveTagKey, passwordTag } from '@keyhold/shared/health/password-tag';
import { breachCountOf, hashForRange } from '@keyhold/shared/health/range-response';
import { passwordSetAt } from '@keyhold/shared/health/password-age';
import { buildReport, summarize, type HealthReport, type LoginFacts } from '@keyhold/shared/health/report';
import { zeroize } from '@keyhold/shared/crypto/bytes';
import type { VaultDb } from '../vault/db';
import type { VaultSession } from '../vault/session';
import { openItemRow } from '../vault/item-codec';
import type { HealthCache, HealthStore } from './health-store';
import type { RangeClient } from './range-client';

export type HealthPhase = 'reading' | 'breaches' | 'saving';
export type HealthProgress = { phase: HealthPhase; done: number; total: number };

export type RunDeps = {
  db: VaultDb;
  session: Pick<VaultSession, 'borrow'>;
  store: HealthStore;
  now: () => number;
  /** zxcvbn scores of a batch of passwords, in order (health/score-passwords.ts). */
  score: (passwords: readonly string[]) => Promise<Score[]>;
  /** Present when the user opted in to breach checks. */
  range: RangeClient | null;
  signal: AbortSignal;
  progress: (p: HealthProgress) => void;
  /** A breach result older than this is asked again. */
  breachTtlMs: number;
  chunkSize: number;
  concurrency: number;
};

type Checked = LoginFacts & { prefix: string; suffix: string };

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runHealth(deps: RunDeps): Promise<HealthReport> {
  const { signal } = deps;
  const { checked, cache } = await read(deps);
  signal.throwIfAborted();
  if (deps.range) {
    try {
      await checkBreaches(deps, deps.range, checked, cache);
    } catch (error) {
      // Keep what was learned: the next run asks only for the rest.
      await deps.session.borrow((keys) => deps.store.writeCache(keys, cache)).catch(() => undefined);
      throw error;
    }
  }
  deps.progress({ phase: 'saving', done: 0, total: 1 });
  const at = deps.now();
  const facts = checked.map(({ prefix: _p, suffix: _s, ...fact }) => ({
    ...fact,
    breaches: deps.range ? (cache[fact.tag]?.breaches ?? null) : null,
  }));
  const report = buildReport(facts, { now: at, breachesChecked: deps.range !== null });
  const seen = new Set(facts.map((f) => f.tag));
  const pruned: HealthCache = Object.fromEntries(Object.entries(cache).filter(([tag]) => seen.has(tag)));
  signal.throwIfAborted();
  await deps.session.borrow((keys) => deps.store.write(keys, { cache: pruned, report, summary: summarize(report) }));
  return report;
}

async function read(deps: RunDeps): Promise<{ checked: Checked[]; cache: HealthCache }> {
  return deps.session.borrow(
    async (state) => {
      const aborted = () => state.signal.aborted || deps.signal.aborted;
      const cache = await deps.store.readCache(state);
      const ids = (await deps.db.items.toCollection().primaryKeys()) as string[];
      const checked: Checked[] = [];
      const tagKey = deriveTagKey(state.vaultKey);
      try {
        for (let start = 0; start < ids.length; start += deps.chunkSize) {
          if (aborted()) break;
          const rows = await deps.db.items.bulkGet(ids.slice(start, start + deps.chunkSize));
          // Passwords live only for this chunk: tagged and hashed, scored in one batch, then dropped.
          const chunk: { id: string; password: string; tag: string; setAt: number }[] = [];
          for (const row of rows) {
            if (!row) continue;
            const opened = openItemRow(row, state);
            if (!opened.ok || opened.item.type !== 'login' || opened.item.trashedAt !== null) continue;
            const password = (opened.item as { password?: unknown }).password;
            if (typeof password !== 'string' || password === '') continue;
            chunk.push({ id: opened.item.id, password, tag: passwordTag(tagKey, password), setAt: passwordSetAt(opened.item) });
          }
          const unscored = chunk.filter((login) => cache[login.tag] === undefined);
          const scores = await deps.score(unscored.map((login) => login.password));
          unscored.forEach((login, i) => (cache[login.tag] = { score: scores[i]! }));
          for (const { id, password, tag, setAt } of chunk) {
            checked.push({ id, tag, score: cache[tag]!.score as Score, setAt, breaches: null, ...hashForRange(password) });
          }
          deps.progress({ phase: 'reading', done: Math.min(ids.length, start + deps.chunkSize), total: ids.length });
          await yieldToEvents();
        }
      } finally {
        zeroize(tagKey);
      }
      if (aborted()) deps.signal.throwIfAborted();
      return { checked, cache };
    },
    { revocable: true },
  );
}

async function checkBreaches(deps: RunDeps, range: RangeClient, checked: readonly Checked[], cache: HealthCache): Promise<void> {
  const stale = deps.now() - deps.breachTtlMs;
  const byPrefix = new Map<string, Checked[]>();
  for (const login of checked) {
    const entry = cache[login.tag];
    if (entry?.breachesCheckedAt !== undefined && entry.breachesCheckedAt > stale) continue;
    const list = byPrefix.get(login.prefix);
    if (list) list.push(login);
    else byPrefix.set(login.prefix, [login]);
  }
  const queue = [...byPrefix.keys()];
  const total = queue.length;
  let done = 0;
  deps.progress({ phase: 'breaches', done, total });
  let failed = false;
  const worker = async () => {
    for (let prefix = queue.shift(); prefix !== undefined && !failed; prefix = queue.shift()) {
      deps.signal.throwIfAborted();
      let counts: Map<string, number>;
      try {
        counts = await range.range(prefix, deps.signal);
      } catch (error) {
        failed = true;
        throw error;
      }
      const at = deps.now();
      for (const login of byPrefix.get(prefix) ?? []) {
        cache[login.tag] = { score: login.score, breaches: breachCountOf(counts, login.suffix), breachesCheckedAt: at };
      }
      done += 1;
      deps.progress({ phase: 'breaches', done, total });
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency, total) }, worker));
}
