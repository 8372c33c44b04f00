// A fresh server on the real process (issue #11): the first account needs the invite `start` prints,
// the Host header must name the server (DNS rebinding), and its files are readable by its user only.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registration } from '../helpers/fixtures';
import { BIN, cleanEnv, makeTempDir, spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { mutate } from '../helpers/trpc-http';

let server: SpawnedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const INVITE_LINE = /No account yet\. Register the first one with this single-use invite[^\n]*\n\s+(\S+)/;

/** GET `path` with the Host header set to `host`; resolves with the status. */
function getWithHost(url: string, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the first account', () => {
  it('needs the invite printed at first start; without --open-registration the door is shut', async () => {
    server = await spawnServer({ config: { openRegistration: false } });
    const token = INVITE_LINE.exec(server.output())?.[1];
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const refused = await mutate(server.url, 'account.register', registration());
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('the one `keyhold-server start` printed on first run');
    expect((await mutate(server.url, 'account.register', registration({ inviteToken: token }))).status).toBe(200);

    // Restarted with an account, it prints no invite.
    const { dataDir } = server;
    await server.stop();
    server = await spawnServer({ dataDir, config: { openRegistration: false } });
    expect(server.output()).not.toMatch(INVITE_LINE);
  });

  it('with --open-registration registers the first account without an invite and prints none', async () => {
    server = await spawnServer();
    expect(server.output()).not.toMatch(INVITE_LINE);
    expect((await mutate(server.url, 'account.register', registration())).status).toBe(200);
  });
});

describe('the Host header', () => {
  it('is refused with 421 when it names another site (DNS rebinding), accepted for IP literals, localhost and publicUrl', async () => {
    server = await spawnServer({ config: { publicUrl: 'https://vault.example.org' } });
    const port = new URL(server.url).port;
    const prelogin = `/trpc/account.prelogin?input=${encodeURIComponent(JSON.stringify({ email: 'a@example.org' }))}`;
    expect(await getWithHost(server.url, prelogin, `rebind.attacker.example:${port}`)).toBe(421);
    expect(await getWithHost(server.url, prelogin, 'vault.example.org.evil.example')).toBe(421);
    expect(await getWithHost(server.url, prelogin, `127.0.0.1:${port}`)).toBe(200);
    expect(await getWithHost(server.url, prelogin, `localhost:${port}`)).toBe(200);
    expect(await getWithHost(server.url, prelogin, `[::1]:${port}`)).toBe(200);
    expect(await getWithHost(server.url, prelogin, 'VAULT.example.org')).toBe(200);
    // A load balancer's health probe is answered whatever it names.
    expect(await getWithHost(server.url, '/healthz', 'internal-probe')).toBe(200);
  });

  it('without publicUrl accepts only IP literals and localhost', async () => {
    server = await spawnServer();
    const port = new URL(server.url).port;
    expect(await getWithHost(server.url, '/trpc/account.prelogin', `attacker.example:${port}`)).toBe(421);
    // (400: the input is missing — the request got past the Host check.)
    expect(await getWithHost(server.url, '/trpc/account.prelogin', `localhost:${port}`)).toBe(400);
  });
});

describe('files', () => {
  it('creates the database, its WAL and backups with mode 0600', async () => {
    server = await spawnServer();
    expect((await mutate(server.url, 'account.register', registration())).status).toBe(200);
    const database = join(server.dataDir, 'keyhold.sqlite');
    for (const file of [database, `${database}-wal`]) expect(statSync(file).mode & 0o777).toBe(0o600);
    const backup = join(makeTempDir(), 'backup.sqlite');
    const result = spawnSync(process.execPath, [BIN, 'backup', backup, '--data-dir', server.dataDir], { env: cleanEnv(), encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
  });
});
