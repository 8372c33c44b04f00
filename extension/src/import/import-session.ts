// An import as ONE transaction, in the background, as an explicit state machine (STYLE.md habit 10):
//
//   idle ──begin()──▶ staging ──add(chunk)*──▶ staging ──commit(choice)──▶ committing ──(written)──▶ idle
//   staging ──cancel() · a lock · a newer begin() · IMPORT_IDLE_MS without a word──▶ idle   (staging dropped)
//
// The vault page parses the file (the background never sees it) and sends the items in chunks.
// Staging checks each chunk against the vault (duplicates.ts), gives every item a fresh id and seals
// it inside a loan of the vault session; only sealed rows are kept, in memory. Nothing reaches the
// database before commit(), which writes every staged row and the index in ONE transaction through
// the item service's normal write path (its change hook records the rows for sync). So cancel, a
// lock, a crash or a killed service worker leave the vault exactly as it was: a new worker simply
// has no staging. A lock ends the staging: the import holds the session's generation (session.ts)
// and work that finds it moved on drops everything it staged. A staging nobody speaks to (a tab
// closed without its cancel arriving) is dropped after IMPORT_IDLE_MS; the import screen keeps its
// own alive with touch() while the user reviews (which also keeps an MV3 worker from being stopped).
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { isOpaque, type Item, type LoginItem, type Overview } from '@keyhold/shared/items/item';
import { validateItem } from '@keyhold/shared/items/validate-item';
import { lockedError, UserError } from '../common/user-error';
import type { VaultDb } from '../vault/db';
import type { Unlocked, VaultSession } from '../vault/session';
import type { ItemService } from '../vault/item-service';
import { openItemRow, sealItemRow } from '../vault/item-codec';
import { contentKey, mayUpdate, nameKey, siteUserKeys, updatedLogin } from './duplicates';
import { t } from '../i18n/messages';

/** The most items one import may stage (the importers' own cap, IMPORT_LIMITS.maxItems). */
export const MAX_IMPORT_TOTAL = 100_000;
/** The most items in one import.add. */
export const MAX_IMPORT_CHUNK = 500;
/** A staging with no add, touch or commit for this long is dropped with what it holds. */
export const IMPORT_IDLE_MS = 10 * 60_000;
/** How often the import screen touches its staging while the user reviews it. */
export const IMPORT_TOUCH_MS = 20_000;
/** Existing items of the same type and name opened to look for an identical one. */
const MAX_SAME_NAME = 50;

export type ImportCounts = { new: number; identical: number; updates: number };
export type ImportProgress = { received: number; total: number; counts: ImportCounts };
/** `update`: logins matched on site and username get the imported password; `add`: they are added as new items. */
export type DuplicateChoice = 'update' | 'add';
export type ImportOutcome = { added: number; updated: number; skipped: number };

type Sealed = { row: SealedItem; overview: Overview };
type Staged = { kind: 'new'; sealed: Sealed } | { kind: 'update'; asNew: Sealed; update: Sealed; replaces: SealedItem };

type Staging = {
  name: 'staging';
  id: string;
  generation: number;
  total: number;
  received: number;
  staged: Staged[];
  counts: ImportCounts;
  /** Content keys of what this import already staged: the same item twice in one file is added once. */
  seen: Set<string>;
  /** Existing logins an update is already staged for. */
  claimed: Set<string>;
  /** One add() at a time. */
  queue: Promise<unknown>;
  /** The last add, touch or commit (deps.now()). */
  touchedAt: number;
};

type State = { name: 'idle' } | Staging | { name: 'committing'; id: string };

export type ImportDeps = {
  db: VaultDb;
  session: Pick<VaultSession, 'borrow' | 'ticket'>;
  items: Pick<ItemService, 'writeSealed'>;
  now: () => number;
  newId?: () => string;
};

const staleError = () => new UserError('NOT_FOUND', t('error_import_session_this_import_is_no_longer'));

