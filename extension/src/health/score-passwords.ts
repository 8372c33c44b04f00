// zxcvbn scores for vault health, in batches. zxcvbn loads about 1.6 MB of dictionaries with
// import(), which a Chrome service worker may not call, and which would slow every worker start if
// bundled statically: so in Chrome the batch goes to the offscreen document (a hidden page, not a
// view's UI thread), and in Firefox, whose background is an event page, it is scored right there.
// The batch crosses only the extension's own runtime messaging, addressed to the offscreen page.
import type { Score } from '@zxcvbn-ts/core';
import { browser } from 'wxt/browser';
import { scoreInThisThread } from './score-local';
import { ensureOffscreenDocument } from '../common/offscreen-document';

export const SCORE_MESSAGE = 'health.score';
/** Passwords per message: a chunk of the run, bounded so one message stays small. */
export const MAX_SCORE_BATCH = 200;

export type ScoreRequest = { target: 'offscreen'; type: typeof SCORE_MESSAGE; passwords: string[] };

/** Threads scoring at once: one per core, at most 4 (each holds its own copy of the dictionaries). */
const POOL_SIZE = Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));

type Pending = { resolve: (scores: Score[]) => void; reject: (error: Error) => void };
let pool: { worker: Worker; waiting: Map<number, Pending> }[] | null = null;
let nextId = 1;
/** Each worker holds its own dictionaries (tens of MB): the pool ends when a run has not used it for this long. */
const POOL_IDLE_MS = 30_000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Ends every worker; batches still waiting fail (the run reports it), none is left hanging. */
function stopPool(): void {
  for (const { worker, waiting } of pool ?? []) {
    worker.terminate();
    for (const pending of waiting.values()) pending.reject(new Error('A scoring thread failed.'));
    waiting.clear();
  }
  pool = null;
}

function startPool(): NonNullable<typeof pool> {
  return Array.from({ length: POOL_SIZE }, () => {
    const worker = new Worker(new URL('./score-worker.ts', import.meta.url), { type: 'module' });
    const waiting = new Map<number, Pending>();
    worker.onmessage = (event: MessageEvent<{ id: number; scores: Score[] | null }>) => {
      const pending = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (event.data.scores) pending?.resolve(event.data.scores);
      else pending?.reject(new Error('A scoring thread failed.'));
    };
    worker.onerror = () => stopPool();
    return { worker, waiting };
  });
}

/**
 * Scores in this context (the offscreen page, Firefox's event page; Node tests): split across a pool
 * of workers where the context can start them, so scoring uses every core; else in this thread.
 */
export async function scoreHere(passwords: readonly string[]): Promise<Score[]> {
  if (passwords.length === 0) return [];
  if (typeof Worker === 'undefined') return scoreInThisThread(passwords);
  pool ??= startPool();
  const threads = pool;
  const size = Math.ceil(passwords.length / threads.length);
  const parts = threads.map(({ worker, waiting }, i) => {
    const slice = passwords.slice(i * size, (i + 1) * size);
    if (slice.length === 0) return Promise.resolve([] as Score[]);
    const id = nextId++;
    return new Promise<Score[]>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, passwords: slice });
    });
  });
  clearTimeout(idleTimer);
  try {
    return (await Promise.all(parts)).flat();
  } finally {
    idleTimer = setTimeout(stopPool, POOL_IDLE_MS);
  }
}

export async function scorePasswords(passwords: readonly string[]): Promise<Score[]> {
  if (passwords.length === 0) return [];
  if (typeof document !== 'undefined') return scoreHere(passwords);
  await ensureOffscreenDocument('WORKERS', 'Score password strength for the vault health report.');
  const request: ScoreRequest = { target: 'offscreen', type: SCORE_MESSAGE, passwords: [...passwords] };
  const reply = (await browser.runtime.sendMessage(request)) as unknown;
  if (!Array.isArray(reply) || reply.length !== passwords.length || !reply.every((s) => Number.isInteger(s) && s >= 0 && s <= 4)) {
    throw new Error('The offscreen document did not score the passwords.');
  }
  return reply as Score[];
}

/** The offscreen page's side: answers a score request from our own background. */
export function isScoreRequest(message: unknown): message is ScoreRequest {
  const m = message as Partial<ScoreRequest> | null;
  return (
    m?.target === 'offscreen' &&
    m.type === SCORE_MESSAGE &&
    Array.isArray(m.passwords) &&
    m.passwords.length <= MAX_SCORE_BATCH &&
    m.passwords.every((p) => typeof p === 'string')
  );
}
