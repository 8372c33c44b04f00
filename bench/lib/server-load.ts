// The load generator of the server benchmark (bench/suites/server.ts), run as a process of its own
// so that its CPU is neither the servers' nor the suite's: `tsx server-load.ts --load|--cpu TASK`.
// It speaks tRPC over node:http keep-alive agents (queries: GET ?input=, mutations: POST) and prints
// its result as JSON on stdout.
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { childrenOf, cpuOf, cpuSpent } from './process-cpu';
import { percentile } from './report';

export type LoadTask = {
  urls: string[];
  /** One per client (and account); client i uses urls[i % urls.length]. */
  tokens: string[];
  /** An account with no items, for the push measurement. */
  pushToken: string;
  itemsPerAccount: number;
  pushItems: number;
  pushBatch: number;
  saturate: { warmupMs: number; measureMs: number };
  poll: Polling;
};
/** Every client pulls once per `intervalMs`, at a random phase, until `pulls` pulls were made in all. */
export type Polling = { intervalMs: number; pulls: number };
export type Latencies = { latenciesMs: number[]; errors: number; seconds: number };
export type LoadResult = { pushItemsPerSecond: number; fullPullMedianMs: number; saturated: Latencies; polled: Latencies };

export type CpuTask = {
  /** `intervalMs`: this layout's clients poll at their own interval instead of `poll.intervalMs`. */
  layouts: { name: string; urls: string[]; pids: number[]; intervalMs?: number }[];
  tokens: string[];
  since: number;
  /** PostgreSQL's postmaster: all its children (backends and background workers) are the database's CPU. */
  postmasterPid: number;
  rounds: number;
  poll: Polling;
};
export type CpuRound = {
  layout: string;
  round: number;
  pulls: number;
  errors: number;
  seconds: number;
  serverMs: number;
  dbMs: number;
  /** CPU of the other layouts' server processes meanwhile (idle), and how many they are. */
  idleServerMs: number;
  idleServers: number;
  /** PostgreSQL processes that started during the round: new connections (a pool replacing idle ones). */
  dbProcessesStarted: number;
};

// ---------------------------------------------------------------------------------------------

export function call(agent: Agent, options: { url: string; token?: string; path: string; input: unknown; method: 'GET' | 'POST' }) {
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
export const envelopes = () => ({ key: b64(62), overview: b64(240), details: b64(460) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polling clients: each pulls "since current" every `intervalMs` from a random phase, so their
 * requests are spread the way independent devices' timers are. Open loop: latency counts from the
 * scheduled time, so a server that falls behind is charged for the wait (no coordinated omission).
 */
export async function poll(options: { urls: string[]; tokens: string[]; since: number; polling: Polling }): Promise<Latencies> {
  const clients = options.tokens.length;
  const perClient = Math.ceil(options.polling.pulls / clients);
  const latenciesMs: number[] = [];
  let errors = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const start = performance.now() + 100;
  const client = async (n: number) => {
    const phase = Math.random() * options.polling.intervalMs;
    for (let k = 0; k < perClient; k += 1) {
      const scheduled = start + phase + k * options.polling.intervalMs;
      const wait = scheduled - performance.now();
      if (wait > 0) await sleep(wait);
      try {
        const url = options.urls[n % options.urls.length]!;
        const page = await call(agent, { url, token: options.tokens[n], path: 'sync.pull', input: { since: options.since }, method: 'GET' });
        if (page.items.length !== 0) throw new Error('pull since current returned items');
        latenciesMs.push(performance.now() - scheduled);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  agent.destroy();
  return { latenciesMs, errors, seconds: (performance.now() - start) / 1000 };
}

/** Every client pulls back to back (each waits for its answer, then pulls again): the throughput. */
async function saturate(options: { urls: string[]; tokens: string[]; since: number; warmupMs: number; measureMs: number }): Promise<Latencies> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.tokens.length });
  const latenciesMs: number[] = [];
  let errors = 0;
  let measuring = false;
  let stopped = false;
  const client = async (n: number) => {
    while (!stopped) {
      // Only requests that start inside the window count (one begun during warm-up does not).
      const counted = measuring;
      const started = performance.now();
      try {
        const url = options.urls[n % options.urls.length]!;
        const page = await call(agent, { url, token: options.tokens[n], path: 'sync.pull', input: { since: options.since }, method: 'GET' });
        if (page.items.length !== 0) throw new Error('pull since current returned items');
        if (counted) latenciesMs.push(performance.now() - started);
      } catch {
        if (counted) errors += 1;
      }
    }
  };
  const clients = Array.from({ length: options.tokens.length }, (_, n) => client(n));
  await sleep(options.warmupMs);
  measuring = true;
  const measureStarted = performance.now();
  await sleep(options.measureMs);
  measuring = false;
  const seconds = (performance.now() - measureStarted) / 1000;
  stopped = true;
  await Promise.all(clients);
  agent.destroy();
  return { latenciesMs, errors, seconds };
}

async function runLoad(task: LoadTask): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true });
  const urlOf = (client: number) => task.urls[client % task.urls.length]!;

  const pushStarted = performance.now();
  for (let done = 0; done < task.pushItems; done += task.pushBatch) {
    const items = Array.from({ length: task.pushBatch }, () => ({ id: randomUUID(), baseRevision: 0, deleted: false, envelopes: envelopes() }));
    const result = await call(agent, {
      url: urlOf(done / task.pushBatch),
      token: task.pushToken,
      path: 'sync.push',
      input: { items },
      method: 'POST',
    });
    if (result.accepted.length !== task.pushBatch) throw new Error('push was not fully accepted');
  }
  const pushItemsPerSecond = task.pushItems / ((performance.now() - pushStarted) / 1000);

  const fullPulls: number[] = [];
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
    if (count !== task.itemsPerAccount) throw new Error(`full pull returned ${count} items`);
  }
  agent.destroy();

  const common = { urls: task.urls, tokens: task.tokens, since: task.itemsPerAccount };
  const saturated = await saturate({ ...common, ...task.saturate });
  const polled = await poll({ ...common, polling: task.poll });
  return { pushItemsPerSecond, fullPullMedianMs: percentile(fullPulls, 50), saturated, polled };
}

