// Runs a command against a throwaway PostgreSQL server:
//   npx tsx sync-server/scripts/with-postgres.ts -- npx vitest run --project unit
// creates a cluster with initdb in a temp directory, starts it with pg_ctl on a Unix socket in that
// directory (no TCP port; postgres-cluster.ts), runs the command with KEYHOLD_TEST_DATABASE pointing
// at it, then stops the server and deletes the directory — also when the command fails or the run is
// interrupted — and exits with the command's status. Missing binaries are an error that says how to
// install them, never a silent skip.
import { spawn } from 'node:child_process';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

const separator = process.argv.indexOf('--');
const command = separator === -1 ? [] : process.argv.slice(separator + 1);
if (command.length === 0) {
  process.stderr.write('Usage: with-postgres.ts -- COMMAND [ARGS…]\n');
  process.exit(2);
}

let cluster: PostgresCluster;
try {
  const startedAt = Date.now();
  cluster = startPostgresCluster({ purpose: 'The server suite runs on PostgreSQL too and' });
  process.stderr.write(
    `with-postgres: PostgreSQL ${cluster.bin.split('/').at(-2) ?? ''} on ${cluster.dir} (${Date.now() - startedAt} ms) as ${cluster.user}\n`,
  );
} catch (error) {
  process.stderr.write(`with-postgres: ${(error as Error).message}\n`);
  process.exit(1);
}

function cleanUp(): void {
  try {
    cluster.stop();
  } catch (error) {
    process.stderr.write(`with-postgres: ${(error as Error).message}\n`);
  }
}
process.on('exit', cleanUp);

const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, KEYHOLD_TEST_DATABASE: cluster.url } });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
