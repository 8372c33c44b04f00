// `keyhold-server invite`: prints a single-use invite token for one more account.
import { mkdirSync } from 'node:fs';
import { createAuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { deriveServerKeys, loadOrCreateSecret } from '../config/server-secret';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { createInvite } from '../invites/invites';
import { databasePath } from './open-data';

export function runInvite(config: ServerConfig, options: { expiresDays: number }): number {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = loadOrCreateSecret({ dataDir: config.dataDir, configured: config.secret });
  const db = openDatabase(databasePath(config));
  try {
    migrate(db);
    const now = Date.now;
    const audit = createAuditLog({ db, key: deriveServerKeys(secret).audit, now });
    const invite = createInvite({ db, audit, now }, { ttlMs: options.expiresDays * 24 * 60 * 60 * 1000 });
    process.stdout.write(`${invite.token}\n`);
    process.stderr.write(`Single-use invite, valid until ${new Date(invite.expiresAt).toISOString()}.\n`);
    return 0;
  } finally {
    db.close();
  }
}
