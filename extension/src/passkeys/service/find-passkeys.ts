// The passkeys Keyhold holds for a relying party, looked up among the logins that match the calling
// origin (autofill's site matching: registrable domain by default, https never for http). A passkey
// made by Keyhold is saved on a login for that origin, so this finds it; the details of only those
// few logins are opened. A passkey of an algorithm this version does not know is never offered.
import type { LoginItem } from '@keyhold/shared/items/item';
import type { Passkey } from '@keyhold/shared/items/types/passkey';
import { isOpaque } from '@keyhold/shared/items/item';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import { siteLogins, type MatchedLogin } from '../../autofill/service/site-logins';

export type FoundPasskey = { item: LoginItem; passkey: Passkey };

export type FindDeps = { vault: Pick<VaultService, 'ifUnlocked'>; items: Pick<ItemService, 'get'> };

/** The site's own logins (no related sites: a passkey is bound to its rpId, never offered elsewhere), or null when locked. */
export async function loginsForOrigin(deps: FindDeps, origin: string): Promise<MatchedLogin[] | null> {
  const found = await deps.vault.ifUnlocked((state) => siteLogins(state, origin, new Map()));
  return found === null ? null : found.filter((login) => login.via === null);
}

export async function passkeysFor(deps: FindDeps, origin: string, rpId: string): Promise<FoundPasskey[] | null> {
  const logins = await loginsForOrigin(deps, origin);
  if (logins === null) return null;
  const found: FoundPasskey[] = [];
  for (const login of logins) {
    const item = await deps.items.get(login.id);
    if (isOpaque(item) || item.type !== 'login') continue;
    for (const passkey of item.passkeys ?? []) {
      if (passkey.rpId === rpId && passkey.algorithm === 'ES256') found.push({ item, passkey });
    }
  }
  return found;
}

/** Which of them a get() may use: those it lists in allowCredentials, or, with an empty list, the discoverable ones. */
export function allowedBy(found: readonly FoundPasskey[], allowCredentials: readonly { id: string }[]): FoundPasskey[] {
  if (allowCredentials.length === 0) return found.filter((f) => f.passkey.discoverable);
  const allowed = new Set(allowCredentials.map((d) => d.id));
  return found.filter((f) => allowed.has(f.passkey.id));
}
