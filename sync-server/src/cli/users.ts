// `keyhold-server users`: the accounts on this server with their item and device counts.
import type { ServerConfig } from '../config/server-config';
import { openExistingDatabase } from './open-data';

type UserRow = { id: string; email: string; created_at: number; items: number; devices: number };

export function runUsers(config: ServerConfig): number {
  const db = openExistingDatabase(config);
  try {
    const rows = db
      .prepare(
        `SELECT a.id, a.email, a.created_at,
           (SELECT count(*) FROM items i WHERE i.account_id = a.id AND i.deleted = 0) AS items,
           (SELECT count(*) FROM sessions s WHERE s.account_id = a.id AND s.expires_at > ?) AS devices
         FROM accounts a ORDER BY a.created_at`,
      )
      .all(Date.now()) as UserRow[];
    if (rows.length === 0) {
      process.stdout.write('No accounts yet.\n');
      return 0;
    }
    const table = [
      ['ACCOUNT ID', 'EMAIL', 'CREATED', 'ITEMS', 'DEVICES'],
      ...rows.map((r) => [r.id, r.email, new Date(r.created_at).toISOString().slice(0, 10), String(r.items), String(r.devices)]),
    ];
    const widths = table[0]!.map((_, col) => Math.max(...table.map((line) => line[col]!.length)));
    for (const line of table)
      process.stdout.write(
        line
          .map((cell, col) => cell.padEnd(widths[col]!))
          .join('  ')
          .trimEnd() + '\n',
      );
    return 0;
  } finally {
    db.close();
  }
}
