// Invite tokens: after the first account, registering needs one. The operator creates them with
// `keyhold-server invite`; like session tokens only their SHA-256 is stored, each works once and
// expires (default 7 days). register-account.ts consumes them.
import type { AuditLog } from '../audit/audit-log';
import { generateSessionToken, sessionIdFromToken } from '../sessions/sessions';
import type { Storage } from '../storage/port';

export const DEFAULT_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function createInvites(deps: { storage: Storage; audit: AuditLog; now: () => number }) {
  return {
    async create(options: { ttlMs: number }): Promise<{ token: string; expiresAt: number }> {
      const token = generateSessionToken();
      const id = sessionIdFromToken(token);
      const now = deps.now();
      const expiresAt = now + options.ttlMs;
      await deps.storage.transaction(async (tx) => {
        await tx.invites.insert({ id, createdAt: now, expiresAt });
        await deps.audit.append(tx.audit, { type: 'invite_created', inviteId: id.slice(0, 16) });
      });
      return { token, expiresAt };
    },
  };
}
