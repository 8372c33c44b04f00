// The server secret: given in the config, or generated once into `<dataDir>/server-secret` (mode 0600).
// From it come separate keys per purpose, so one use can never be replayed as another.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmacSha256 } from '../security/hmac';

export const SECRET_FILE = 'server-secret';

export function loadOrCreateSecret(options: {
  dataDir: string;
  configured: string | undefined;
  /** False for commands that need the existing secret (audit verify): a new one would be useless. */
  create?: boolean;
}): string {
  if (options.configured !== undefined) return options.configured;
  const path = join(options.dataDir, SECRET_FILE);
  if (options.create === false && !existsSync(path)) {
    throw new Error(`No server secret: ${path} does not exist and KEYHOLD_SECRET is not set.`);
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if the file exists, so two starts racing never overwrite each other's secret.
    writeFileSync(path, randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(path, 0o600);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} is too short to be a server secret (32 characters at least).`);
  return secret;
}

export type ServerKeys = {
  /** Keys the audit log's HMAC chain. */
  audit: Buffer;
  /** Derives fake KDF salts for unknown emails (prelogin). */
  preloginSalt: Buffer;
  /** Pseudonymises emails in the audit log and in throttle keys. */
  subject: Buffer;
};

export function deriveServerKeys(secret: string): ServerKeys {
  const derive = (purpose: string) => hmacSha256(secret, `keyhold/server/v1/${purpose}`);
  return { audit: derive('audit'), preloginSalt: derive('prelogin-salt'), subject: derive('subject') };
}
