// The background's handlers for sync's page-only messages: validate the request at the boundary,
// call the sync modules, answer with the fresh status. An unlock that sign-in performs restarts
// the auto-lock timer like any unlock.
import { z } from 'zod';
import { itemIdSchema } from '@keyhold/shared/items/schema-common';
import type { Broker } from '../../messaging/broker';
import { UserError } from '../../common/user-error';
import type { AccountDeps } from '../../sync/account-deps';
import type { Conflicts } from '../../sync/conflicts';
import { listDevices, logOut, revokeDevice } from '../../sync/devices';
import { logIn } from '../../sync/log-in';
import { signUp } from '../../sync/sign-up';

const credentials = z.object({
  serverUrl: z.string().max(2048),
  email: z.string().max(254),
  password: z.string().min(1).max(4096),
  deviceName: z.string().max(64),
});
const id = z.object({ id: itemIdSchema });
const choices = z.object({
  id: itemIdSchema,
  choices: z.array(z.object({ field: z.string().min(1).max(500), choose: z.enum(['local', 'remote']) })).min(1).max(100),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UserError('INVALID', result.error.issues[0]?.message ?? 'Invalid request.');
  return result.data;
}

export function registerSyncHandlers(broker: Broker, deps: AccountDeps & { conflicts: Conflicts; touchAutoLock: () => Promise<void> }): void {
  const { engine, conflicts } = deps;

  broker.on('sync.status', () => engine.status());
  broker.on('sync.signUp', async (r) => {
    const request = parse(credentials.extend({ inviteToken: z.string().max(100).optional() }), r);
    await signUp(deps, request);
    return engine.status();
  });
  broker.on('sync.logIn', async (r) => {
    await logIn(deps, parse(credentials, r));
    await deps.touchAutoLock();
    return engine.status();
  });
  broker.on('sync.logOut', () => logOut(deps));
  broker.on('sync.now', async (r) => {
    const { full } = parse(z.object({ full: z.boolean().optional() }).optional(), r) ?? {};
    await engine.syncNow({ full: full ?? false });
    return engine.status();
  });
  broker.on('sync.devices', async () => ({ devices: await listDevices(deps) }));
  broker.on('sync.revokeDevice', (r) => revokeDevice(deps, parse(z.object({ sessionId: z.string().max(100) }), r).sessionId));
  broker.on('sync.dismissReports', () => engine.reports.clear());
  broker.on('sync.conflicts', async () => ({ items: await conflicts.list() }));
  broker.on('sync.conflict', (r) => conflicts.get(parse(id, r).id));
  broker.on('sync.resolveConflict', (r) => {
    const request = parse(choices, r);
    return conflicts.resolve(request.id, request.choices);
  });
  broker.on('sync.keepBoth', (r) => conflicts.keepBoth(parse(id, r).id));
}
