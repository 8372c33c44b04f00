// The keyhold-server CLI against real data directories: help, migrate, invite + users, audit
// verify catching a tampered row, and backup → restore with the data intact.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newItem, registration } from '../helpers/fixtures';
import { BIN, cleanEnv, makeTempDir, spawnServer } from '../helpers/spawn-server';
import { data, mutate, query } from '../helpers/trpc-http';
import { migrations } from '../../src/storage/sqlite/migrations';

const LATEST_SCHEMA = migrations.at(-1)!.version;

function cli(args: string[], options: { dataDir?: string } = {}) {
  const dataArgs = options.dataDir === undefined ? [] : ['--data-dir', options.dataDir];
  const result = spawnSync(process.execPath, [BIN, ...args, ...dataArgs], { env: cleanEnv(), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('keyhold-server', () => {
  it('prints help, and refuses unknown commands with a usage error', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'migrate', 'backup FILE', 'invite', 'users', 'audit verify', 'copy --from DB --to DB']) {
      expect(help.stdout).toContain(command);
    }
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(cli(['backup']).code).toBe(2);
  });

  it('migrates a new data directory once', () => {
    const dataDir = join(makeTempDir(), 'data');
    expect(cli(['migrate'], { dataDir }).stdout).toContain(`from schema version 0 to ${LATEST_SCHEMA}`);
    expect(cli(['migrate'], { dataDir }).stdout).toContain(`up to date (schema version ${LATEST_SCHEMA})`);
  });

  it('creates invites that let a second account register while the server runs, and lists users', async () => {
    const server = await spawnServer();
    try {
      await mutate(server.url, 'account.register', registration({ email: 'first@example.org' }));
      const refused = await mutate(server.url, 'account.register', registration({ email: 'second@example.org' }));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('keyhold-server invite');

      const invite = cli(['invite'], { dataDir: server.dataDir });
      expect(invite.code).toBe(0);
      const token = invite.stdout.trim();
      const second = await mutate(server.url, 'account.register', registration({ email: 'second@example.org', inviteToken: token }));
      expect(second.status).toBe(200);

      const users = cli(['users'], { dataDir: server.dataDir });
      expect(users.stdout).toMatch(/first@example\.org[\s\S]*second@example\.org/);
    } finally {
      await server.stop();
    }
  });

  it('audit verify passes on an intact log and fails once a row is edited in the SQLite file', async () => {
    const server = await spawnServer();
    const account = registration();
    await mutate(server.url, 'account.register', account);
    await mutate(server.url, 'account.login', { email: account.email, authKey: account.authKey, deviceName: 'Phone' });
    await server.stop();

    const intact = cli(['audit', 'verify'], { dataDir: server.dataDir });
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit log intact: 4 events/);

    const db = new Database(join(server.dataDir, 'keyhold.sqlite'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET ip = '203.0.113.66' WHERE seq = 3");
    db.close();
    const tampered = cli(['audit', 'verify'], { dataDir: server.dataDir });
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('TAMPERED: row 3 was altered');
  });

  it('backs up online; the backup restores with every item, session and the audit chain intact', async () => {
    const server = await spawnServer();
    const account = registration();
    const { token } = data(await mutate(server.url, 'account.register', account));
    const items = Array.from({ length: 30 }, () => newItem());
    await mutate(server.url, 'sync.push', { items }, token);
    const before = data(await query(server.url, 'sync.pull', { since: 0 }, token));

    const backupFile = join(makeTempDir(), 'keyhold-backup.sqlite');
    const backup = cli(['backup', backupFile], { dataDir: server.dataDir });
    expect(backup.code).toBe(0);
    expect(cli(['backup', backupFile], { dataDir: server.dataDir }).code).toBe(1); // never overwrites
    // Written after the backup: must not be in the restored copy.
    await mutate(server.url, 'sync.push', { items: [newItem()] }, token);
    await server.stop();

    // Restore as docs/self-hosting.md says: the backup becomes keyhold.sqlite next to the same secret.
    const restoredDir = join(makeTempDir(), 'data');
    mkdirSync(restoredDir);
    copyFileSync(backupFile, join(restoredDir, 'keyhold.sqlite'));
    copyFileSync(join(server.dataDir, 'server-secret'), join(restoredDir, 'server-secret'));
    expect(existsSync(join(restoredDir, 'keyhold.sqlite-wal'))).toBe(false);

    const restored = await spawnServer({ dataDir: restoredDir });
    try {
      expect(data(await query(restored.url, 'sync.pull', { since: 0 }, token))).toEqual(before);
      const login = await mutate(restored.url, 'account.login', { email: account.email, authKey: account.authKey, deviceName: 'x' });
      expect(login.status).toBe(200);
    } finally {
      await restored.stop();
    }
    expect(cli(['audit', 'verify'], { dataDir: restoredDir }).code).toBe(0);
  });

  it('copies a stopped server into a new database that serves the same vault with its audit chain intact', async () => {
    const server = await spawnServer();
    const { token } = data(await mutate(server.url, 'account.register', registration()));
    await mutate(server.url, 'sync.push', { items: Array.from({ length: 30 }, () => newItem()) }, token);
    const before = data(await query(server.url, 'sync.pull', { since: 0 }, token));
    await server.stop();

    const copyDir = join(makeTempDir(), 'data');
    mkdirSync(copyDir);
    copyFileSync(join(server.dataDir, 'server-secret'), join(copyDir, 'server-secret'));
    const args = ['copy', '--from', `sqlite:${join(server.dataDir, 'keyhold.sqlite')}`, '--to', `sqlite:${join(copyDir, 'keyhold.sqlite')}`];
    const copy = cli(args, { dataDir: server.dataDir });
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/Copied 1 accounts, 30 items, 1 sessions/);
    expect(copy.stdout).toContain('Audit log on the destination intact: 2 events.');
    expect(cli(args, { dataDir: server.dataDir }).stderr).toContain('not empty'); // never over existing data

    const copied = await spawnServer({ dataDir: copyDir });
    try {
      expect(data(await query(copied.url, 'sync.pull', { since: 0 }, token))).toEqual(before);
    } finally {
      await copied.stop();
    }
  });
});
