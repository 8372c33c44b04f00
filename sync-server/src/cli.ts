// `keyhold-server`: the command line of the sync server. Each command lives in cli/ and is loaded
// only when run (startup time matters for a CLI); this file parses arguments, prints help, and maps
// failures to exit codes (1 = failed, 2 = usage error).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, parseDatabase, type ConfigFlags } from './config/server-config';
import { PRIVATE_UMASK } from './security/private-files';
import { SERVER_VERSION } from './version';

const HELP = `keyhold-server ${SERVER_VERSION}: the Keyhold sync server

Usage: keyhold-server <command> [options]

Commands:
  start                 run the server (migrates the database first)
  migrate               apply pending database migrations and exit
  backup FILE           write a consistent copy of a SQLite database to FILE (online; the server may run)
  invite                print a single-use invite token (registration is closed after the first account)
  users                 list accounts
  audit verify          check the audit log's HMAC chain and that it reaches every checkpoint; exit 1
                        if it was tampered with or rolled back
  audit checkpoint      print a MACed checkpoint of the audit log to keep elsewhere (and append it to
                        the checkpoint file)
  copy --from DB --to DB
                        copy every table into a new, empty database (SQLite or PostgreSQL, either
                        way); stop the server first; checks the audit chain on the copy

Options:
  --data-dir DIR        data directory (default ./data; env KEYHOLD_DATA_DIR)
  --database DB         sqlite:PATH or postgres://USER@HOST/DB (default DATA_DIR/keyhold.sqlite;
                        env KEYHOLD_DATABASE); the server secret stays in the data directory
  --port N              port, 0 for any free one (default 8787; env KEYHOLD_PORT)
  --host ADDR           address to listen on (default 127.0.0.1; env KEYHOLD_HOST)
  --config FILE         JSON config file (env KEYHOLD_CONFIG); see docs/self-hosting.md
  --trust-proxy         take the client address from X-Forwarded-For (behind your reverse proxy only)
  --open-registration   let the first account register without an invite (default: start prints one)
  --expires-days N      invite: days until the invite expires (default 7)
  --secret-file FILE    read the server secret from FILE, e.g. kept away from the database
                        (env KEYHOLD_SECRET_FILE)
  --checkpoint FILE     audit verify: also check against checkpoints saved in FILE
  -h, --help            show this help
  -v, --version         print the version

Environment: KEYHOLD_SECRET (server secret; default: generated into DATA_DIR/server-secret), KEYHOLD_SECRET_FILE,
KEYHOLD_TRUST_PROXY, KEYHOLD_OPEN_REGISTRATION, KEYHOLD_PUBLIC_URL, KEYHOLD_RATE_LIMIT_REQUESTS, KEYHOLD_RATE_LIMIT_WINDOW_SECONDS,
KEYHOLD_TOMBSTONE_RETENTION_DAYS.
`;

class UsageError extends Error {}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Every file the server creates is for its own user only (security/private-files.ts).
  process.umask(PRIVATE_UMASK);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        database: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'open-registration': { type: 'boolean' },
        'secret-file': { type: 'string' },
        checkpoint: { type: 'string', multiple: true },
        'expires-days': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const flags: ConfigFlags = {
    config: values.config,
    host: values.host,
    port: values.port,
    dataDir: values['data-dir'],
    database: values.database,
    trustProxy: values['trust-proxy'],
    openRegistration: values['open-registration'],
    secretFile: values['secret-file'],
  };
  try {
    const config = loadConfig({ flags, env, cwd: process.cwd() });
    switch (command) {
      case 'start':
        expectArgs(command, rest, 0);
        return await (await import('./cli/start')).runStart(config);
      case 'migrate':
        expectArgs(command, rest, 0);
        return await (await import('./cli/migrate')).runMigrate(config);
      case 'backup':
        expectArgs(command, rest, 1);
        return await (await import('./cli/backup')).runBackup(config, { file: rest[0] ?? '' });
      case 'invite': {
        expectArgs(command, rest, 0);
        const days = Number(values['expires-days'] ?? 7);
        if (!(days > 0)) throw new UsageError('--expires-days must be a positive number.');
        return await (await import('./cli/invite')).runInvite(config, { expiresDays: days });
      }
      case 'users':
        expectArgs(command, rest, 0);
        return await (await import('./cli/users')).runUsers(config);
      case 'copy': {
        expectArgs(command, rest, 0);
        if (values.from === undefined || values.to === undefined) throw new UsageError('Usage: keyhold-server copy --from DB --to DB');
        const where = { dataDir: config.dataDir, cwd: process.cwd() };
        const from = parseDatabase(values.from, where);
        const to = parseDatabase(values.to, where);
        return await (await import('./cli/copy')).runCopy(config, { from, to });
      }
      case 'audit':
        if (rest.length === 1 && rest[0] === 'verify') {
          return await (await import('./cli/audit-verify')).runAuditVerify(config, { checkpointFiles: values.checkpoint ?? [] });
        }
        if (rest.length === 1 && rest[0] === 'checkpoint') return await (await import('./cli/audit-verify')).runAuditCheckpoint(config);
        throw new UsageError('Usage: keyhold-server audit verify [--checkpoint FILE] | audit checkpoint');
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message} See keyhold-server --help.\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`keyhold-server ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

function expectArgs(command: string, rest: readonly string[], count: number): void {
  if (rest.length !== count) {
    throw new UsageError(count === 0 ? `"${command}" takes no arguments.` : `"${command}" takes ${count} argument${count > 1 ? 's' : ''}.`);
  }
}

process.exitCode = await main(process.argv.slice(2));
