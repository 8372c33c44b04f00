// `keyhold-server audit verify`: exit 0 when the audit log's HMAC chain is intact, 1 otherwise.
import { verifyAuditLog } from '../audit/verify-audit-log';
import type { ServerConfig } from '../config/server-config';
import { deriveServerKeys, loadOrCreateSecret } from '../config/server-secret';
import { openExistingStorage, withStorage } from './open-data';

export async function runAuditVerify(config: ServerConfig): Promise<number> {
  return withStorage(await openExistingStorage(config), async (storage) => {
    const secret = loadOrCreateSecret({ dataDir: config.dataDir, configured: config.secret, create: false });
    const result = await verifyAuditLog(storage.audit, deriveServerKeys(secret).audit);
    if (result.ok) {
      process.stdout.write(`Audit log intact: ${result.events} events, HMAC chain verified.\n`);
      return 0;
    }
    process.stdout.write(`Audit log TAMPERED: ${result.reason}. ${result.events} events verified before it.\n`);
    return 1;
  });
}
