// The settings of issue #11's hardening: open registration, the public URL, the secret file and the
// audit checkpoint file, each from flag, environment or config file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/server-config';
import { makeTempDir } from './helpers/spawn-server';

const cwd = '/srv/keyhold';

describe('hardening settings', () => {
  it('default to an invite for the first account, no public URL, the generated secret, checkpoints in the data directory', () => {
    const config = loadConfig({ flags: {}, env: {}, cwd });
    expect(config).toMatchObject({
      openRegistration: false,
      publicUrl: undefined,
      secret: undefined,
      auditCheckpointFile: '/srv/keyhold/data/audit-checkpoints',
    });
  });

  it('take --open-registration, KEYHOLD_OPEN_REGISTRATION and KEYHOLD_PUBLIC_URL', () => {
    expect(loadConfig({ flags: { openRegistration: true }, env: {}, cwd }).openRegistration).toBe(true);
    const fromEnv = loadConfig({ flags: {}, env: { KEYHOLD_OPEN_REGISTRATION: '1', KEYHOLD_PUBLIC_URL: 'https://vault.example.org' }, cwd });
    expect(fromEnv).toMatchObject({ openRegistration: true, publicUrl: 'https://vault.example.org' });
    expect(() => loadConfig({ flags: {}, env: { KEYHOLD_PUBLIC_URL: 'ftp://vault.example.org' }, cwd })).toThrow(ConfigError);
  });

  it('read the secret from --secret-file or KEYHOLD_SECRET_FILE, without echoing it when it is too short', () => {
    const dir = makeTempDir('keyhold-secret-');
    const file = join(dir, 'secret');
    writeFileSync(file, `${'s'.repeat(40)}\n`);
    expect(loadConfig({ flags: { secretFile: file }, env: {}, cwd }).secret).toBe('s'.repeat(40));
    expect(loadConfig({ flags: {}, env: { KEYHOLD_SECRET_FILE: file }, cwd }).secret).toBe('s'.repeat(40));
    const short = join(dir, 'short');
    writeFileSync(short, 'tiny-secret-value');
    expect(() => loadConfig({ flags: { secretFile: short }, env: {}, cwd })).toThrow(/at least 32 characters/);
    try {
      loadConfig({ flags: { secretFile: short }, env: {}, cwd });
    } catch (error) {
      expect((error as Error).message).not.toContain('tiny-secret-value');
    }
    expect(() => loadConfig({ flags: { secretFile: join(dir, 'missing') }, env: {}, cwd })).toThrow(/Cannot read the secret file/);
  });
});
