// The audit log's anchors on the real process and CLI (issue #11): the server secret can live away
// from the database (--secret-file / KEYHOLD_SECRET_FILE), the server appends checkpoints, and
// `audit verify` fails on a log cut back to a saved head that the HMAC chain alone accepts.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { b64, registration } from '../helpers/fixtures';
import { BIN, cleanEnv, makeTempDir, spawnServer } from '../helpers/spawn-server';
import { data, mutate } from '../helpers/trpc-http';

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: cleanEnv(env), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('keeps the secret where the operator says and catches a replayed audit head with the checkpoints', async () => {
  const secretFile = join(makeTempDir('keyhold-secret-'), 'secret');
  writeFileSync(secretFile, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  const server = await spawnServer({ config: { secretFile } });
  const { dataDir } = server;
  const input = registration();
  data(await mutate(server.url, 'account.register', input));
  const database = join(dataDir, 'keyhold.sqlite');
  const savedHead = (() => {
    const db = new Database(database, { readonly: true });
    try {
      return db.prepare('SELECT seq, mac FROM audit_head').get() as { seq: number; mac: string };
    } finally {
      db.close();
    }
  })();
  for (let n = 0; n < 3; n += 1) await mutate(server.url, 'account.login', { email: input.email, authKey: b64(32), deviceName: 'x' });
  await server.stop(); // the server appends a checkpoint as it stops

  expect(existsSync(join(dataDir, 'server-secret'))).toBe(false);
  expect(existsSync(join(dataDir, 'audit-checkpoints'))).toBe(true);
  // Without the secret nothing can be verified; with it (flag or env) the log is intact and anchored.
  expect(cli(['audit', 'verify', '--data-dir', dataDir]).code).toBe(1);
  const intact = cli(['audit', 'verify', '--data-dir', dataDir, '--secret-file', secretFile]);
  expect(intact.stdout).toMatch(/^Audit log intact: \d+ events, HMAC chain verified, and it reaches the latest of \d+ checkpoints/);
  expect(intact.code).toBe(0);
  const exported = cli(['audit', 'checkpoint', '--data-dir', dataDir], { KEYHOLD_SECRET_FILE: secretFile });
  expect(exported.code).toBe(0);
  const exportedFile = join(makeTempDir('keyhold-export-'), 'checkpoint.jsonl');
  writeFileSync(exportedFile, exported.stdout);

  // The attack: cut the log back to the saved head and put that head back.
  const db = new Database(database);
  db.exec('DROP TRIGGER audit_log_no_delete');
  db.prepare('DELETE FROM audit_log WHERE seq > ?').run(savedHead.seq);
  db.prepare('UPDATE audit_head SET seq = ?, mac = ? WHERE id = 1').run(savedHead.seq, savedHead.mac);
  db.close();

  const caught = cli(['audit', 'verify', '--data-dir', dataDir, '--secret-file', secretFile]);
  expect(caught.code).toBe(1);
  expect(caught.stdout).toMatch(/^Audit log TAMPERED: the log ends at row \d+, but a checkpoint of .* saw row \d+: it was cut back/);
  // Even if the checkpoint file next to the database is wiped too, the exported one still catches it.
  writeFileSync(join(dataDir, 'audit-checkpoints'), '');
  expect(cli(['audit', 'verify', '--data-dir', dataDir, '--secret-file', secretFile]).stdout).toMatch(/No checkpoints found/);
  const withExport = cli(['audit', 'verify', '--data-dir', dataDir, '--secret-file', secretFile, '--checkpoint', exportedFile]);
  expect(withExport.code).toBe(1);
  expect(withExport.stdout).toMatch(/cut back/);
});
