// The per-address request budget is one budget for every server process on a database (PostgreSQL
// when KEYHOLD_TEST_DATABASE names one, else one SQLite file): a client alternating between two
// replicas gets the budget (plus at most one slice per process), not twice the budget, and both
// replicas then refuse it with 429 and Retry-After. A restarted replica still knows the count.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server';
import { TEST_SECRET } from '../helpers/test-app';
import { createServerDatabase } from '../helpers/test-database';
import { query } from '../helpers/trpc-http';

const BUDGET = 20; // the slice is then 1: every request past the first waits for the database
let shared: Awaited<ReturnType<typeof createServerDatabase>>;
let replicas: SpawnedServer[] = [];
beforeEach(async () => {
  shared = await createServerDatabase();
  const config = { secret: TEST_SECRET, rateLimit: { requests: BUDGET, windowSeconds: 300 } };
  replicas = await Promise.all([spawnServer({ database: shared.database, config }), spawnServer({ database: shared.database, config })]);
});
afterEach(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await shared.close();
});

/** Any request spends the budget; a prelogin for an unknown email is the cheapest public one. */
const ask = (replica: SpawnedServer) => query(replica.url, 'account.prelogin', { email: 'someone@example.org' });

it('two replicas spend one budget per address, and a restarted replica remembers it', async () => {
  const [a, b] = replicas as [SpawnedServer, SpawnedServer];
  const statuses: number[] = [];
  for (let n = 0; n < 3 * BUDGET; n += 1) statuses.push((await ask(n % 2 === 0 ? a : b)).status);
  const admitted = statuses.filter((status) => status !== 429).length;
  expect(statuses.filter((status) => status !== 429 && status !== 200)).toEqual([]);
  // Each process alone would admit BUDGET (2 × BUDGET in all); shared, at most one slice (1) more each.
  expect(admitted).toBeGreaterThanOrEqual(BUDGET);
  expect(admitted).toBeLessThanOrEqual(BUDGET + 2);

  // Both refuse now, in parallel too, saying when to come back.
  const refused = await Promise.all([a, b, a, b].map(ask));
  for (const answer of refused) {
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  }

  // A replica restarted in the same window starts from the database's count, not from zero.
  await b.stop();
  const restarted = await spawnServer({
    database: shared.database,
    config: { secret: TEST_SECRET, rateLimit: { requests: BUDGET, windowSeconds: 300 } },
  });
  replicas = [a, restarted];
  const afterRestart = await Promise.all([ask(restarted), ask(restarted), ask(restarted)]);
  expect(afterRestart.filter((answer) => answer.status !== 429).length).toBeLessThanOrEqual(1);
});
