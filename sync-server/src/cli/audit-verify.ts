// `keyhold-server audit verify [--checkpoint FILE]`: exit 0 when the audit log's HMAC chain is intact
// and reaches every checkpoint (the server's checkpoint file, and FILE: one exported earlier with
// `audit checkpoint`), 1 otherwise. `audit checkpoint` prints one (and appends it to the file).
import { appendCheckpoint, formatCheckpoint, readCheckpoints, takeCheckpoint, verifyCheckpoints } from '../audit/checkpoints';
import { verifyAuditLog } from '../audit/verify-audit-log';
import type { ServerConfig } from '../config/server-config';
import { deriveServerKeys, loadOrCreateSecret } from '../config/server-secret';
import { openExistingStorage, withStorage } from './open-data';

export async function runAuditVerify(config: ServerConfig, options: { checkpointFiles: readonly string[] }): Promise<number> {
  return withStorage(await openExistingStorage(config), async (storage) => {
    const secret = loadOrCreateSecret({ dataDir: config.dataDir, configured: config.secret, create: false });
    const key = deriveServerKeys(secret).audit;
    const result = await verifyAuditLog(storage.audit, key);
    if (!result.ok) {
      process.stdout.write(`Audit log TAMPERED: ${result.reason}. ${result.events} events verified before it.\n`);
      return 1;
    }
    const files = [config.auditCheckpointFile, ...options.checkpointFiles];
    const read = files.map((file) => readCheckpoints(file));
    const malformed = read.reduce((sum, file) => sum + file.malformed, 0);
    if (malformed > 0) {
      process.stdout.write(`Audit log TAMPERED: ${malformed} unreadable checkpoint line(s) in ${files.join(', ')}.\n`);
      return 1;
    }
    const anchored = await verifyCheckpoints(
      storage.audit,
      key,
      read.flatMap((file) => file.checkpoints),
    );
    if (!anchored.ok) {
      process.stdout.write(`Audit log TAMPERED: ${anchored.reason}.\n`);
      return 1;
    }
    process.stdout.write(
      anchored.latest
        ? `Audit log intact: ${result.events} events, HMAC chain verified, and it reaches the latest of ${anchored.checkpoints} checkpoints (row ${anchored.latest.seq}, ${new Date(anchored.latest.at).toISOString()}).\n`
        : `Audit log intact: ${result.events} events, HMAC chain verified. No checkpoints found (${files.join(', ')}): ` +
            'a log cut back to an earlier state cannot be told apart without one.\n',
    );
    return 0;
  });
}

export async function runAuditCheckpoint(config: ServerConfig): Promise<number> {
  return withStorage(await openExistingStorage(config), async (storage) => {
    const secret = loadOrCreateSecret({ dataDir: config.dataDir, configured: config.secret, create: false });
    const checkpoint = await takeCheckpoint(storage.audit, deriveServerKeys(secret).audit, Date.now());
    if (!checkpoint) {
      process.stderr.write('The audit log is empty: nothing to checkpoint yet.\n');
      return 1;
    }
    appendCheckpoint(config.auditCheckpointFile, checkpoint);
    process.stdout.write(`${formatCheckpoint(checkpoint)}\n`);
    process.stderr.write(`Checkpoint of row ${checkpoint.seq}. Keep a copy away from the server; check with: audit verify --checkpoint FILE\n`);
    return 0;
  });
}
