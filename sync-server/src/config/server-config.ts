// The server's configuration: its shape, its defaults, and how one value is chosen from the sources
// (command-line flags > environment > config file > defaults). Read once at start; the secret in it
// is never logged or echoed back in an error.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CHECKPOINT_FILE } from '../audit/checkpoints';

const portSchema = z.int().min(0).max(65535);

/** What a config file may contain (JSON). Unknown keys are an error, so typos do not go unnoticed. */
export const configFileSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: portSchema.optional(),
  dataDir: z.string().min(1).optional(),
  /** sqlite:PATH or postgres://… (default: sqlite in dataDir). See docs/self-hosting.md. */
  database: z.string().min(1).optional(),
  secret: z.string().min(32, 'the server secret must be at least 32 characters').optional(),
  /** A file holding the server secret, kept away from the database (e.g. /run/secrets/keyhold). */
  secretFile: z.string().min(1).optional(),
  /** Where the server appends audit checkpoints (default DATA_DIR/audit-checkpoints): best on another disk. */
  auditCheckpointFile: z.string().min(1).optional(),
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you control). */
  trustProxy: z.boolean().optional(),
  /**
   * The address clients use, e.g. https://keyhold.example.org. Requests naming another host in their
   * Host header are refused (DNS rebinding); IP literals and localhost are always accepted.
   */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The first account may register without an invite (default: it needs the one `start` prints). */
  openRegistration: z.boolean().optional(),
  rateLimit: z
    .strictObject({ requests: z.int().min(1), windowSeconds: z.int().min(1) })
    .partial()
    .optional(),
  loginThrottle: z
    .strictObject({
      freeAttemptsPerAccount: z.int().min(1),
      freeAttemptsPerIp: z.int().min(1),
      baseDelayMs: z.int().min(1),
      maxDelayMs: z.int().min(1),
    })
    .partial()
    .optional(),
  tombstoneRetentionDays: z.number().positive().optional(),
  /** Cost of the Argon2id hash of auth keys (defence in depth: auth keys are already 256-bit). */
  authKeyHash: z
    .strictObject({ memoryKiB: z.int().min(1024), iterations: z.int().min(1), parallelism: z.int().min(1) })
    .partial()
    .optional(),
  shutdownGraceMs: z.int().min(0).optional(),
  /** Live-push streams (/events) allowed at once, per server process (docs/adr/0013-live-push.md). */
  eventStreams: z
    .strictObject({ perAccount: z.int().min(1), perAddress: z.int().min(1) })
    .partial()
    .optional(),
  /** Relay the Pwned Passwords range API at /pwned/range/ for vault health (http/breach-relay.ts); off by default. */
  breachRelay: z
    .strictObject({ enabled: z.boolean(), upstream: z.url({ protocol: /^https?$/ }) })
    .partial()
    .optional(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

/** Where the data lives: a SQLite file (the default, in the data directory) or a PostgreSQL database. */
export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export type ServerConfig = {
  host: string;
  port: number;
  /** Absolute path. */
  dataDir: string;
  database: DatabaseLocation;
  /** Undefined: read or create `<dataDir>/server-secret`. A secret file's content lands here. */
  secret: string | undefined;
  /** Absolute path of the audit checkpoint file (audit/checkpoints.ts). */
  auditCheckpointFile: string;
  trustProxy: boolean;
  /** See configFileSchema.publicUrl; undefined: only IP literals and localhost as Host. */
  publicUrl: string | undefined;
  openRegistration: boolean;
  rateLimit: { requests: number; windowSeconds: number };
  loginThrottle: { freeAttemptsPerAccount: number; freeAttemptsPerIp: number; baseDelayMs: number; maxDelayMs: number };
  tombstoneRetentionDays: number;
  authKeyHash: { memoryKiB: number; iterations: number; parallelism: number };
  shutdownGraceMs: number;
  eventStreams: { perAccount: number; perAddress: number };
  breachRelay: { enabled: boolean; upstream: string };
};

export const DEFAULT_CONFIG: Omit<ServerConfig, 'dataDir' | 'secret' | 'database' | 'publicUrl' | 'auditCheckpointFile'> & { dataDir: string } = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: './data',
  trustProxy: false,
  openRegistration: false,
  rateLimit: { requests: 2000, windowSeconds: 300 },
  loginThrottle: { freeAttemptsPerAccount: 5, freeAttemptsPerIp: 20, baseDelayMs: 1000, maxDelayMs: 15 * 60 * 1000 },
  tombstoneRetentionDays: 90,
  // OWASP Password Storage Cheat Sheet's Argon2id minimum (m=19 MiB, t=2, p=1).
  authKeyHash: { memoryKiB: 19456, iterations: 2, parallelism: 1 },
  shutdownGraceMs: 10_000,
  // A household has a handful of devices; one address may front a whole office behind NAT.
  eventStreams: { perAccount: 10, perAddress: 20 },
  breachRelay: { enabled: false, upstream: 'https://api.pwnedpasswords.com' },
};

/** Flags the CLI understood; strings as typed, validated here like every other source. */
export type ConfigFlags = {
  config?: string;
  host?: string;
  port?: string;
  dataDir?: string;
  database?: string;
  trustProxy?: boolean;
  openRegistration?: boolean;
  secretFile?: string;
};

/** The SQLite file used when no database is configured. */
export const DATABASE_FILE = 'keyhold.sqlite';

export class ConfigError extends Error {}

