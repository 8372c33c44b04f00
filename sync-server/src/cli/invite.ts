// `keyhold-server invite`: prints a single-use invite token for one more account.
import { mkdirSync } from 'node:fs';
import { createAuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { deriveServerKeys, loadOrCreateSecret } from '../config/server-secret';
import { createInvites } from '../invites/invites';
import { openStorage } from '../storage/open-storage';
import { withStorage } from './open-data';

export async function runInvite(config: ServerConfig, options: { expiresDays: number }): Promise<number> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = loadOrCreateSecret({ dataDir: config.dataDir, configured: config.secret });
  return withStorage(await openStorage(config.database), async (storage) => {
    await storage.migrate();
    const now = Date.now;
    const invites = createInvites({ storage, audit: createAuditLog({ key: deriveServerKeys(secret).audit, now }), now });
    const invite = await invites.create({ ttlMs: options.expiresDays * 24 * 60 * 60 * 1000 });
    process.stdout.write(`${invite.token}\n`);
    process.stderr.write(`Single-use invite, valid until ${new Date(invite.expiresAt).toISOString()}.\n`);
    return 0;
  });
}
