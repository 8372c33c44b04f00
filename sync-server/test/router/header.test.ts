// vault.getHeader / vault.putHeader: the header is versioned with compare-and-swap like items.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { b64, registration } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

it('starts at revision 1 with the registered header and accepts a write based on the current revision', async () => {
  const input = registration();
  const { token } = await t.caller().account.register(input);
  expect(await t.caller(token).vault.getHeader()).toEqual({ revision: 1, kdf: input.kdf, header: input.header });

  const withManifest = { ...input.header, manifest: b64(300) };
  expect(await t.caller(token).vault.putHeader({ baseRevision: 1, header: withManifest })).toEqual({
    status: 'accepted',
    revision: 2,
  });
  expect(await t.caller(token).vault.getHeader()).toEqual({ revision: 2, kdf: input.kdf, header: withManifest });

  // A second device still based on revision 1 is refused and shown the current header.
  const stale = await t.caller(token).vault.putHeader({ baseRevision: 1, header: input.header });
  expect(stale).toEqual({ status: 'conflict', current: { revision: 2, kdf: input.kdf, header: withManifest } });

  // The header sent is the header stored: leaving the manifest out clears it.
  await t.caller(token).vault.putHeader({ baseRevision: 2, header: input.header });
  expect(await t.caller(token).vault.getHeader()).toEqual({ revision: 3, kdf: input.kdf, header: input.header });
});
