// How an imported item compares with what the vault holds (the import flow, issue "Move in and move
// out"): the same content is "identical" and skipped; a login for the same site and username with
// another password is offered as an update of the existing login. Pure functions of items; the
// import session (import-session.ts) opens the candidates and decides.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '@keyhold/shared/items/json';
import { normalizeHistory, historyOf } from '@keyhold/shared/items/history';
import { applyEdit } from '@keyhold/shared/items/apply-edit';
import type { Item, LoginItem, Overview } from '@keyhold/shared/items/item';
import { siteKeyOf } from '../vault/overview-index';

/**
 * What makes two items "the same item": every member except the id, the times, the history and
 * how the user organises it (folder, tags, favorite, trash), and custom fields without their random
 * ids. Importing the same file twice, or into a vault where the items were moved to other folders,
 * finds every item identical. A hash, so the import keeps no second plaintext copy of the secrets.
 */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt', 'history', 'folder', 'tags', 'favorite', 'trashedAt', 'overviewExtra', 'opaque']);

export function contentKey(item: Item): string {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (IGNORED.has(key)) continue;
    content[key] = key === 'customFields' && Array.isArray(value) ? value.map(withoutId) : value;
  }
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(content))));
}

function withoutId(field: unknown): unknown {
  if (typeof field !== 'object' || field === null) return field;
  const { id: _id, ...rest } = field as Record<string, unknown>;
  return rest;
}

/** The key candidates for "identical" are looked up by: type and name (both are in the overview). */
export function nameKey(item: Item | Overview): string {
  return `${item.type}\n${typeof item.name === 'string' ? item.name : ''}`;
}

const normalUsername = (username: string) => username.trim().toLowerCase();

/** "site\nusername" for each site of a login with a username; what an update is matched on. */
export function siteUserKeys(login: { username: string; urls: readonly { url: string }[] }): string[] {
  const username = normalUsername(login.username);
  if (username === '') return [];
  const keys = new Set<string>();
  for (const { url } of login.urls) {
    const site = siteKeyOf(url);
    if (site) keys.add(`${site}\n${username}`);
  }
  return [...keys];
}

/** Whether an existing overview is a live login that an imported login with `keys` may update. */
export function mayUpdate(overview: Overview, keys: readonly string[]): boolean {
  if (overview.type !== 'login' || typeof overview.trashedAt === 'number' || typeof overview.username !== 'string') return false;
  if (!Array.isArray(overview.urls)) return false;
  const urls = (overview.urls as unknown[]).flatMap((u) =>
    typeof u === 'object' && u !== null && typeof (u as { url?: unknown }).url === 'string' ? [u as { url: string }] : [],
  );
  const theirs = new Set(siteUserKeys({ username: overview.username, urls }));
  return keys.some((key) => theirs.has(key));
}

/**
 * The existing login with the imported password; applyEdit keeps the replaced password in the
 * history, and the imported login's own old passwords are added to it.
 */
export function updatedLogin(existing: LoginItem, imported: LoginItem, now: number): LoginItem {
  const history = normalizeHistory([...historyOf(existing), ...historyOf(imported)]);
  return applyEdit(existing, { ...existing, password: imported.password, history }, now);
}