export function createImportSession(deps: ImportDeps) {
  const { db, session, items, now } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  let state: State = { name: 'idle' };
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** Drops a staging left without a word for IMPORT_IDLE_MS (checked on every call, and by a timer). */
  function expireIfIdle(): void {
    if (state.name === 'staging' && now() - state.touchedAt >= IMPORT_IDLE_MS) state = { name: 'idle' };
  }

  function touch(s: Staging): void {
    s.touchedAt = now();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(expireIfIdle, IMPORT_IDLE_MS + 1_000);
  }

  function staging(importId: string): Staging {
    expireIfIdle();
    if (state.name === 'staging' && state.id === importId) {
      touch(state);
      return state;
    }
    if (state.name === 'committing' && state.id === importId) throw new UserError('INVALID', t('error_import_session_this_import_is_already_being'));
    throw staleError();
  }

  /** Inside a loan: whether `s` is still the staging and no lock came since it began; if not, it is dropped. */
  function assertCurrent(s: Staging): void {
    if (state !== s) throw staleError();
    if (session.ticket() !== s.generation) {
      state = { name: 'idle' };
      throw lockedError();
    }
  }

  /** Existing items with the same type and name, by that key (built once per chunk from the index). */
  function byName(unlocked: Unlocked): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const overview of unlocked.index.overviews()) {
      const key = nameKey(overview);
      const ids = map.get(key);
      if (ids) ids.push(overview.id);
      else map.set(key, [overview.id]);
    }
    return map;
  }

  async function openExisting(unlocked: Unlocked, ids: readonly string[]): Promise<{ row: SealedItem; item: Item }[]> {
    if (ids.length === 0) return [];
    const rows = await db.items.bulkGet([...ids]);
    return rows.flatMap((row) => {
      if (!row) return [];
      const opened = openItemRow(row, unlocked);
      return opened.ok ? [{ row, item: opened.item }] : [];
    });
  }

  async function stageOne(s: Staging, unlocked: Unlocked, names: Map<string, string[]>, input: Item): Promise<void> {
    const at = now();
    let id = newId();
    while (unlocked.index.has(id)) id = newId();
    const item = { ...input, id } as Item;
    const check = validateItem(item);
    if (!check.ok) throw new UserError('INVALID', t('error_import_session_an_item_cannot_be_imported', check.reason));
    const key = contentKey(item);
    if (s.seen.has(key)) {
      s.counts.identical += 1;
      return;
    }
    // Bounded: a vault with thousands of items of one name (say, unnamed notes) must not make each import item open them all.
    const sameName = await openExisting(unlocked, (names.get(nameKey(item)) ?? []).slice(0, MAX_SAME_NAME));
    if (sameName.some((existing) => contentKey(existing.item) === key)) {
      s.counts.identical += 1;
      return;
    }
    s.seen.add(key);
    const sealed = sealItemRow(item, unlocked);
    const login = !isOpaque(item) && item.type === 'login' && item.password !== '' ? item : null;
    const match = login ? await updateCandidate(s, unlocked, login) : null;
    if (login && match) {
      s.claimed.add(match.row.id);
      const update = sealItemRow(updatedLogin(match.item, login, at), unlocked, match.row);
      s.staged.push({ kind: 'update', asNew: sealed, update, replaces: match.row });
      s.counts.updates += 1;
    } else {
      s.staged.push({ kind: 'new', sealed });
      s.counts.new += 1;
    }
  }

  /** A live login for the same site and username with another password, not already claimed. */
  async function updateCandidate(s: Staging, unlocked: Unlocked, login: LoginItem): Promise<{ row: SealedItem; item: LoginItem } | null> {
    const keys = siteUserKeys(login);
    if (keys.length === 0) return null;
    const ids = new Set<string>();
    for (const { url } of login.urls)
      for (const overview of unlocked.index.candidatesFor(url)) if (!s.claimed.has(overview.id) && mayUpdate(overview, keys)) ids.add(overview.id);
    for (const existing of await openExisting(unlocked, [...ids])) {
      const { item } = existing;
      if (!isOpaque(item) && item.type === 'login' && item.password !== login.password) return { row: existing.row, item };
    }
    return null;
  }

  function progress(s: Staging): ImportProgress {
    return { received: s.received, total: s.total, counts: { ...s.counts } };
  }

  return {
    /** Starts an import of `total` items; an import already staging (an abandoned tab) is dropped. */
    async begin(total: number): Promise<{ importId: string }> {
      if (total < 1 || total > MAX_IMPORT_TOTAL) throw new UserError('INVALID', t('error_import_session_an_import_holds_1_to', MAX_IMPORT_TOTAL));
      return await session.borrow(() => {
        if (state.name === 'committing') throw new UserError('INVALID', t('error_import_session_another_import_is_being_written'));
        const id = crypto.randomUUID();
        state = {
          name: 'staging',
          id,
          generation: session.ticket(),
          total,
          received: 0,
          staged: [],
          counts: { new: 0, identical: 0, updates: 0 },
          seen: new Set(),
          claimed: new Set(),
          queue: Promise.resolve(),
          touchedAt: now(),
        };
        touch(state);
        return { importId: id };
      });
    },

    /** Checks and seals one chunk; nothing is written. */
    async add(importId: string, chunk: readonly Item[]): Promise<ImportProgress> {
      // Up to the first await this runs at once, so chunks queue in the order they were sent.
      const s = staging(importId);
      if (chunk.length > MAX_IMPORT_CHUNK) throw new UserError('INVALID', t('error_import_session_send_at_most_items_at', MAX_IMPORT_CHUNK));
      const run = s.queue.then(() =>
        session.borrow(async (unlocked) => {
          assertCurrent(s);
          if (s.received + chunk.length > s.total) throw new UserError('INVALID', t('error_import_session_this_import_is_larger_than'));
          const names = byName(unlocked);
          // A chunk is staged whole or not at all: a failure part-way drops the import.
          try {
            for (const item of chunk) await stageOne(s, unlocked, names, item);
          } catch (error) {
            if (state === s) state = { name: 'idle' };
            throw error;
          }
          s.received += chunk.length;
          assertCurrent(s);
          touch(s);
          return progress(s);
        }),
      );
      s.queue = run.catch(() => undefined);
      return await run;
    },

    /** Writes everything staged in one transaction; afterwards there is no import. */
    async commit(importId: string, choice: DuplicateChoice): Promise<ImportOutcome> {
      const s = staging(importId);
      await s.queue;
      if (state !== s) throw staleError();
      if (s.received !== s.total) throw new UserError('INVALID', t('error_import_session_not_every_item_of_this'));
      try {
        return await items.writeSealed(async () => {
          assertCurrent(s);
          state = { name: 'committing', id: s.id };
          const replaced = await db.items.bulkGet(s.staged.flatMap((st) => (st.kind === 'update' ? [st.replaces.id] : [])));
          const current = new Map(replaced.flatMap((row) => (row ? [[row.id, row] as const] : [])));
          let updated = 0;
          const put = s.staged.map((st): Sealed => {
            if (st.kind === 'new') return st.sealed;
            // The existing login changed since it was compared (an edit, sync): it is left alone and
            // the imported one added as new, so neither change is lost.
            const now = current.get(st.replaces.id);
            const unchanged =
              now !== undefined && now.key === st.replaces.key && now.overview === st.replaces.overview && now.details === st.replaces.details;
            if (choice === 'update' && unchanged) {
              updated += 1;
              return st.update;
            }
            return st.asNew;
          });
          return { put, result: { added: put.length - updated, updated, skipped: s.counts.identical } };
        });
      } finally {
        // Written or failed, this import is over (a failed transaction wrote nothing).
        // (`state` read afresh: the write above may have moved it on, which TypeScript cannot see.)
        const after = state as State;
        if (after === s || (after.name === 'committing' && after.id === s.id)) state = { name: 'idle' };
      }
    },

    /** The import screen is still there: keeps the staging from expiring, and says how far it is. */
    touch(importId: string): ImportProgress {
      return progress(staging(importId));
    },

    /** Drops what was staged. Cancelling an import that is already over is not an error. */
    cancel(importId: string): void {
      if (state.name === 'staging' && state.id === importId) state = { name: 'idle' };
    },

    /** The session locked: whatever was staged is dropped at once (composed in background/compose.ts). */
    locked(): void {
      if (state.name === 'staging') state = { name: 'idle' };
    },

    /** For tests and the status of the import screen. */
    current(): { name: State['name']; importId: string | null } {
      expireIfIdle();
      return { name: state.name, importId: state.name === 'idle' ? null : state.id };
    },
  };
}

export type ImportSession = ReturnType<typeof createImportSession>;
