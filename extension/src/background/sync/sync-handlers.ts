// The background's handlers for sync's page-only messages: the broker has parsed the request with
// its schema (sync/messages.ts); they call the sync modules and answer with the fresh status. An
// unlock that sign-in performs restarts the auto-lock timer like any unlock. Signing in starts the
// live-push listener, signing out stops it.
import type { Broker } from '../../messaging/broker';
import type { AccountDeps } from '../../sync/account-deps';
import type { Conflicts } from '../../sync/conflicts';
import type { PushListener } from '../../sync/push-listener';
import { listDevices, logOut, revokeDevice } from '../../sync/devices';
import { logIn } from '../../sync/log-in';
import { signUp } from '../../sync/sign-up';

export function registerSyncHandlers(
  broker: Broker,
  deps: AccountDeps & { conflicts: Conflicts; touchAutoLock: () => Promise<void>; push: Pick<PushListener, 'start' | 'stop'> },
): void {
  const { engine, conflicts, push } = deps;

  broker.on('sync.status', () => engine.status());
  broker.on('sync.signUp', async (request) => {
    await signUp(deps, request);
    push.start();
    return engine.status();
  });
  broker.on('sync.logIn', async (credentials) => {
    await logIn(deps, credentials);
    await deps.touchAutoLock();
    push.start();
    return engine.status();
  });
  broker.on('sync.logOut', () => {
    push.stop();
    return logOut(deps);
  });
  broker.on('sync.now', async ({ full }) => {
    await engine.syncNow({ full: full ?? false });
    return engine.status();
  });
  broker.on('sync.devices', async () => ({ devices: await listDevices(deps) }));
  broker.on('sync.revokeDevice', ({ sessionId }) => revokeDevice(deps, sessionId));
  broker.on('sync.dismissReports', () => engine.reports.clear());
  broker.on('sync.conflicts', async () => ({ items: await conflicts.list() }));
  broker.on('sync.conflict', ({ id }) => conflicts.get(id));
  broker.on('sync.resolveConflict', ({ id, choices }) => conflicts.resolve(id, choices));
  broker.on('sync.keepBoth', ({ id }) => conflicts.keepBoth(id));
}
