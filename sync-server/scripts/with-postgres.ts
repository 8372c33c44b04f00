// Runs a command against a throwaway PostgreSQL server:
//   npx tsx sync-server/scripts/with-postgres.ts -- npx vitest run --project unit
// creates a cluster with initdb in a temp directory, starts it with pg_ctl on a Unix socket in that
// directory (no TCP port), runs the command with KEYHOLD_TEST_DATABASE pointing at it, then stops
// the server and deletes the directory — also when the command fails or the run is interrupted —
// and exits with the command's status. initdb refuses to run as root, so as root the server runs as
// the `postgres` user (Debian's package creates it) or `nobody`, through runuser.
// Binaries: $KEYHOLD_PG_BIN, else the newest /usr/lib/postgresql/N/bin; missing ones are an error
// that says how to install them, never a silent skip.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const separator = process.argv.indexOf('--');
const command = separator === -1 ? [] : process.argv.slice(separator + 1);
if (command.length === 0) {
  process.stderr.write('Usage: with-postgres.ts -- COMMAND [ARGS…]\n');
  process.exit(2);
}

function findBinaries(): string {
  const configured = process.env.KEYHOLD_PG_BIN;
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return join(root, versions[0] ?? '15', 'bin');
}

const bin = findBinaries();
if (!existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) {
  process.stderr.write(
    `with-postgres: no PostgreSQL server binaries (initdb, pg_ctl) in ${bin}.\n` +
      'The server suite runs on PostgreSQL too: install them (Debian: apt-get install postgresql; .ci/run does this),\n' +
      'or set KEYHOLD_PG_BIN to the directory that holds initdb and pg_ctl.\n',
  );
  process.exit(1);
}

/** As root, who runs the server: initdb and postgres refuse root. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('with-postgres: running as root, and neither a "postgres" nor a "nobody" user exists to run the server.');
}

const user = serverUser();
const dir = mkdtempSync(join(tmpdir(), 'keyhold-pg-'));
if (user) chownSync(dir, user.uid, user.gid);
const data = join(dir, 'data');
const log = join(dir, 'server.log');

/** Runs a PostgreSQL binary as the server's user; throws with its output when it fails. */
function pg(tool: string, args: string[], options: SpawnSyncOptions = {}): void {
  const [file, argv] = user ? ['runuser', ['-u', user.name, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir, ...options });
  if (result.status !== 0) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    throw new Error(
      `with-postgres: ${tool} failed (${result.status ?? result.signal}):\n${String(result.stderr)}${String(result.stdout)}${serverLog}`,
    );
  }
}

let started = false;
let cleaned = false;
function cleanUp(): void {
  if (cleaned) return;
  cleaned = true;
  if (started) {
    try {
      pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUp);

try {
  const startedAt = Date.now();
  // Throwaway data: no fsync, no locale, trust on the private socket (the directory is 0700).
  pg('initdb', ['-D', data, '-U', 'keyhold', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
  const settings = [
    `-k ${dir}`,
    "-c listen_addresses=''",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ];
  started = true;
  pg('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  process.stderr.write(
    `with-postgres: PostgreSQL ${bin.split('/').at(-2) ?? ''} on ${dir} (${Date.now() - startedAt} ms)` +
      `${user ? ` as ${user.name}` : ` as ${userInfo().username}`}\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  cleanUp();
  process.exit(1);
}

const url = `postgresql://keyhold@localhost/postgres?host=${encodeURIComponent(dir)}`;
const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, KEYHOLD_TEST_DATABASE: url } });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
