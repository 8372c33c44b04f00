// `keyhold-server users`: the accounts on this server with their item and device counts.
import type { ServerConfig } from '../config/server-config';
import { openExistingStorage, withStorage } from './open-data';

export async function runUsers(config: ServerConfig): Promise<number> {
  return withStorage(await openExistingStorage(config), async (storage) => {
    const rows = await storage.accounts.summaries({ now: Date.now() });
    if (rows.length === 0) {
      process.stdout.write('No accounts yet.\n');
      return 0;
    }
    const table = [
      ['ACCOUNT ID', 'EMAIL', 'CREATED', 'ITEMS', 'DEVICES'],
      ...rows.map((r) => [r.id, r.email, new Date(r.createdAt).toISOString().slice(0, 10), String(r.items), String(r.devices)]),
    ];
    const widths = table[0]!.map((_, col) => Math.max(...table.map((line) => line[col]!.length)));
    for (const line of table) {
      process.stdout.write(
        line
          .map((cell, col) => cell.padEnd(widths[col]!))
          .join('  ')
          .trimEnd() + '\n',
      );
    }
    return 0;
  });
}
