// Sync server benchmark: the real server processes on loopback, in three layouts measured in the
// same run — SQLite (one process), PostgreSQL with one replica (pg1) and PostgreSQL with two
// replicas (pg2, each client pinned to one of them) — on the same data: 100 accounts of 10,000 items
// each (1,000,000 items, ~1 KB of envelopes per item), one open session per account. The load comes
// from a second process (bench/lib/server-load.ts, node:http keep-alive agents).
// `BENCH_QUICK=1 npm run bench -- server` is a ~1-minute development run on 200 items per account,
// with shorter windows and fewer rounds; it writes bench/results/server-quick.json instead.
//
// What issue #15 asks ("100 polling clients", pull_p99_ms ≤ 50 in every layout) and how it is read
// here (docs/adr/0022-server-benchmark.md): a polling client pulls on its own timer; it does not pull
// again the moment an answer arrives. So pull_p99_ms is measured with 100 clients that each pull
// every 250 ms from a random phase (400 pulls/s in all; real devices poll every 5 minutes, so this is
// the load of ~120,000 devices), open loop, latency counted from the scheduled time. The same 100
// clients pulling back to back measure throughput (pull_rps); their p99 is reported as
// pull_saturated_p99_ms, with no limit: in a closed loop at saturation every client waits behind the
// 99 others, so p99 ≈ 100 ÷ pull_rps — a restatement of the throughput, not a latency a device sees.
//
// Seeding (not measured as a server figure): rows go in through the storage adapters' own bulk path,
// `tables.write` — the code `keyhold-server copy` uses — rather than 10,000 HTTP pushes per account,
// into SQLite and PostgreSQL at once, then VACUUM ANALYZE (so that autovacuum has nothing left to do
// on the fresh million rows while CPU is measured). Sessions are seeded the same way, with tokens
// made by the server's own session code.
//
// Per layout (suffix _sqlite, _pg1, _pg2), one layout's servers up at a time:
//   pull_p50_ms, pull_p99_ms      THE ISSUE'S FIGURE: 100 polling clients as above, 4,000 pulls
//   pull_rps                      100 clients pulling back to back for 6 s after 1 s of warm-up
//   pull_saturated_p50_ms/_p99_ms the latencies of that saturating run (queueing, see above)
//   full_pull_10k_ms              one account's 10,000 items from revision 0, paginated; median of 3
//   push_items_per_s              2,000 new items pushed into an empty account, 100 per push
// CPU per pull, all layouts' servers up together (4 processes) and idle but for the one measured:
//   cpu_ms_per_pull               server processes + PostgreSQL (every child of the postmaster:
//                                 backends, the LISTEN connections, background workers) per pull,
//                                 split as server_cpu_ms_per_pull and db_cpu_ms_per_pull; median of
//                                 5 rounds of 2,000 polled pulls, the layouts taking turns in each
//                                 round (rotating order) after a warm-up round each. CPU is the
//                                 scheduler's exact run time of every thread (bench/lib/process-cpu.ts)
//   cpu_per_pull_pg2_over_pg1     median over rounds of pg2 ÷ pg1 (adjacent in time, so the machine's
//                                 other load weighs on both alike); cpu_rounds_spread_pct is the
//                                 widest (max − min) ÷ median of a layout's rounds, the noise floor
//   cpu_ms_per_pull_pg2_at_double_rate, cpu_per_pull_pg2_at_double_rate_over_pg1
//                                 pg2 polled at 800 pulls/s, so that each of its processes is as busy
//                                 as pg1's one: an event-loop server spends less per request the
//                                 busier it is (one wake-up serves several), so at the same total rate
//                                 pg2 pays for being half as busy per process, not for being two
//   db_cpu_ms_per_s_idle          PostgreSQL's CPU per second during the SQLite rounds (its floor)
//   server_cpu_ms_per_s_idle      an idle server process's CPU per second (the other layouts' meanwhile)
//   db_connections_opened_per_round  PostgreSQL processes started during a round (pool churn)
// And:
//   push_to_event_ms_p50/_p99     pg2: a WebSocket on replica B for an account; 100 pushes of one item
//                                 through replica A; from the push's answer arriving to the event
//                                 arriving (0 when the event came first), the servers otherwise idle
//   copy_sqlite_to_postgres_10k_ms `keyhold-server copy --from sqlite:… --to postgres://…` of a server
//                                 holding one account of 10,000 items, wall time of the command
// load_avg_1m_at_start/_at_end: the machine's 1-minute load average, since what else runs moves
// every figure here (saturating runs most; CPU per pull least).
// Limits (printed at the end, pass or fail): see TARGETS below and docs/architecture.md,
// "Performance budgets".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
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
import { call, envelopes, type CpuRound, type CpuTask, type LoadResult, type LoadTask } from '../lib/server-load';

