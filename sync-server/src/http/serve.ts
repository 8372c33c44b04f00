// Runs the server: opens the database (migrating it), builds the app, listens, purges expired data
// hourly, and stops gracefully — stop accepting, let in-flight requests finish (up to a grace
// period), then close the database (for SQLite, so the WAL is checkpointed).
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../app';
import type { ServerConfig } from '../config/server-config';
import { loadOrCreateSecret } from '../config/server-secret';
import { createIpRateLimiter } from '../limits/ip-rate-limiter';
import type { Logger } from '../log/logger';
import { describeDatabase, openStorage } from '../storage/open-storage';
import { SERVER_VERSION } from '../version';
import { createHttpServer } from './create-http-server';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export type RunningServer = { url: string; app: App; stop(): Promise<void> };

export async function startServer(config: ServerConfig, log: Logger): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = loadOrCreateSecret({ dataDir: config.dataDir, configured: config.secret });
  const storage = await openStorage(config.database);
  let migration;
  try {
    migration = await storage.migrate();
  } catch (error) {
    await storage.close();
    throw error;
  }
  if (migration.applied.length > 0) log.info('migrated', { from: migration.from, to: migration.to });
  const app = await createApp({ storage, config, secret, log });
  await app.events.start();

  const purge = async () => {
    try {
      const purged = await app.sync.purgeExpired();
      if (purged.tombstones + purged.sessions + purged.invites + purged.throttles > 0) log.info('purged', purged);
    } catch (error) {
      log.error('purge_failed', { error: (error as Error).message });
    }
  };
  await purge();
  const purgeTimer = setInterval(() => void purge(), PURGE_INTERVAL_MS);
  purgeTimer.unref();

  // The per-address budget is counted in the database, so replicas behind one load balancer share it.
  const rateLimiter = createIpRateLimiter({
    ...config.rateLimit,
    store: storage.requestBudget,
    onError: (error) => log.warn('request_budget_sync_failed', { error: error.message.slice(0, 200) }),
  });
  const front = createHttpServer({
    app,
    version: SERVER_VERSION,
    trustProxy: config.trustProxy,
    rateLimiter,
    eventLimits: config.eventStreams,
    breachRelay: config.breachRelay,
  });
  await new Promise<void>((resolve, reject) => {
    front.server.once('error', reject);
    front.server.listen(config.port, config.host, () => {
      front.server.off('error', reject);
      resolve();
    });
  });
  const address = front.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info('listening', { url, version: SERVER_VERSION, database: describeDatabase(config.database), schemaVersion: migration.to });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info('shutting_down', {});
      front.beginDrain();
      clearInterval(purgeTimer);
      const closed = new Promise<void>((resolve) => front.server.close(() => resolve()));
      // Keep-alive sockets with no request in flight would hold close() open; in-flight ones finish.
      front.server.closeIdleConnections();
      const grace = setTimeout(() => front.server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await app.events.stop();
      await rateLimiter.close();
      await storage.close();
      log.info('stopped', {});
    })();
    return stopping;
  };
  return { url, app, stop };
}
