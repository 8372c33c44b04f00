// Sync server benchmark: the real server processes on loopback, in three layouts measured in the
// same run — SQLite (one process), PostgreSQL with one replica (pg1) and PostgreSQL with two
// replicas (pg2, each polling client pinned to one of them) — on the same data: 100 accounts of
// 10,000 items each (1,000,000 items, ~1 KB of envelopes per item), one open session per account.
// The load comes from a SECOND process (this file run again with `--load`, node:http keep-alive agents).
//
// Seeding (not measured as a server figure): rows go in through the storage adapters' own bulk path,
// `tables.write` — the code `keyhold-server copy` uses — rather than 10,000 HTTP pushes per account
// (which would take ~10 minutes here), into SQLite and PostgreSQL at once. Sessions are seeded the
// same way, with tokens made by the server's own session code. Pushing through the API is measured separately (push_items_per_s_*).
//
// Per layout (suffix _sqlite, _pg1, _pg2):
//   pull_rps, pull_p50_ms, pull_p99_ms  100 clients, one per account, pulling "since current" back
//                                       to back for 6 s after 1 s of warm-up (the polling that
//                                       dominates a real server's traffic)
//   pull_server_cpu_ms                  CPU time of the keyhold-server process(es) per measured pull
//   pull_db_cpu_ms                      CPU time of the PostgreSQL backends serving the servers per measured pull (pg only)
//   pull_paced_p50_ms, pull_paced_p99_ms the same 100 clients each polling every 250 ms (400 pulls/s,
//                                       open loop, latency from the scheduled time) for 5 s: latency
//                                       at a fixed load rather than at saturation; pull_paced_server_cpu_ms
//                                       and pull_paced_db_cpu_ms per pull at that same load in every layout
//   full_pull_10k_ms                    one account's 10,000 items from revision 0, paginated; median of 3
//   push_items_per_s                    2,000 new items pushed into an empty account, 100 per push
// And:
//   pull_ab_cpu_ms_pg1/_pg2    server + database CPU per pull at the paced load, median of 4 rounds
//                              each, pg1 and pg2 alternating with all three processes up (so both
//                              see the same machine); pull_ab_cpu_pg2_over_pg1 is their ratio
//   push_to_event_ms_p50/_p99  pg2: a WebSocket on replica B for an account; 100 pushes of one item
//                              through replica A; from the push's answer arriving to the event arriving
//                              (0 when the event came first), the servers otherwise idle
//   copy_sqlite_to_postgres_10k_ms  `keyhold-server copy --from sqlite:… --to postgres://…` of a
//                              server holding one account of 10,000 items, wall time of the command
//                              (process start, migrate, copy, audit check)
// load_avg_1m_at_start/_at_end: the machine's 1-minute load average, since what else runs moves
// every figure here (saturating runs most; CPU per pull least).
// Targets (docs/architecture.md, "Performance budgets"; issue #15): pull_p99_ms ≤ 50 in every layout,
// CPU per pull not growing with replicas, push_to_event_ms_p99 ≤ 1,000; pull_rps ≥ 2,000 and
// full_pull_10k_ms ≤ 2,000 for SQLite.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { startPostgresCluster, type PostgresCluster } from '../../sync-server/scripts/postgres-cluster';
import { generateSessionToken, sessionIdFromToken } from '../../sync-server/src/sessions/sessions';
import type { Storage, TableRows } from '../../sync-server/src/storage/port';
import { createPostgresStorage } from '../../sync-server/src/storage/postgres/pg-storage';
import { openDatabase } from '../../sync-server/src/storage/sqlite/open-database';
import { createSqliteStorage } from '../../sync-server/src/storage/sqlite/sqlite-storage';
import { percentile, report } from '../lib/report';

const ACCOUNTS = 100;
const ITEMS_PER_ACCOUNT = 10_000;
const PULL_CLIENTS = 100;
const WARMUP_MS = 1_000;
const MEASURE_MS = 6_000;
/** The paced run: each client polls every 250 ms (4/s, 400 pulls/s in all), open loop. */
const PACED_INTERVAL_MS = 250;
const PACED_MS = 5_000;
/** The A/B rounds of CPU per pull, pg1 against pg2. */
const AB_ROUNDS = 4;
const AB_ROUND_MS = 3_000;
const PUSH_ITEMS = 2_000;
const PUSH_BATCH = 100;
const EVENT_ROUNDS = 100;
const here = fileURLToPath(import.meta.url);
const serverBin = join(here, '..', '..', '..', 'sync-server', 'bin', 'keyhold-server.mjs');

