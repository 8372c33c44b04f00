// `keyhold-server start`: runs the server until SIGTERM or SIGINT, then shuts down gracefully.
import type { ServerConfig } from '../config/server-config';
import { startServer } from '../http/serve';
import { describeDatabase } from '../storage/open-storage';
import { createLogger } from '../log/logger';

export async function runStart(config: ServerConfig): Promise<number> {
  const log = createLogger();
  const server = await startServer(config, log);
  process.stderr.write(`Keyhold sync server listening on ${server.url} (data in ${describeDatabase(config.database)})\n`);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info('signal', { signal });
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      void server.stop().then(resolve);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  return 0;
}
