// The manifest as one sync run uses it: this device's trusted copy (kept in syncState, merged with
// every genuine manifest the server has served), refreshed from the server's vault header at most
// once per run and only when a change is not vouched by the copy; and the writing side, which adds
// this device's accepted writes ("owed" entries, persisted with the writes themselves) to the
// server's manifest with the header's compare-and-swap, retrying when another device wrote first.
import type { HeaderState } from '@keyhold/shared/sync/protocol';
import type { ServerClient } from './server-client';
import type { HeaderCache, ManifestEntryRecord, SyncState } from './state-records';
import type { Reports } from './reports';
import {
  judge,
  ManifestError,
  manifestFromRecords,
  manifestToRecords,
  mergeManifests,
  openManifest,
  sealManifest,
  type Manifest,
  type ManifestEntry,
  type Verdict,
} from './manifest';

type Keys = { accountId: string; vaultKey: Uint8Array };

const PUT_HEADER_ATTEMPTS = 4;

export function createManifestBook(deps: { state: SyncState; client: ServerClient; keys: Keys; reports: Reports }) {
  const { state, client, keys } = deps;
  let copy: Map<string, ManifestEntry> | null = null;
  let header: HeaderState | null = null;

  async function local(): Promise<Map<string, ManifestEntry>> {
    copy ??= manifestFromRecords((await state.get('manifest')) ?? []);
    return copy;
  }

  /** Reads a header's manifest; one the account's devices did not seal is reported and ignored. */
  async function adopt(next: HeaderState): Promise<void> {
    header = next;
    await state.put('header', cacheOf(next));
    if (next.header.manifest === undefined) return;
    let served: Manifest;
    try {
      served = openManifest(next.header.manifest, keys);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      await deps.reports.add('manifest-invalid', { revision: next.revision });
      return;
    }
    copy = mergeManifests(await local(), served);
    await state.put('manifest', manifestToRecords(copy));
  }

  /** Fetches the server's header once per run, or again when `force`d. */
  async function refresh(options: { force?: boolean } = {}): Promise<void> {
    if (header !== null && !options.force) return;
    await adopt(await client.getHeader());
  }

  return {
    /** This device's trusted manifest (no network). */
    local,

    /** Judges a change; an unvouched one triggers one refresh from the server per run. */
    async judge(change: { id: string; revision: number; deleted: boolean }): Promise<Verdict> {
      const verdict = judge(await local(), change);
      if (verdict !== 'unconfirmed' || header !== null) return verdict;
      await refresh();
      return judge(await local(), change);
    },

    /** Forces the refresh (held changes are re-judged against the newest manifest). */
    refresh,

    /** Whether this run has seen the server's header (so judging asks the server nothing more). */
    fetched: (): boolean => header !== null,

    /** Uses a header the caller already fetched (log-in) instead of fetching it again. */
    adopt,

    /** Writes the owed entries into the server's manifest. Returns false if the server kept refusing. */
    async flushOwed(): Promise<boolean> {
      const owed = (await state.get('owed')) ?? [];
      if (owed.length === 0) return true;
      // The header as last seen is a fine base: if it is stale, the compare-and-swap says so and
      // hands over the current one (every header change bumps its revision).
      let base: HeaderCache | undefined = header ? cacheOf(header) : await state.get('header');
      if (base === undefined) {
        await refresh();
        base = cacheOf(header!);
      }
      for (let attempt = 0; attempt < PUT_HEADER_ATTEMPTS; attempt++) {
        const next = mergeManifests(await local(), manifestFromRecords(owed));
        // The wrapped keys are the server's own: writing the manifest must never change them.
        const written = {
          wrappedVaultKey: base.wrappedVaultKey,
          recoveryWrappedVaultKey: base.recoveryWrappedVaultKey,
          manifest: sealManifest(next, keys),
        };
        const answer = await client.putHeader({ baseRevision: base.revision, header: written });
        if (answer.status === 'accepted') {
          copy = next;
          base = { ...base, revision: answer.revision };
          if (header) header = { ...header, revision: answer.revision, header: written };
          await state.put('manifest', manifestToRecords(next));
          await state.put('header', base);
          await settleOwed(state, owed);
          return true;
        }
        // Another device wrote the header first: take its manifest in, then try again on top of it.
        await adopt(answer.current);
        base = cacheOf(answer.current);
      }
      return false;
    },
  };
}

export type ManifestBook = ReturnType<typeof createManifestBook>;

function cacheOf(state: HeaderState): HeaderCache {
  return { revision: state.revision, wrappedVaultKey: state.header.wrappedVaultKey, recoveryWrappedVaultKey: state.header.recoveryWrappedVaultKey };
}

/** Removes the flushed entries; entries owed meanwhile (none within one run, but be exact) stay. */
async function settleOwed(state: SyncState, flushed: readonly ManifestEntryRecord[]): Promise<void> {
  const done = new Set(flushed.map((e) => `${e.id}:${e.revision}`));
  const remaining = ((await state.get('owed')) ?? []).filter((e) => !done.has(`${e.id}:${e.revision}`));
  if (remaining.length === 0) await state.delete('owed');
  else await state.put('owed', remaining);
}