type Layout = 'sqlite' | 'pg1' | 'pg2';
type LoadTask = {
  urls: string[];
  /** One per client (and account); client i uses urls[i % urls.length]. */
  tokens: string[];
  /** An account with no items, for the push measurement. */
  pushToken: string;
  serverPids: number[];
  /** The postmaster, whose children are the backends (pg layouts). */
  postmasterPid: number | null;
};
type LoadResult = {
  pushItemsPerSecond: number;
  fullPullMedianMs: number;
  pullRequests: number;
  pullSeconds: number;
  pullLatenciesMs: number[];
  pullErrors: number;
  pacedLatenciesMs: number[];
  pacedErrors: number;
  serverCpuMs: number | null;
  dbCpuMs: number | null;
  pacedServerCpuMs: number | null;
  pacedDbCpuMs: number | null;
};

/** User + system CPU milliseconds of a process so far, from /proc (null elsewhere). */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticksPerSecond = 100; // USER_HZ, 100 on Linux for all mainstream architectures
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/**
 * CPU of the backends serving our connections (children of the postmaster whose title is
 * "postgres: keyhold keyhold …"), by pid. Background workers (autovacuum after the million-row
 * seed, checkpointer, WAL writer) are left out: they would charge the seeding to whichever layout
 * runs while they work.
 */
function childrenCpuMs(parent: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) !== parent) continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith('postgres: keyhold keyhold')) continue;
      cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

// ---------------------------------------------------------------------------------------------
// A minimal tRPC-over-HTTP client on a keep-alive agent (queries: GET ?input=, mutations: POST).

function call(agent: Agent, options: { url: string; token?: string; path: string; input: unknown; method: 'GET' | 'POST' }) {
  const json = JSON.stringify(options.input);
  const target = new URL(`${options.url}/trpc/${options.path}`);
  if (options.method === 'GET') target.searchParams.set('input', json);
  const headers: Record<string, string | number> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(json);
  }
  return new Promise<any>((resolve, reject) => {
    const req = request(target, { method: options.method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (res.statusCode !== 200) reject(new Error(`${options.path}: HTTP ${res.statusCode} ${JSON.stringify(body).slice(0, 200)}`));
        else resolve(body.result.data);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.method === 'POST' ? json : undefined);
  });
}

const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');
/** ~1 KB of envelopes: a wrapped item key, an overview and details as the extension would send. */
const envelopes = () => ({ key: b64(62), overview: b64(240), details: b64(460) });

// ---------------------------------------------------------------------------------------------
// The load generator (child process).

function dbSpent(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after || after.size === 0) return null;
  let spent = 0;
  for (const [pid, cpu] of after) spent += cpu - (before.get(pid) ?? 0);
  return spent;
}

function sumCpu(pids: readonly number[]): number | null {
  return pids.map(processCpuMs).reduce<number | null>((sum, cpu) => (sum === null || cpu === null ? null : sum + cpu), 0);
}

type PacedResult = { latencies: number[]; errors: number; serverCpuMs: number | null; dbCpuMs: number | null };

/**
 * Every client polls on a fixed schedule (every PACED_INTERVAL_MS, spread evenly); latency counts
 * from the scheduled time, so a server that falls behind is charged for the wait (no coordinated
 * omission). CPU per pull of the server processes and of PostgreSQL's backends over the run.
 */
