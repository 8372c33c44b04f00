// Small, named inputs for tests: accounts with random keys, items with random envelopes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ItemEnvelopes, KdfParams, PushItem, RegisterInput } from '@keyhold/shared/sync/protocol';

export const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');

export function kdfParams(overrides: Partial<KdfParams> = {}): KdfParams {
  return { algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4, salt: b64(16), ...overrides };
}

export function registration(overrides: Partial<RegisterInput> = {}): RegisterInput {
  return {
    email: `user-${randomUUID().slice(0, 8)}@example.org`,
    accountId: randomUUID(),
    kdf: kdfParams(),
    authKey: b64(32),
    header: { wrappedVaultKey: b64(62), recoveryWrappedVaultKey: b64(62) },
    deviceName: 'Laptop',
    ...overrides,
  };
}

export function envelopes(size = 120): ItemEnvelopes {
  return { key: b64(62), overview: b64(size), details: b64(size * 2) };
}

export function newItem(overrides: Partial<{ id: string; envelopes: ItemEnvelopes }> = {}): PushItem {
  return { id: overrides.id ?? randomUUID(), baseRevision: 0, deleted: false, envelopes: overrides.envelopes ?? envelopes() };
}

export function editItem(id: string, baseRevision: number): PushItem {
  return { id, baseRevision, deleted: false, envelopes: envelopes() };
}

export function deleteItem(id: string, baseRevision: number): PushItem {
  return { id, baseRevision, deleted: true, envelopes: null };
}
