// Configuration: flags over environment over file over defaults; bad values are clear errors that
// never echo the secret.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../src/config/server-config';
import { makeTempDir } from './helpers/spawn-server';

const cwd = '/srv/keyhold';

describe('loadConfig', () => {
  it('uses the defaults: 127.0.0.1:8787, ./data, 2,000 requests per 5 minutes, 90-day tombstones', () => {
    const config = loadConfig({ flags: {}, env: {}, cwd });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      dataDir: '/srv/keyhold/data',
      secret: undefined,
      trustProxy: false,
      rateLimit: { requests: 2000, windowSeconds: 300 },
      tombstoneRetentionDays: 90,
    });
  });

  it('prefers flags to the environment, and the environment to the config file', () => {
    const dir = makeTempDir('keyhold-config-');
    const file = join(dir, 'keyhold.json');
    writeFileSync(file, JSON.stringify({ port: 7000, host: '0.0.0.0', dataDir: '/var/lib/keyhold', rateLimit: { requests: 50 } }));
    const env = { KEYHOLD_PORT: '7100', KEYHOLD_DATA_DIR: 'env-data', KEYHOLD_CONFIG: file };
    const config = loadConfig({ flags: { port: '7200' }, env, cwd });
    expect(config).toMatchObject({ port: 7200, host: '0.0.0.0', dataDir: '/srv/keyhold/env-data' });
    expect(config.rateLimit).toEqual({ requests: 50, windowSeconds: DEFAULT_CONFIG.rateLimit.windowSeconds });
  });

  it('keeps the data in DATA_DIR/keyhold.sqlite unless a sqlite: path or a postgres:// URL is given', () => {
    expect(loadConfig({ flags: {}, env: {}, cwd }).database).toEqual({ kind: 'sqlite', path: '/srv/keyhold/data/keyhold.sqlite' });
    expect(loadConfig({ flags: { database: 'sqlite:db/k.sqlite' }, env: {}, cwd }).database).toEqual({
      kind: 'sqlite',
      path: '/srv/keyhold/db/k.sqlite',
    });
    const url = 'postgres://keyhold:s3cret@db.internal:5432/keyhold';
    expect(loadConfig({ flags: {}, env: { KEYHOLD_DATABASE: url }, cwd }).database).toEqual({ kind: 'postgres', url });
    try {
      loadConfig({ flags: {}, env: { KEYHOLD_DATABASE: 'mysql://keyhold:s3cret@db/keyhold' }, cwd });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/sqlite:PATH or a postgres:/);
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('rejects bad values with a message that names the setting but not the secret', () => {
    expect(() => loadConfig({ flags: { port: '99999' }, env: {}, cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ flags: {}, env: { KEYHOLD_PORT: 'eighty' }, cwd })).toThrow(/KEYHOLD_PORT/);
    const shortSecret = 'hunter2-is-short';
    try {
      loadConfig({ flags: {}, env: { KEYHOLD_SECRET: shortSecret }, cwd });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/secret must be at least 32 characters/);
      expect((error as Error).message).not.toContain(shortSecret);
    }
    const dir = makeTempDir('keyhold-config-');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ flags: { config: join(dir, 'bad.json') }, env: {}, cwd })).toThrow(/Unrecognized key/);
  });
});