async function paced(options: {
  urls: string[];
  tokens: string[];
  since: number[];
  durationMs: number;
  serverPids: number[];
  postmasterPid: number | null;
}): Promise<PacedResult> {
  const latencies: number[] = [];
  let errors = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: PULL_CLIENTS });
  const start = performance.now() + 200;
  const client = async (n: number) => {
    const offset = (n / PULL_CLIENTS) * PACED_INTERVAL_MS;
    for (let k = 0; ; k += 1) {
      const scheduled = start + offset + k * PACED_INTERVAL_MS;
      if (scheduled > start + options.durationMs) return;
      const wait = scheduled - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        const url = options.urls[n % options.urls.length]!;
        await call(agent, { url, token: options.tokens[n], path: 'sync.pull', input: { since: options.since[n] }, method: 'GET' });
        latencies.push(performance.now() - scheduled);
      } catch {
        errors += 1;
      }
    }
  };
  const cpuBefore = sumCpu(options.serverPids);
  const dbBefore = options.postmasterPid === null ? null : childrenCpuMs(options.postmasterPid);
  await Promise.all(Array.from({ length: PULL_CLIENTS }, (_, n) => client(n)));
  const cpuAfter = sumCpu(options.serverPids);
  const db = dbSpent(dbBefore, options.postmasterPid === null ? null : childrenCpuMs(options.postmasterPid));
  agent.destroy();
  const pulls = Math.max(1, latencies.length);
  return {
    latencies,
    errors,
    serverCpuMs: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / pulls,
    dbCpuMs: db === null ? null : db / pulls,
  };
}

type AbTask = { pg1: { urls: string[]; pids: number[] }; pg2: { urls: string[]; pids: number[] }; tokens: string[]; postmasterPid: number };

/**
 * CPU per pull of pg1 against pg2 at the same paced load, in alternating rounds (pg1, pg2, pg1, …)
 * so that what else the machine runs weighs on both alike: server plus database CPU per pull, by round.
 */
async function runAb(task: AbTask): Promise<{ pg1: number[]; pg2: number[] }> {
  const rounds = { pg1: [] as number[], pg2: [] as number[] };
  const since = task.tokens.map(() => ITEMS_PER_ACCOUNT);
  for (let round = 0; round < AB_ROUNDS * 2; round += 1) {
    const layout = round % 2 === 0 ? 'pg1' : 'pg2';
    const run = await paced({
      urls: task[layout].urls,
      tokens: task.tokens,
      since,
      durationMs: AB_ROUND_MS,
      serverPids: task[layout].pids,
      postmasterPid: task.postmasterPid,
    });
    if (run.errors > 0 || run.serverCpuMs === null || run.dbCpuMs === null) throw new Error(`A/B round ${round}: ${run.errors} errors`);
    rounds[layout].push(run.serverCpuMs + run.dbCpuMs);
  }
  return rounds;
}

