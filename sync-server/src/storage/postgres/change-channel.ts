// The change channel across server processes on one PostgreSQL database: LISTEN/NOTIFY
// (https://www.postgresql.org/docs/15/sql-notify.html). `publish` is one pg_notify on a pooled
// connection after the push committed; `listen` holds one dedicated connection per process that
// LISTENs and reconnects (after a pause) when the database drops it. NOTIFY is database-wide and
// carries only "account id:revision", never item data. Notifications sent while the listening
// connection is down are lost; devices catch up when they reconnect or poll (docs/adr/0013-live-push.md).
import type pg from 'pg';
import type { AccountChange, ChangeChannel } from '../port';

const CHANNEL = 'keyhold_account_changes';
const RECONNECT_DELAY_MS = 1_000;
const PAYLOAD = /^([0-9a-f-]{36}):(\d{1,15})$/;

export function postgresChangeChannel(deps: { pool: pg.Pool; connect: () => pg.Client }): ChangeChannel {
  return {
    async publish(change) {
      await deps.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, `${change.accountId}:${change.revision}`]);
    },
    async listen(listener) {
      let stopped = false;
      let client: pg.Client | undefined;
      let retry: NodeJS.Timeout | undefined;
      const onNotification = (message: pg.Notification) => {
        const match = message.channel === CHANNEL ? PAYLOAD.exec(message.payload ?? '') : null;
        if (match) listener({ accountId: match[1]!, revision: Number(match[2]) } satisfies AccountChange);
      };
      /** `first`: the call from listen() itself, which fails instead of retrying in the background. */
      const open = async (first: boolean): Promise<void> => {
        const next = deps.connect();
        next.on('notification', onNotification);
        // A dropped connection (database restart) is replaced; without this listener 'error' would end the process.
        next.on('error', () => undefined);
        next.on('end', () => {
          if (stopped || client !== next) return;
          client = undefined;
          retry = setTimeout(() => void open(false).catch(() => undefined), RECONNECT_DELAY_MS);
        });
        try {
          await next.connect();
          await next.query(`LISTEN ${CHANNEL}`);
        } catch (error) {
          await next.end().catch(() => undefined);
          if (first) throw error;
          if (stopped) return;
          retry = setTimeout(() => void open(false).catch(() => undefined), RECONNECT_DELAY_MS);
          return;
        }
        client = next;
        if (stopped) await next.end().catch(() => undefined);
      };
      await open(true);
      return async () => {
        stopped = true;
        clearTimeout(retry);
        const last = client;
        client = undefined;
        await last?.end().catch(() => undefined);
      };
    },
  };
}
