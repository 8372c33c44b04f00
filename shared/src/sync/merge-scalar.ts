// Three-way merge of one value (compared as canonical JSON). If only one side changed it, that
// side wins; identical changes agree. If both changed it differently, the local value stays, the
// remote one is recorded in the item history as a conflict, and the caller is told. A side whose
// history already records the other side's value as a conflict has seen it: its value stands and
// nothing is recorded again, which makes a repeated merge of the same versions a no-op.
import { historyHasValue } from '../items/history';
import { jsonEqual, type JsonValue } from '../items/json';
import { NO_BASE, type Based, type MergeContext } from './merge-context';
import { isPasskeyLastUsePath } from '../items/types/passkey';

function asJson(value: unknown): JsonValue | undefined {
  return value as JsonValue | undefined;
}

export function mergeScalar(path: string, base: Based<unknown>, local: unknown, remote: unknown, ctx: MergeContext): unknown {
  if (jsonEqual(local, remote)) return local;
  if (base !== NO_BASE && jsonEqual(local, base)) return remote;
  if (base !== NO_BASE && jsonEqual(remote, base)) return local;
  // A passkey's last use only moves forward: signing in on two devices is not a conflict.
  if (isPasskeyLastUsePath(path) && typeof local === 'number' && typeof remote === 'number') return Math.max(local, remote);
  const localSawRemote = historyHasValue(ctx.localHistory, path, remote, { reason: 'conflict' });
  const remoteSawLocal = historyHasValue(ctx.remoteHistory, path, local, { reason: 'conflict' });
  if (remoteSawLocal && !localSawRemote) return remote;
  if (localSawRemote && !remoteSawLocal) return local;
  ctx.conflicts.push({
    field: path,
    local: asJson(local),
    remote: asJson(remote),
    base: base === NO_BASE ? undefined : asJson(base),
  });
  if (!localSawRemote) {
    // An absent member has no JSON form; null stands for "the remote side removed it".
    ctx.entries.push({ field: path, reason: 'conflict', value: asJson(remote) ?? null, changedAt: ctx.remoteChangedAt });
  }
  return local;
}
