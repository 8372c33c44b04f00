// `keyhold-server start`: runs the server until SIGTERM or SIGINT, then shuts down gracefully.
// While the server has no account yet, and unless --open-registration, it prints an invite for the
// first account: whoever reaches a fresh server first must not become its first user.
import type { ServerConfig } from '../config/server-config';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { startCheckpointWriter } from '../audit/checkpoint-writer';
import { DEFAULT_INVITE_TTL_MS } from '../invites/invites';
import { createPrivateFile, makePrivate, sqliteFiles } from '../security/private-files';
import { startServer } from '../http/serve';
import { describeDatabase } from '../storage/open-storage';
import { createLogger } from '../log/logger';

export async function runStart(config: ServerConfig): Promise<number> {
  const log = createLogger();
  if (config.database.kind === 'sqlite') {
    mkdirSync(dirname(config.database.path), { recursive: true, mode: 0o700 });
    createPrivateFile(config.database.path);
    makePrivate(sqliteFiles(config.database.path));
  }
  const server = await startServer(config, log);
  const checkpoints = await startCheckpointWriter({ ...server.app.auditCheckpoints, file: config.auditCheckpointFile, log });
  if (!config.openRegistration && !(await server.app.storage.registration.isClosed())) {
    const invite = await server.app.invites.create({ ttlMs: DEFAULT_INVITE_TTL_MS });
    process.stderr.write(
      `No account yet. Register the first one with this single-use invite (valid until ${new Date(invite.expiresAt).toISOString()}):\n` +
        `  ${invite.token}\n`,
    );
  }
  process.stderr.write(`Keyhold sync server listening on ${server.url} (data in ${describeDatabase(config.database)})\n`);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info('signal', { signal });
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      void checkpoints
        .stop()
        .then(() => server.stop())
        .then(resolve);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  return 0;
}