const QUICK = process.env.BENCH_QUICK === '1';
/** Development: BENCH_QUICK=1 BENCH_SERVER_ONLY=cpu runs the CPU rounds alone. */
const ONLY_CPU = QUICK && process.env.BENCH_SERVER_ONLY === 'cpu';
const S = {
  accounts: 100,
  itemsPerAccount: QUICK ? 200 : 10_000,
  /** Each polling client pulls this often; 100 clients → 400 pulls/s. */
  pollIntervalMs: 250,
  /** Pulls of the latency run (10 s) and of each CPU round (5 s). */
  pollPulls: QUICK ? 1_200 : 4_000,
  cpuPulls: QUICK ? 800 : 2_000,
  cpuRounds: QUICK ? 2 : 5,
  saturate: { warmupMs: QUICK ? 500 : 1_000, measureMs: QUICK ? 2_000 : 6_000 },
  pushItems: QUICK ? 500 : 2_000,
  pushBatch: 100,
  eventRounds: QUICK ? 20 : 100,
  copyItems: QUICK ? 1_000 : 10_000,
};
const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');
const here = fileURLToPath(import.meta.url);
const serverBin = join(here, '..', '..', '..', 'sync-server', 'bin', 'keyhold-server.mjs');
const loadGenerator = join(here, '..', '..', 'lib', 'server-load.ts');

const LAYOUTS = [
  { name: 'sqlite', replicas: 1 },
  { name: 'pg1', replicas: 1 },
  { name: 'pg2', replicas: 2 },
] as const;
type Layout = (typeof LAYOUTS)[number]['name'];
/** The CPU rounds' extra layout: pg2's two processes polled at twice the rate. */
const PG2_DOUBLE_RATE = 'pg2_at_double_rate';

/**
 * The limits the run is judged by. pull_p99_ms, the CPU rule and push_to_event_ms_p99 are issue
 * #15's; pull_rps and full_pull_10k_ms for SQLite are docs/architecture.md's. The CPU ratio's 1.15:
 * two replicas do the same work per pull as one, plus per-process costs that do not scale with
 * pulls (a request-budget upsert per second, a LISTEN connection, timers), under 1 % at 400 pulls/s;
 * the rest of the allowance is each of pg2's processes being half as busy (see cpuMetrics; ~10 %
 * here) and the rounds' spread on this shared 2-core machine (cpu_rounds_spread_pct).
 */
