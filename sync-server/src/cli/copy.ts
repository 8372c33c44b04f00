// `keyhold-server copy --from DB --to DB`: moves a server's data between SQLite and PostgreSQL
// (storage/copy-database.ts), then checks the audit chain on the destination when the server secret
// is at hand. docs/self-hosting.md has the whole move.
import { verifyAuditLog } from '../audit/verify-audit-log';
import type { DatabaseLocation, ServerConfig } from '../config/server-config';
import { deriveServerKeys, loadOrCreateSecret } from '../config/server-secret';
import { copyDatabase } from '../storage/copy-database';
import { describeDatabase, openStorage } from '../storage/open-storage';
import { withStorage } from './open-data';

export async function runCopy(config: ServerConfig, options: { from: DatabaseLocation; to: DatabaseLocation }): Promise<number> {
  const { from, to } = options;
  const started = Date.now();
  const counts = await withStorage(await openStorage(from), async (source) =>
    withStorage(await openStorage(to), async (destination) => {
      await destination.migrate();
      return copyDatabase(source, destination);
    }),
  );
  process.stdout.write(
    `Copied ${counts.accounts} accounts, ${counts.items} items, ${counts.sessions} sessions, ${counts.invites} invites and ` +
      `${counts.audit_log} audit events from ${describeDatabase(from)} to ${describeDatabase(to)} in ${Date.now() - started} ms.\n`,
  );
  let secret: string;
  try {
    secret = loadOrCreateSecret({ dataDir: config.dataDir, configured: config.secret, create: false });
  } catch {
    process.stdout.write('No server secret here (--data-dir or KEYHOLD_SECRET), so the audit chain was not checked.\n');
    return 0;
  }
  const audit = await withStorage(await openStorage(to), (destination) => verifyAuditLog(destination.audit, deriveServerKeys(secret).audit));
  process.stdout.write(
    audit.ok ? `Audit log on the destination intact: ${audit.events} events.\n` : `Audit log on the destination TAMPERED: ${audit.reason}.\n`,
  );
  return audit.ok ? 0 : 1;
}
