// The self-hosting recipe "Two replicas behind nginx on PostgreSQL" (docs/self-hosting.md), started
// on loopback for a test: a throwaway PostgreSQL cluster (sync-server/scripts/postgres-cluster.ts),
// two `keyhold-server start --database postgres://…` processes with one secret and trustProxy, and
// nginx — run as a non-daemon child with its own prefix, config, pid file and logs in a temp
// directory — terminating TLS with a self-signed certificate made by openssl and balancing between
// the two. nginx's server block is read from docs/self-hosting.md itself, with only its listen
// address, upstream ports and certificate paths replaced, so the documented recipe is the tested one.
// Missing nginx, openssl or PostgreSQL binaries are an error saying how to install them: never a skip.
// dispose() removes everything; an exit hook does the same if the test process ends without it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresCluster, type PostgresCluster } from '../../sync-server/scripts/postgres-cluster.ts';
import { repoRoot } from '../fixtures/paths.js';

const SERVER_BIN = join(repoRoot, 'sync-server', 'bin', 'keyhold-server.mjs');
const RECIPE = join(repoRoot, 'docs', 'self-hosting.md');
const RECIPE_MARKER = 'deploy-nginx.spec.ts reads the next nginx block';

export type Replica = {
  url: string;
  proc: ChildProcess;
  /** The replica's JSON log lines so far. */
  logs(): { event?: string; procedure?: string; status?: number }[];
  kill(signal: NodeJS.Signals): Promise<void>;
};

export type Deployment = {
  /** What devices are given: https://127.0.0.1:PORT, nginx. */
  url: string;
  /** base64 SHA-256 of the certificate's public key (SPKI), for Chromium's --ignore-certificate-errors-spki-list. */
  certificateSpki: string;
  replicas: [Replica, Replica];
  postgres: PostgresCluster;
  /** The database URL the replicas use. */
  database: string;
  invite(): string;
  dispose(): Promise<void>;
};

function findNginx(): string {
  const candidates = [process.env.KEYHOLD_NGINX, '/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].filter(Boolean) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No nginx found for the deployment test (docs/self-hosting.md, two replicas behind nginx). Install it with ' +
        '`apt-get install -y nginx` (Debian; .ci/run does this), or set KEYHOLD_NGINX=/path/to/nginx.',
    );
  }
  return found;
}

function requireOpenssl(): void {
  if (spawnSync('openssl', ['version']).status !== 0) {
    throw new Error('No openssl found for the deployment test: install it with `apt-get install -y openssl` (.ci/run does this).');
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The documented nginx block, adapted to this run: only the lines a real install changes too. */
export function nginxRecipe(options: { listen: string; upstreams: [string, string]; certificate: string; key: string }): string {
  const doc = readFileSync(RECIPE, 'utf8');
  const at = doc.indexOf(RECIPE_MARKER);
  const block = at < 0 ? null : /```nginx\n([\s\S]*?)```/.exec(doc.slice(at));
  if (!block?.[1]) throw new Error(`docs/self-hosting.md has no nginx block after "${RECIPE_MARKER}"`);
  let conf = block[1];
  const replace = (from: string, to: string) => {
    if (conf.split(from).length !== 2) throw new Error(`the nginx recipe in docs/self-hosting.md should contain "${from}" exactly once`);
    conf = conf.replace(from, to);
  };
  replace('listen 443 ssl http2;', `listen ${options.listen} ssl http2;`);
  replace('server 127.0.0.1:8787 ', `server ${options.upstreams[0]} `);
  replace('server 127.0.0.1:8788 ', `server ${options.upstreams[1]} `);
  replace('/etc/letsencrypt/live/keyhold.example.org/fullchain.pem', options.certificate);
  replace('/etc/letsencrypt/live/keyhold.example.org/privkey.pem', options.key);
  return conf;
}

function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('KEYHOLD_')));
}