async function runLoad(task: LoadTask): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: PULL_CLIENTS });
  const urlOf = (client: number) => task.urls[client % task.urls.length]!;

  const pushStarted = performance.now();
  for (let done = 0; done < PUSH_ITEMS; done += PUSH_BATCH) {
    const items = Array.from({ length: PUSH_BATCH }, () => ({ id: randomUUID(), baseRevision: 0, deleted: false, envelopes: envelopes() }));
    const result = await call(agent, { url: urlOf(done / PUSH_BATCH), token: task.pushToken, path: 'sync.push', input: { items }, method: 'POST' });
    if (result.accepted.length !== PUSH_BATCH) throw new Error('push was not fully accepted');
  }
  const pushItemsPerSecond = PUSH_ITEMS / ((performance.now() - pushStarted) / 1000);

  const fullPulls: number[] = [];
  const current: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    let since = 0;
    let count = 0;
    for (;;) {
      const page = await call(agent, { url: urlOf(0), token: task.tokens[0], path: 'sync.pull', input: { since }, method: 'GET' });
      count += page.items.length;
      if (!page.hasMore) break;
      since = page.items.at(-1).revision;
    }
    fullPulls.push(performance.now() - started);
    if (count !== ITEMS_PER_ACCOUNT) throw new Error(`full pull returned ${count} items`);
  }
  for (let client = 0; client < PULL_CLIENTS; client += 1) current.push(ITEMS_PER_ACCOUNT);

  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let stopped = false;
  const client = async (n: number) => {
    while (!stopped) {
      // Only requests that start inside the window count (one begun during warm-up does not).
      const counted = measuring;
      const started = performance.now();
      try {
        const page = await call(agent, { url: urlOf(n), token: task.tokens[n], path: 'sync.pull', input: { since: current[n] }, method: 'GET' });
        if (page.items.length !== 0) throw new Error('pull since current returned items');
        if (counted) latencies.push(performance.now() - started);
      } catch {
        if (counted) errors += 1;
      }
    }
  };
  const clients = Array.from({ length: PULL_CLIENTS }, (_, n) => client(n));
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const serverCpu = () => task.serverPids.map(processCpuMs).reduce<number | null>((sum, cpu) => (sum === null || cpu === null ? null : sum + cpu), 0);
  const dbBefore = task.postmasterPid === null ? null : childrenCpuMs(task.postmasterPid);
  const cpuBefore = serverCpu();
  measuring = true;
  const measureStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  measuring = false;
  const pullSeconds = (performance.now() - measureStarted) / 1000;
  const cpuAfter = serverCpu();
  const dbAfter = task.postmasterPid === null ? null : childrenCpuMs(task.postmasterPid);
  stopped = true;
  await Promise.all(clients);
  agent.destroy();

  const pacedRun = await paced({
    urls: task.urls,
    tokens: task.tokens,
    since: current,
    durationMs: PACED_MS,
    serverPids: task.serverPids,
    postmasterPid: task.postmasterPid,
  });

  const pulls = Math.max(1, latencies.length);
  const dbCpu = dbSpent(dbBefore, dbAfter);
  return {
    pushItemsPerSecond,
    fullPullMedianMs: percentile(fullPulls, 50),
    pullRequests: latencies.length,
    pullSeconds,
    pullLatenciesMs: latencies,
    pullErrors: errors,
    pacedLatenciesMs: pacedRun.latencies,
    pacedErrors: pacedRun.errors,
    serverCpuMs: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / pulls,
    dbCpuMs: dbCpu === null ? null : dbCpu / pulls,
    pacedServerCpuMs: pacedRun.serverCpuMs,
    pacedDbCpuMs: pacedRun.dbCpuMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding through the adapters' bulk path.

type Seeded = { tokens: string[]; pushToken: string; pushAccountId: string; accountIds: string[] };

/** Every column the accounts table has (nullable ones the schema may add later as null: `tables.write` writes those it knows). */
function accountRow(id: string, n: number, revision: number, now: number): TableRows['accounts'] {
  return {
    header_stamp: null,
    id,
    email: `bench${n}@example.org`,
    auth_hash: '$argon2id$v=19$m=1024,t=1,p=1$YmVuY2hzYWx0YmVuY2g$0000000000000000000000000000000000000000000',
    kdf_memory_kib: 65536,
    kdf_iterations: 3,
    kdf_parallelism: 4,
    kdf_salt: b64(16),
    wrapped_vault_key: b64(62),
    recovery_wrapped_vault_key: b64(62),
    manifest: null,
    header_revision: 1,
    revision,
    purged_through: 0,
    created_at: now + n,
  } as TableRows['accounts'];
}

function newSeed(): Seeded {
  return {
    accountIds: Array.from({ length: ACCOUNTS }, () => randomUUID()),
    tokens: Array.from({ length: ACCOUNTS }, () => generateSessionToken()),
    pushAccountId: randomUUID(),
    pushToken: generateSessionToken(),
  };
}

async function seed(storage: Storage, seeded: Seeded): Promise<void> {
  const now = Date.now();
  const { accountIds, tokens, pushAccountId, pushToken } = seeded;
  const session = (token: string, accountId: string): TableRows['sessions'] => ({
    id: sessionIdFromToken(token),
    account_id: accountId,
    device_name: 'Bench',
    created_at: now,
    last_used_at: now,
    expires_at: now + 30 * 24 * 60 * 60 * 1000,
  });
  await storage.transaction(async (tx) => {
    await tx.tables.write('accounts', [
      ...accountIds.map((id, n) => accountRow(id, n, ITEMS_PER_ACCOUNT, now)),
      accountRow(pushAccountId, ACCOUNTS, 0, now),
    ]);
    await tx.tables.write('sessions', [...accountIds.map((id, n) => session(tokens[n]!, id)), session(pushToken, pushAccountId)]);
    // One item's envelopes are reused within a page of rows: the server stores and serves them as
    // opaque text, so only their size matters, and making a million random ones costs time, not realism.
    for (const accountId of accountIds) {
      const page: TableRows['items'][] = [];
      const shared = envelopes();
      for (let revision = 1; revision <= ITEMS_PER_ACCOUNT; revision += 1) {
        page.push({
          account_id: accountId,
          id: randomUUID(),
          revision,
          deleted: false,
          key_envelope: shared.key,
          overview_envelope: shared.overview,
          details_envelope: shared.details,
          updated_at: now,
        });
      }
      await tx.tables.write('items', page);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Servers and the suite.

function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('KEYHOLD_')));
}

async function startServer(options: { dataDir: string; configFile: string; database: string }): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(
    process.execPath,
    [serverBin, 'start', '--port', '0', '--data-dir', options.dataDir, '--config', options.configFile, '--database', options.database],
    { stdio: ['ignore', 'ignore', 'pipe'], env: childEnv() },
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}):\n${stderr}`)));
  });
  return { proc, url };
}

async function stopServer(server: { proc: ChildProcess }): Promise<void> {
  if (server.proc.exitCode !== null) return;
  const exited = new Promise((resolve) => server.proc.once('exit', resolve));
  server.proc.kill('SIGTERM');
  await exited;
}

function runChild<Result>(mode: '--load' | '--ab', task: unknown): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', here, mode, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Result) : reject(new Error(`load generator exited ${code}`))));
  });
}

/** Push on `pushUrl`, event on a WebSocket to `eventUrl`: ms from the push's answer to the event. */
async function pushToEvent(options: { pushUrl: string; eventUrl: string; token: string }): Promise<number[]> {
  const socket = new WebSocket(`${options.eventUrl.replace('http', 'ws')}/events`, ['keyhold-events.v1', `bearer.${options.token}`]);
  let heard = 0;
  let waiter: { revision: number; resolve: (at: number) => void } | undefined;
  socket.on('message', (raw) => {
    const message = JSON.parse((raw as Buffer).toString()) as { type: string; revision?: number };
    if (message.type !== 'revision') return;
    heard = Math.max(heard, message.revision!);
    if (waiter && heard >= waiter.revision) waiter.resolve(performance.now());
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const agent = new Agent({ keepAlive: true });
  const delays: number[] = [];
  try {
    for (let round = 0; round < EVENT_ROUNDS; round += 1) {
      const item = { id: randomUUID(), baseRevision: 0, deleted: false, envelopes: envelopes() };
      const result = await call(agent, { url: options.pushUrl, token: options.token, path: 'sync.push', input: { items: [item] }, method: 'POST' });
      const ackAt = performance.now();
      const revision = (result.accepted as { revision: number }[])[0]!.revision;
      const eventAt =
        heard >= revision
          ? Promise.resolve(ackAt)
          : new Promise<number>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error(`no event for revision ${revision} within 5 s`)), 5_000);
              waiter = {
                revision,
                resolve: (at) => {
                  clearTimeout(timer);
                  resolve(at);
                },
              };
            });
      delays.push(Math.max(0, (await eventAt) - ackAt));
      waiter = undefined;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    agent.destroy();
    socket.terminate();
  }
  return delays;
}

/** `keyhold-server copy` of a server with one account of 10,000 items into an empty PostgreSQL database. */
async function copyBenchmark(root: string, postgres: PostgresCluster, configFile: string): Promise<number> {
  const path = join(root, 'copy-10k.sqlite');
  const storage = createSqliteStorage(openDatabase(path));
  await storage.migrate();
  const now = Date.now();
  const accountId = randomUUID();
  await storage.transaction(async (tx) => {
    await tx.tables.write('accounts', [accountRow(accountId, 0, ITEMS_PER_ACCOUNT, now)]);
    const items: TableRows['items'][] = [];
    for (let revision = 1; revision <= ITEMS_PER_ACCOUNT; revision += 1) {
      const e = envelopes();
      items.push({
        account_id: accountId,
        id: randomUUID(),
        revision,
        deleted: false,
        key_envelope: e.key,
        overview_envelope: e.overview,
        details_envelope: e.details,
        updated_at: now,
      });
    }
    await tx.tables.write('items', items);
  });
  await storage.close();
  postgres.run('createdb', ['-h', postgres.dir, '-U', 'keyhold', 'copy10k']);
  const to = `postgresql://keyhold@localhost/copy10k?host=${encodeURIComponent(postgres.dir)}`;
  const started = performance.now();
  const copied = spawnSync(
    process.execPath,
    [serverBin, 'copy', '--from', `sqlite:${path}`, '--to', to, '--data-dir', join(root, 'copy-data'), '--config', configFile],
    { env: childEnv(), encoding: 'utf8' },
  );
  const elapsed = performance.now() - started;
  if (copied.status !== 0 || !/10000 items/.test(copied.stdout)) throw new Error(`copy failed (${copied.status}):\n${copied.stdout}${copied.stderr}`);
  return elapsed;
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'keyhold-bench-server-'));
  let postgres: PostgresCluster | undefined;
  const servers: { proc: ChildProcess; url: string }[] = [];
  try {
    const configFile = join(root, 'config.json');
    // The per-address budget (2,000 / 5 min by default) would stop a benchmark from one address; a
    // large one keeps it counting (and shared through the database) without refusing.
    writeFileSync(
      configFile,
      JSON.stringify({
        secret: randomBytes(32).toString('hex'),
        rateLimit: { requests: 100_000_000, windowSeconds: 300 },
        authKeyHash: { memoryKiB: 1024, iterations: 1, parallelism: 1 },
      }),
    );
    const t0 = performance.now();
    postgres = startPostgresCluster({ purpose: 'The server benchmark', settings: ['-c max_connections=300', '-c shared_buffers=256MB'] });
    postgres.run('createdb', ['-h', postgres.dir, '-U', 'keyhold', 'keyhold']);
    const pgUrl = `postgresql://keyhold@localhost/keyhold?host=${encodeURIComponent(postgres.dir)}`;
    const postmasterPid = Number(readFileSync(join(postgres.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);

    const sqlitePath = join(root, 'keyhold.sqlite');
    const sqlite = createSqliteStorage(openDatabase(sqlitePath));
    await sqlite.migrate();
    const pg = createPostgresStorage({ connectionString: pgUrl });
    await pg.migrate();
    // The same accounts and sessions in both, written at once (the PostgreSQL server works while
    // this process writes SQLite).
    const seeded = newSeed();
    await Promise.all([seed(sqlite, seeded), seed(pg, seeded)]);
    await pg.close();
    await sqlite.close();
    // Fresh planner statistics, as autovacuum would have after a real import.
    postgres.run('psql', ['-h', postgres.dir, '-U', 'keyhold', '-d', 'keyhold', '-qc', 'ANALYZE']);
    const seededMs = performance.now() - t0;
    console.log(`seeded ${ACCOUNTS} × ${ITEMS_PER_ACCOUNT} items into SQLite and PostgreSQL in ${Math.round(seededMs / 1000)} s`);

    // This machine is shared: the 1-minute load average says how much else ran (2 cores here).
    const metrics: Record<string, number> = { load_avg_1m_at_start: loadavg()[0]! };
    const layouts: { name: Layout; database: string; replicas: number }[] = [
      { name: 'sqlite', database: `sqlite:${sqlitePath}`, replicas: 1 },
      { name: 'pg1', database: pgUrl, replicas: 1 },
      { name: 'pg2', database: pgUrl, replicas: 2 },
    ];
    let pushToEventDelays: number[] = [];
    for (const layout of layouts) {
      for (let n = 0; n < layout.replicas; n += 1) {
        servers.push(await startServer({ dataDir: join(root, `data-${layout.name}-${n}`), configFile, database: layout.database }));
      }
      console.log(`${layout.name}: ${servers.length} server process(es); ${PULL_CLIENTS} clients pulling for ${MEASURE_MS / 1000} s…`);
      // A fresh empty account per layout for the push measurement (a push account per database).
      const result = await runChild<LoadResult>('--load', {
        urls: servers.map((server) => server.url),
        tokens: seeded.tokens,
        pushToken: seeded.pushToken,
        serverPids: servers.map((server) => server.proc.pid!),
        postmasterPid: layout.name === 'sqlite' ? null : postmasterPid,
      });
      metrics[`pull_rps_${layout.name}`] = Math.round(result.pullRequests / result.pullSeconds);
      metrics[`pull_p50_ms_${layout.name}`] = percentile(result.pullLatenciesMs, 50);
      metrics[`pull_p99_ms_${layout.name}`] = percentile(result.pullLatenciesMs, 99);
      metrics[`pull_errors_${layout.name}`] = result.pullErrors;
      metrics[`pull_paced_p50_ms_${layout.name}`] = percentile(result.pacedLatenciesMs, 50);
      metrics[`pull_paced_p99_ms_${layout.name}`] = percentile(result.pacedLatenciesMs, 99);
      metrics[`pull_paced_errors_${layout.name}`] = result.pacedErrors;
      if (result.serverCpuMs !== null) metrics[`pull_server_cpu_ms_${layout.name}`] = result.serverCpuMs;
      if (result.dbCpuMs !== null) metrics[`pull_db_cpu_ms_${layout.name}`] = result.dbCpuMs;
      if (result.pacedServerCpuMs !== null) metrics[`pull_paced_server_cpu_ms_${layout.name}`] = result.pacedServerCpuMs;
      if (result.pacedDbCpuMs !== null) metrics[`pull_paced_db_cpu_ms_${layout.name}`] = result.pacedDbCpuMs;
      metrics[`full_pull_10k_ms_${layout.name}`] = result.fullPullMedianMs;
      metrics[`push_items_per_s_${layout.name}`] = Math.round(result.pushItemsPerSecond);
      if (layout.name === 'pg2') {
        pushToEventDelays = await pushToEvent({ pushUrl: servers[0]!.url, eventUrl: servers[1]!.url, token: seeded.tokens[1]! });
      }
      await Promise.all(servers.splice(0).map(stopServer));
    }
    // A/B: one pg1 process and two pg2 processes up together, paced rounds alternating between them.
    const abServers: { proc: ChildProcess; url: string }[] = [];
    for (let n = 0; n < 3; n += 1) abServers.push(await startServer({ dataDir: join(root, `data-ab-${n}`), configFile, database: pgUrl }));
    servers.push(...abServers);
    console.log(
      `pg1 against pg2: ${AB_ROUNDS} alternating rounds each of ${AB_ROUND_MS / 1000} s at ${PULL_CLIENTS * (1000 / PACED_INTERVAL_MS)} pulls/s…`,
    );
    const ab = await runChild<{ pg1: number[]; pg2: number[] }>('--ab', {
      pg1: { urls: [abServers[0]!.url], pids: [abServers[0]!.proc.pid!] },
      pg2: { urls: [abServers[1]!.url, abServers[2]!.url], pids: [abServers[1]!.proc.pid!, abServers[2]!.proc.pid!] },
      tokens: seeded.tokens,
      postmasterPid,
    } satisfies AbTask);
    await Promise.all(servers.splice(0).map(stopServer));
    metrics.pull_ab_cpu_ms_pg1 = percentile(ab.pg1, 50);
    metrics.pull_ab_cpu_ms_pg2 = percentile(ab.pg2, 50);
    metrics.pull_ab_cpu_pg2_over_pg1 = metrics.pull_ab_cpu_ms_pg2 / metrics.pull_ab_cpu_ms_pg1;

    metrics.push_to_event_ms_p50 = percentile(pushToEventDelays, 50);
    metrics.push_to_event_ms_p99 = percentile(pushToEventDelays, 99);
    metrics.copy_sqlite_to_postgres_10k_ms = Math.round(await copyBenchmark(root, postgres, configFile));
    metrics.accounts = ACCOUNTS;
    metrics.items_per_account = ITEMS_PER_ACCOUNT;
    metrics.pull_clients = PULL_CLIENTS;
    metrics.pull_paced_rps = Math.round((PULL_CLIENTS * 1000) / PACED_INTERVAL_MS);
    metrics.seed_ms = Math.round(seededMs);
    metrics.load_avg_1m_at_end = loadavg()[0]!;
    report('server', metrics);
  } finally {
    await Promise.all(servers.map(stopServer));
    postgres?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

const loadIndex = process.argv.indexOf('--load');
const abIndex = process.argv.indexOf('--ab');
if (abIndex >= 0) {
  process.stdout.write(JSON.stringify(await runAb(JSON.parse(process.argv[abIndex + 1] ?? '{}') as AbTask)));
} else if (loadIndex >= 0) {
  const result = await runLoad(JSON.parse(process.argv[loadIndex + 1] ?? '{}') as LoadTask);
  process.stdout.write(JSON.stringify(result));
} else {
  await main();
}