export function loadConfig(options: { flags: ConfigFlags; env: NodeJS.ProcessEnv; cwd: string }): ServerConfig {
  const { flags, env, cwd } = options;
  const file = readConfigFile(flags.config ?? env.KEYHOLD_CONFIG, cwd);
  const fromEnv = {
    host: env.KEYHOLD_HOST,
    port: parseIntValue('KEYHOLD_PORT', env.KEYHOLD_PORT),
    dataDir: env.KEYHOLD_DATA_DIR,
    database: env.KEYHOLD_DATABASE,
    secret: env.KEYHOLD_SECRET,
    secretFile: env.KEYHOLD_SECRET_FILE,
    trustProxy: parseBoolValue('KEYHOLD_TRUST_PROXY', env.KEYHOLD_TRUST_PROXY),
    openRegistration: parseBoolValue('KEYHOLD_OPEN_REGISTRATION', env.KEYHOLD_OPEN_REGISTRATION),
    publicUrl: env.KEYHOLD_PUBLIC_URL,
    rateRequests: parseIntValue('KEYHOLD_RATE_LIMIT_REQUESTS', env.KEYHOLD_RATE_LIMIT_REQUESTS),
    rateWindow: parseIntValue('KEYHOLD_RATE_LIMIT_WINDOW_SECONDS', env.KEYHOLD_RATE_LIMIT_WINDOW_SECONDS),
    retention: parseNumberValue('KEYHOLD_TOMBSTONE_RETENTION_DAYS', env.KEYHOLD_TOMBSTONE_RETENTION_DAYS),
  };
  const dataDir = resolve(cwd, flags.dataDir ?? fromEnv.dataDir ?? file.dataDir ?? DEFAULT_CONFIG.dataDir);
  const merged = {
    host: flags.host ?? fromEnv.host ?? file.host ?? DEFAULT_CONFIG.host,
    port: parseIntValue('--port', flags.port) ?? fromEnv.port ?? file.port ?? DEFAULT_CONFIG.port,
    dataDir,
    database: parseDatabase(flags.database ?? fromEnv.database ?? file.database, { dataDir, cwd }),
    secret: fromEnv.secret ?? readSecretFile(flags.secretFile ?? (fromEnv.secretFile || undefined) ?? file.secretFile, cwd) ?? file.secret,
    auditCheckpointFile: resolve(cwd, file.auditCheckpointFile ?? resolve(dataDir, CHECKPOINT_FILE)),
    trustProxy: flags.trustProxy ?? fromEnv.trustProxy ?? file.trustProxy ?? DEFAULT_CONFIG.trustProxy,
    openRegistration: flags.openRegistration ?? fromEnv.openRegistration ?? file.openRegistration ?? DEFAULT_CONFIG.openRegistration,
    publicUrl: (fromEnv.publicUrl || undefined) ?? file.publicUrl,
    rateLimit: {
      requests: fromEnv.rateRequests ?? file.rateLimit?.requests ?? DEFAULT_CONFIG.rateLimit.requests,
      windowSeconds: fromEnv.rateWindow ?? file.rateLimit?.windowSeconds ?? DEFAULT_CONFIG.rateLimit.windowSeconds,
    },
    loginThrottle: { ...DEFAULT_CONFIG.loginThrottle, ...file.loginThrottle },
    tombstoneRetentionDays: fromEnv.retention ?? file.tombstoneRetentionDays ?? DEFAULT_CONFIG.tombstoneRetentionDays,
    authKeyHash: { ...DEFAULT_CONFIG.authKeyHash, ...file.authKeyHash },
    shutdownGraceMs: file.shutdownGraceMs ?? DEFAULT_CONFIG.shutdownGraceMs,
    eventStreams: { ...DEFAULT_CONFIG.eventStreams, ...file.eventStreams },
    breachRelay: { ...DEFAULT_CONFIG.breachRelay, ...file.breachRelay },
  };
  // Values from env and flags pass the same schema as the file (port range, secret length…).
  const checked = configFileSchema.safeParse({
    host: merged.host,
    port: merged.port,
    secret: merged.secret,
    publicUrl: merged.publicUrl,
    rateLimit: merged.rateLimit,
    tombstoneRetentionDays: merged.tombstoneRetentionDays,
  });
  if (!checked.success) throw new ConfigError(describeIssues(checked.error.issues));
  return merged;
}

/** The secret kept in a file (--secret-file, KEYHOLD_SECRET_FILE, secretFile); never echoed in errors. */
function readSecretFile(path: string | undefined, cwd: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(resolve(cwd, path), 'utf8').trim();
  } catch {
    throw new ConfigError(`Cannot read the secret file ${path}.`);
  }
}

function readConfigFile(path: string | undefined, cwd: string): ConfigFile {
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new ConfigError(`Cannot read the config file ${path}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`The config file ${path} is not valid JSON.`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`The config file ${path} is invalid: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** `sqlite:PATH` (relative to the working directory) or a postgres:// URL; unset means DATA_DIR/keyhold.sqlite. */
export function parseDatabase(raw: string | undefined, options: { dataDir: string; cwd: string }): DatabaseLocation {
  if (raw === undefined || raw === '') return { kind: 'sqlite', path: resolve(options.dataDir, DATABASE_FILE) };
  if (/^postgres(ql)?:\/\//.test(raw)) return { kind: 'postgres', url: raw };
  if (raw.startsWith('sqlite:') && raw.length > 'sqlite:'.length) return { kind: 'sqlite', path: resolve(options.cwd, raw.slice('sqlite:'.length)) };
  // The value may hold a password: name the setting, not the value.
  throw new ConfigError('the database must be sqlite:PATH or a postgres://USER@HOST/DB URL.');
}

function parseNumberValue(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ConfigError(`${name} must be a number.`);
  return value;
}

function parseIntValue(name: string, raw: string | undefined): number | undefined {
  const value = parseNumberValue(name, raw);
  if (value !== undefined && !Number.isInteger(value)) throw new ConfigError(`${name} must be an integer.`);
  return value;
}

function parseBoolValue(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false.`);
}