async function startReplica(options: { dataDir: string; configFile: string; database: string }): Promise<Replica> {
  const proc = spawn(
    process.execPath,
    [SERVER_BIN, 'start', '--port', '0', '--data-dir', options.dataDir, '--config', options.configFile, '--database', options.database],
    { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a replica did not start:\n${output}`)), 30_000);
    proc.stderr!.on('data', () => {
      const match = /Keyhold sync server listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`a replica exited before listening:\n${output}`));
    });
  });
  return {
    url,
    proc,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { event?: string; procedure?: string; status?: number }),
    async kill(signal) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

/** Resolves once nginx answers /healthz with 200 over TLS, trusting exactly our certificate. */
async function waitForProxy(url: string, certificate: string, nginx: { output(): string; proc: ChildProcess }): Promise<void> {
  const end = Date.now() + 15_000;
  for (;;) {
    if (nginx.proc.exitCode !== null) throw new Error(`nginx exited (${nginx.proc.exitCode}):\n${nginx.output()}`);
    const status = await new Promise<number>((resolve) => {
      const req = request(`${url}/healthz`, { ca: certificate, timeout: 2_000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (status === 200) return;
    if (Date.now() > end) throw new Error(`nginx did not answer /healthz with 200 (last: ${status}):\n${nginx.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startDeployment(): Promise<Deployment> {
  const nginxBin = findNginx();
  requireOpenssl();
  const root = mkdtempSync(join(tmpdir(), 'keyhold-deploy-'));
  // nginx's workers run as an unprivileged user when the test runs as root: they must reach the
  // temp paths below (the private key is read by the master only, and stays 0600).
  chmodSync(root, 0o755);
  const children: ChildProcess[] = [];
  let postgres: PostgresCluster | undefined;
  let disposed = false;
  const disposeNow = () => {
    if (disposed) return;
    disposed = true;
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    try {
      postgres?.stop();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  process.once('exit', disposeNow);

  try {
    postgres = startPostgresCluster({ purpose: 'The nginx deployment test (e2e/tests/deploy-nginx.spec.ts)' });
    postgres.run('createdb', ['-h', postgres.dir, '-U', 'keyhold', 'keyhold']);
    const database = `postgresql://keyhold@localhost/keyhold?host=${encodeURIComponent(postgres.dir)}`;

    // TLS: a self-signed certificate for 127.0.0.1 (ECDSA P-256, two days).
    const certificate = join(root, 'cert.pem');
    const key = join(root, 'key.pem');
    const openssl = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        certificate,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { encoding: 'utf8' },
    );
    if (openssl.status !== 0) throw new Error(`openssl could not make a certificate:\n${openssl.stderr}`);
    const certificatePem = readFileSync(certificate, 'utf8');
    const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    const certificateSpki = createHash('sha256').update(spki).digest('base64');

    // Two replicas: one database, one secret, trustProxy (nginx sets X-Forwarded-For).
    const configFile = join(root, 'server.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        secret: randomBytes(32).toString('hex'),
        trustProxy: true,
        authKeyHash: { memoryKiB: 1024, iterations: 1, parallelism: 1 },
        rateLimit: { requests: 1_000_000, windowSeconds: 300 },
        shutdownGraceMs: 500,
        // The first account signs up without the invite `start` prints (ADR 0015).
        openRegistration: true,
      }),
      { mode: 0o600 },
    );
    const replicas = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const replica = await startReplica({ dataDir: join(root, `data-${name}`), configFile, database });
        children.push(replica.proc);
        return replica;
      }),
    );

    // nginx, from the documented block.
    const port = await freePort();
    const nginxDir = join(root, 'nginx');
    for (const sub of ['', 'logs', 'tmp']) mkdirSync(join(nginxDir, sub), { recursive: true, mode: 0o755 });
    const upstream = (replica: Replica) => new URL(replica.url).host;
    const conf = join(nginxDir, 'nginx.conf');
    writeFileSync(
      conf,
      [
        'worker_processes 1;',
        `pid ${join(nginxDir, 'nginx.pid')};`,
        `error_log ${join(nginxDir, 'logs', 'error.log')} warn;`,
        'events { worker_connections 256; }',
        'http {',
        `    access_log ${join(nginxDir, 'logs', 'access.log')};`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${join(nginxDir, 'tmp', kind)};`),
        nginxRecipe({
          listen: `127.0.0.1:${port}`,
          upstreams: [upstream(replicas[0]!), upstream(replicas[1]!)],
          certificate,
          key,
        }),
        '}',
      ].join('\n'),
    );
    const nginxProc = spawn(nginxBin, ['-p', nginxDir, '-c', conf, '-e', join(nginxDir, 'logs', 'error.log'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(nginxProc);
    let nginxOutput = '';
    nginxProc.stdout!.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    nginxProc.stderr!.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    const errorLog = join(nginxDir, 'logs', 'error.log');
    const nginxLogs = () => nginxOutput + (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
    const url = `https://127.0.0.1:${port}`;
    await waitForProxy(url, certificatePem, { proc: nginxProc, output: nginxLogs });

    return {
      url,
      certificateSpki,
      replicas: replicas as [Replica, Replica],
      postgres,
      database,
      invite() {
        const result = spawnSync(
          process.execPath,
          [SERVER_BIN, 'invite', '--data-dir', join(root, 'data-a'), '--config', configFile, '--database', database],
          {
            env: childEnv(),
            encoding: 'utf8',
          },
        );
        if (result.status !== 0) throw new Error(`invite failed: ${result.stderr}`);
        return result.stdout.trim();
      },
      async dispose() {
        // nginx: a graceful stop (SIGQUIT), then the replicas (SIGTERM); the cluster and every file go.
        const stopped = children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill(child === nginxProc ? 'SIGQUIT' : 'SIGTERM');
            }),
        );
        await Promise.all(stopped);
        process.off('exit', disposeNow);
        disposeNow();
      },
    };
  } catch (error) {
    process.off('exit', disposeNow);
    disposeNow();
    throw error;
  }
}