const TARGETS: { metric: string; limit: number; atMost: boolean; why: string }[] = [
  ...LAYOUTS.map(({ name }) => ({ metric: `pull_p99_ms_${name}`, limit: 50, atMost: true, why: '100 polling clients, issue #15' })),
  { metric: 'cpu_per_pull_pg2_over_pg1', limit: 1.15, atMost: true, why: 'CPU per pull does not grow with replicas, issue #15' },
  { metric: 'push_to_event_ms_p99', limit: 1_000, atMost: true, why: 'push on one replica → event on the other, issue #15' },
  { metric: 'pull_rps_sqlite', limit: 2_000, atMost: false, why: 'docs/architecture.md' },
  { metric: 'full_pull_10k_ms_sqlite', limit: 2_000, atMost: true, why: 'docs/architecture.md' },
];

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
    accountIds: Array.from({ length: S.accounts }, () => randomUUID()),
    tokens: Array.from({ length: S.accounts }, () => generateSessionToken()),
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
      ...accountIds.map((id, n) => accountRow(id, n, S.itemsPerAccount, now)),
      accountRow(pushAccountId, S.accounts, 0, now),
    ]);
    await tx.tables.write('sessions', [...accountIds.map((id, n) => session(tokens[n]!, id)), session(pushToken, pushAccountId)]);
    // One item's envelopes are reused within a page of rows: the server stores and serves them as
    // opaque text, so only their size matters, and making a million random ones costs time, not realism.
    for (const accountId of accountIds) {
      const page: TableRows['items'][] = [];
      const shared = envelopes();
      for (let revision = 1; revision <= S.itemsPerAccount; revision += 1) {
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
      stderr = (stderr + chunk.toString()).slice(-4_000);
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

function runChild<Result>(mode: '--load' | '--cpu', task: LoadTask | CpuTask): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', loadGenerator, mode, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    for (let round = 0; round < S.eventRounds; round += 1) {
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

/** `keyhold-server copy` of a server with one account of 10,000 items (quick: fewer) into an empty PostgreSQL database. */
async function copyBenchmark(root: string, postgres: PostgresCluster, configFile: string): Promise<number> {
  const path = join(root, 'copy-10k.sqlite');
  const storage = createSqliteStorage(openDatabase(path));
  await storage.migrate();
  const now = Date.now();
  const accountId = randomUUID();
  await storage.transaction(async (tx) => {
    await tx.tables.write('accounts', [accountRow(accountId, 0, S.copyItems, now)]);
    const items: TableRows['items'][] = [];
    for (let revision = 1; revision <= S.copyItems; revision += 1) {
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
  if (copied.status !== 0 || !copied.stdout.includes(`${S.copyItems} items`))
    throw new Error(`copy failed (${copied.status}):\n${copied.stdout}${copied.stderr}`);
  return elapsed;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

/** Per-layout CPU figures from the rounds: medians, the pg2/pg1 ratio by round, and the spread. */
function cpuMetrics(rounds: CpuRound[]): Record<string, number> {
  const metrics: Record<string, number> = {};
  const of = (layout: Layout | typeof PG2_DOUBLE_RATE) => rounds.filter((round) => round.layout === layout);
  const perPull = (round: CpuRound) => (round.serverMs + round.dbMs) / round.pulls;
  /** Median over rounds of a layout's CPU per pull over pg1's in the same round. */
  const overPg1 = (layout: Layout | typeof PG2_DOUBLE_RATE) =>
    median(of(layout).map((round) => perPull(round) / perPull(of('pg1').find((other) => other.round === round.round)!)));
  const failed = rounds.filter((round) => round.errors > 0);
  if (failed.length > 0) throw new Error(`CPU rounds with failed pulls: ${JSON.stringify(failed)}`);
  let spread = 0;
  for (const { name } of LAYOUTS) {
    const total = of(name).map((round) => (round.serverMs + (name === 'sqlite' ? 0 : round.dbMs)) / round.pulls);
    metrics[`cpu_ms_per_pull_${name}`] = median(total);
    metrics[`server_cpu_ms_per_pull_${name}`] = median(of(name).map((round) => round.serverMs / round.pulls));
    if (name !== 'sqlite') {
      metrics[`db_cpu_ms_per_pull_${name}`] = median(of(name).map((round) => round.dbMs / round.pulls));
      metrics[`db_connections_opened_per_round_${name}`] = median(of(name).map((round) => round.dbProcessesStarted));
    }
    spread = Math.max(spread, ((Math.max(...total) - Math.min(...total)) / median(total)) * 100);
  }
  metrics.cpu_per_pull_pg2_over_pg1 = overPg1('pg2');
  // An event-loop server spends less per request the busier it is (one wake-up serves several
  // requests): at the same total rate each of pg2's processes is half as busy as pg1's one. At twice
  // the rate each is as busy as pg1's, which leaves only what a second replica itself costs.
  metrics.cpu_ms_per_pull_pg2_at_double_rate = median(of(PG2_DOUBLE_RATE).map(perPull));
  metrics.cpu_per_pull_pg2_at_double_rate_over_pg1 = overPg1(PG2_DOUBLE_RATE);
  metrics.cpu_rounds_spread_pct = spread;
  metrics.db_cpu_ms_per_s_idle = median(of('sqlite').map((round) => round.dbMs / round.seconds));
  metrics.server_cpu_ms_per_s_idle = median(rounds.map((round) => round.idleServerMs / round.idleServers / round.seconds));
  return metrics;
}

/** Prints which figures the issue and the architecture set limits on, and whether this run met them. */
function printTargets(metrics: Record<string, number>): void {
  console.log('\nLimits (issue #15 and docs/architecture.md):');
  for (const target of TARGETS) {
    const value = metrics[target.metric];
    if (value === undefined) continue;
    const met = target.atMost ? value <= target.limit : value >= target.limit;
    console.log(
      `  ${met ? 'met   ' : 'MISSED'} ${target.metric} = ${value.toFixed(2)} (${target.atMost ? '≤' : '≥'} ${target.limit}; ${target.why})`,
    );
  }
  console.log(
    '  pull_p99_ms is the latency of 100 clients polling every 250 ms; pull_saturated_p99_ms (no limit) is queueing\n' +
      '  behind the 99 other clients in the back-to-back throughput run (≈ 100 ÷ pull_rps).',
  );
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
    // Fresh planner statistics and visibility map, as autovacuum would leave them after a real import.
    postgres.run('psql', ['-h', postgres.dir, '-U', 'keyhold', '-d', 'keyhold', '-qc', 'VACUUM ANALYZE']);
    const seededMs = performance.now() - t0;
    console.log(`seeded ${S.accounts} × ${S.itemsPerAccount} items into SQLite and PostgreSQL in ${Math.round(seededMs / 1000)} s`);

    // This machine is shared: the 1-minute load average says how much else ran (2 cores here).
    const metrics: Record<string, number> = { load_avg_1m_at_start: loadavg()[0]! };
    const database = (layout: Layout) => (layout === 'sqlite' ? `sqlite:${sqlitePath}` : pgUrl);
    const start = (layout: Layout, n: number) => startServer({ dataDir: join(root, `data-${layout}-${n}`), configFile, database: database(layout) });

    let pushToEventDelays: number[] = [0];
    for (const layout of ONLY_CPU ? [] : LAYOUTS) {
      for (let n = 0; n < layout.replicas; n += 1) servers.push(await start(layout.name, n));
      console.log(`${layout.name}: ${servers.length} server process(es); push, full pull, saturation, then ${S.accounts} polling clients…`);
      const result = await runChild<LoadResult>('--load', {
        urls: servers.map((server) => server.url),
        tokens: seeded.tokens,
        pushToken: seeded.pushToken,
        itemsPerAccount: S.itemsPerAccount,
        pushItems: S.pushItems,
        pushBatch: S.pushBatch,
        saturate: S.saturate,
        poll: { intervalMs: S.pollIntervalMs, pulls: S.pollPulls },
      });
      const name = layout.name;
      metrics[`pull_p50_ms_${name}`] = median(result.polled.latenciesMs);
      metrics[`pull_p99_ms_${name}`] = percentile(result.polled.latenciesMs, 99);
      metrics[`pull_errors_${name}`] = result.polled.errors;
      metrics[`pull_rps_${name}`] = Math.round(result.saturated.latenciesMs.length / result.saturated.seconds);
      metrics[`pull_saturated_p50_ms_${name}`] = median(result.saturated.latenciesMs);
      metrics[`pull_saturated_p99_ms_${name}`] = percentile(result.saturated.latenciesMs, 99);
      metrics[`pull_saturated_errors_${name}`] = result.saturated.errors;
      metrics[`full_pull_10k_ms_${name}`] = result.fullPullMedianMs;
      metrics[`push_items_per_s_${name}`] = Math.round(result.pushItemsPerSecond);
      if (name === 'pg2') {
        pushToEventDelays = await pushToEvent({ pushUrl: servers[0]!.url, eventUrl: servers[1]!.url, token: seeded.pushToken });
      }
      await Promise.all(servers.splice(0).map(stopServer));
    }

    // CPU per pull: every layout's servers up at once, the layouts taking turns.
    const cpuLayouts: CpuTask['layouts'] = [];
    for (const layout of LAYOUTS) {
      const started: { proc: ChildProcess; url: string }[] = [];
      for (let n = 0; n < layout.replicas; n += 1) started.push(await start(layout.name, n));
      servers.push(...started);
      cpuLayouts.push({ name: layout.name, urls: started.map((server) => server.url), pids: started.map((server) => server.proc.pid!) });
    }
    // The same two replicas at twice the rate: each process as busy as pg1's one (see cpuMetrics).
    const pg2 = cpuLayouts.find((layout) => layout.name === 'pg2')!;
    cpuLayouts.push({ ...pg2, name: PG2_DOUBLE_RATE, intervalMs: S.pollIntervalMs / 2 });
    console.log(`CPU per pull: ${S.cpuRounds} rounds of ${S.cpuPulls} polled pulls per layout, layouts taking turns…`);
    const rounds = await runChild<CpuRound[]>('--cpu', {
      layouts: cpuLayouts,
      tokens: seeded.tokens,
      since: S.itemsPerAccount,
      postmasterPid,
      rounds: S.cpuRounds,
      poll: { intervalMs: S.pollIntervalMs, pulls: S.cpuPulls },
    });
    await Promise.all(servers.splice(0).map(stopServer));
    Object.assign(metrics, cpuMetrics(rounds));

    metrics.push_to_event_ms_p50 = median(pushToEventDelays);
    metrics.push_to_event_ms_p99 = percentile(pushToEventDelays, 99);
    metrics.copy_sqlite_to_postgres_10k_ms = Math.round(await copyBenchmark(root, postgres, configFile));
    metrics.accounts = S.accounts;
    metrics.items_per_account = S.itemsPerAccount;
    metrics.pull_clients = S.accounts;
    metrics.poll_interval_ms = S.pollIntervalMs;
    metrics.pull_polled_rps = Math.round((S.accounts * 1000) / S.pollIntervalMs);
    metrics.cpu_rounds = S.cpuRounds;
    metrics.cpu_pulls_per_round = S.cpuPulls;
    metrics.seed_ms = Math.round(seededMs);
    metrics.load_avg_1m_at_end = loadavg()[0]!;
    report(QUICK ? 'server-quick' : 'server', metrics);
    printTargets(metrics);
  } finally {
    await Promise.all(servers.map(stopServer));
    postgres?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
