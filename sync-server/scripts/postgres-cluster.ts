// A throwaway PostgreSQL server for tests and benchmarks: a cluster made with initdb in a temp
// directory, started with pg_ctl on a Unix socket in that directory (no TCP port), and removed by
// stop(). Used by with-postgres.ts (the server suite in npm test), the nginx deployment e2e test
// (e2e/tests/deploy-nginx.spec.ts) and the server benchmark (bench/suites/server.ts).
// initdb refuses to run as root, so as root the server runs as the `postgres` user (Debian's package
// creates it) or `nobody`, through runuser.
// Binaries: $KEYHOLD_PG_BIN, else the newest /usr/lib/postgresql/N/bin; missing ones are an error
// that says how to install them, never a silent skip.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export type PostgresCluster = {
  /** A libpq URL for the superuser `keyhold` on database `postgres`, over the private socket. */
  url: string;
  dir: string;
  /** Where initdb, pg_ctl and pg_dump were found. */
  bin: string;
  /** Who the server runs as. */
  user: string;
  /** Runs a PostgreSQL client or server binary as the server's user; throws with its output on failure. */
  run(tool: string, args: string[], options?: SpawnSyncOptions): string;
  /** Stops the server (immediate mode) and deletes the directory; safe to call twice. */
  stop(): void;
};

export function findPostgresBinaries(): string {
  const configured = process.env.KEYHOLD_PG_BIN;
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return join(root, versions[0] ?? '15', 'bin');
}

/** Throws a message saying how to install PostgreSQL when its server binaries are missing. */
export function requirePostgresBinaries(purpose: string): string {
  const bin = findPostgresBinaries();
  if (!existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) {
    throw new Error(
      `No PostgreSQL server binaries (initdb, pg_ctl) in ${bin}. ${purpose} needs them: install them ` +
        '(Debian: apt-get install postgresql; .ci/run does this), or set KEYHOLD_PG_BIN to the directory that holds initdb and pg_ctl.',
    );
  }
  return bin;
}

/** As root, who runs the server: initdb and postgres refuse root. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('Running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL.');
}

/**
 * Creates and starts a cluster. Throwaway settings: no fsync, no locale, trust on the private socket
 * (the directory is 0700). `settings` adds server options (e.g. "-c max_connections=300").
 */
export function startPostgresCluster(options: { purpose: string; settings?: string[] }): PostgresCluster {
  const bin = requirePostgresBinaries(options.purpose);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');

  const run = (tool: string, args: string[], spawnOptions: SpawnSyncOptions = {}): string => {
    const [file, argv] = user ? ['runuser', ['-u', user.name, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir, ...spawnOptions });
    if (result.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${tool} failed (${result.status ?? result.signal}):\n${String(result.stderr)}${String(result.stdout)}${serverLog}`);
    }
    return String(result.stdout);
  };

  let started = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    run('initdb', ['-D', data, '-U', 'keyhold', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const settings = [
      `-k ${dir}`,
      "-c listen_addresses=''",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      ...(options.settings ?? []),
    ];
    started = true;
    run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgresql://keyhold@localhost/postgres?host=${encodeURIComponent(dir)}`,
    dir,
    bin,
    user: user?.name ?? userInfo().username,
    run,
    stop,
  };
}