/**
 * CPU per pull of each layout: rounds of the same fixed number of polled pulls, the layouts taking
 * turns within a round (in an order that rotates from round to round) while all their servers are
 * up, so that what else the machine runs weighs on every layout alike. Before the measured rounds,
 * one round per layout warms the servers up (JIT, connection pools, prepared statements). Each
 * round charges the layout's server processes and every child of the postmaster.
 */
async function runCpu(task: CpuTask): Promise<CpuRound[]> {
  const rounds: CpuRound[] = [];
  for (let round = -1; round < task.rounds; round += 1) {
    const shift = Math.max(0, round) % task.layouts.length;
    const order = [...task.layouts.slice(shift), ...task.layouts.slice(0, shift)];
    for (const layout of order) {
      const dbPids = () => childrenOf(task.postmasterPid);
      const idlePids = task.layouts.filter((other) => !other.pids.some((pid) => layout.pids.includes(pid))).flatMap((other) => other.pids);
      const idleBefore = cpuOf(idlePids);
      const serverBefore = cpuOf(layout.pids);
      const dbBefore = cpuOf(dbPids());
      const polling = { ...task.poll, intervalMs: layout.intervalMs ?? task.poll.intervalMs };
      const run = await poll({ urls: layout.urls, tokens: task.tokens, since: task.since, polling });
      const serverAfter = cpuOf(layout.pids);
      const dbAfter = cpuOf(dbPids());
      const idleAfter = cpuOf(idlePids);
      if (serverAfter.size !== layout.pids.length) throw new Error(`${layout.name}: a server process ended during the CPU rounds`);
      if (round < 0) continue;
      rounds.push({
        layout: layout.name,
        round,
        pulls: run.latenciesMs.length,
        errors: run.errors,
        seconds: run.seconds,
        serverMs: cpuSpent(serverBefore, serverAfter),
        dbMs: cpuSpent(dbBefore, dbAfter),
        idleServerMs: cpuSpent(idleBefore, idleAfter),
        idleServers: idlePids.length,
        dbProcessesStarted: [...dbAfter.keys()].filter((pid) => !dbBefore.has(pid)).length,
      });
    }
  }
  return rounds;
}

// Run as a process (not imported, as the suite imports envelopes()).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, json] = process.argv.slice(2);
  const task: unknown = JSON.parse(json ?? '{}');
  if (mode === '--load') process.stdout.write(JSON.stringify(await runLoad(task as LoadTask)));
  else if (mode === '--cpu') process.stdout.write(JSON.stringify(await runCpu(task as CpuTask)));
  else throw new Error(`server-load: unknown mode ${mode}`);
}
