// What a frame may be offered and filled with. The frame is identified by the browser (checkFrame);
// the vault state, the item's match against THAT frame's URL, the gesture and the confirmations
// (cross-origin frame, login of a sibling subdomain) are all checked here, for every fill, whatever
// the content script asked for.
// Returns only the values the page has a visible field for.
import type { LoginItem } from '@keyhold/shared/items/item';
import { UserError } from '../../common/user-error';
import type { SenderInfo } from '../../messaging/sender';
import type { AutofillOffer, FillRequest, FillResponse } from '../messages';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import type { Settings } from '../../vault/settings';
import { checkFrame } from './check-frame';
import type { CertErrors } from './cert-errors';
import type { FillTokens } from './fill-tokens';
import type { RecentUse } from './recent-use';
import { matchingLogin, siteLogins } from './site-logins';
import { MEMORY_MS, type TabMemory } from './tab-memory';
import type { RelatedSites } from './related-sites';
import { parseTotp } from '@keyhold/shared/totp/parse-totp';
import { totpCode } from '@keyhold/shared/totp/totp-code';
import { t } from '../../i18n/messages';

const MAX_OFFERED = 20;

export type FillServiceDeps = {
  vault: Pick<VaultService, 'status' | 'borrow' | 'ifUnlocked'>;
  items: Pick<ItemService, 'get' | 'addWebsite'>;
  settings: { get(): Promise<Settings> };
  clipboard: { copied(value: string): Promise<unknown> };
  memory: TabMemory;
  recentUse: RecentUse;
  tokens: FillTokens;
  now: () => number;
  /** The page's related sites, whose logins are offered after the site's own. */
  related: RelatedSites;
  /** Hosts whose certificate error may have been clicked through: nothing is offered or filled there. */
  certErrors: Pick<CertErrors, 'bypassed'>;
};

const refuse = () => new UserError('FORBIDDEN', t('error_save_service_not_allowed'));

/** The login's current one-time code (RFC 6238), or null when it has no usable secret. */
function currentTotp(secret: string, nowMs: number): string | null {
  const parsed = parseTotp(secret);
  return parsed.ok ? totpCode(parsed.config, nowMs).code : null;
}

export function createFillService(deps: FillServiceDeps) {
  async function offer(sender: SenderInfo, topUrl: string | null, options: { forMenu?: boolean } = {}): Promise<AutofillOffer> {
    const frame = checkFrame(sender, topUrl);
    if (!frame.ok || sender.kind !== 'content') return { state: 'unavailable' };
    const status = await deps.vault.status();
    if (status.state === 'none') return { state: 'unavailable' };
    // The frame's page or the tab's: whoever sits between the user and that host may write either.
    if (await deps.certErrors.bypassed(frame.pageUrl, topUrl)) return { state: 'insecure', host: new URL(frame.pageUrl).hostname };
    const [recent, related] = await Promise.all([deps.recentUse.map(), deps.related(frame.pageUrl)]);
    const matched = await deps.vault.ifUnlocked((state) => siteLogins(state, frame.pageUrl, recent, related));
    // Locked: say so, and nothing else — no names, no usernames.
    if (matched === null) return { state: 'locked' };
    const logins = matched.slice(0, MAX_OFFERED);
    const record = await deps.memory.read(sender.tabId);
    const now = deps.now();
    const offered = new Set(logins.map((l) => l.id));
    const chosen = record.chosen;
    const totp = record.totp;
    return {
      state: 'unlocked',
      logins: logins.map((l) => ({
        id: l.id,
        name: l.name || '(no name)',
        username: l.username,
        hasTotp: l.hasTotp,
        via: l.via,
        savedFor: l.savedFor,
      })),
      host: new URL(frame.pageUrl).hostname,
      preferredId: chosen && chosen.site === frame.site && now - chosen.at < MEMORY_MS.chosen && offered.has(chosen.itemId) ? chosen.itemId : null,
      crossOrigin: frame.crossOrigin,
      totpItemId: totp && totp.site === frame.site && totp.until > now && offered.has(totp.itemId) ? totp.itemId : null,
      menuToken: options.forMenu ? deps.tokens.issueMenu({ tabId: sender.tabId, frameId: sender.frameId, itemIds: [...offered] }) : null,
    };
  }

  /** The gesture behind a fill request: the menu's (checked in the page), a token we issued, or a code follow-up. */
  async function gestureAllows(sender: Extract<SenderInfo, { kind: 'content' }>, site: string, request: FillRequest): Promise<boolean> {
    const { gesture } = request;
    if (gesture.kind === 'menu')
      return deps.tokens.redeemMenu(gesture.token, { tabId: sender.tabId, frameId: sender.frameId, itemId: request.itemId });
    if (gesture.kind === 'token') return deps.tokens.redeem(gesture.token, { tabId: sender.tabId, frameId: sender.frameId, itemId: request.itemId });
    // A follow-up fills a one-time code only, once, for the login just filled on this site in this tab.
    if (request.want.username || request.want.password || !request.want.totp) return false;
    return deps.memory.update(sender.tabId, (record) => {
      const grant = record.totp;
      const ok = grant !== undefined && grant.site === site && grant.itemId === request.itemId && grant.until > deps.now();
      if (ok) delete record.totp;
      return ok;
    });
  }

  async function fill(sender: SenderInfo, topUrl: string | null, request: FillRequest): Promise<FillResponse> {
    const frame = checkFrame(sender, topUrl);
    if (!frame.ok || sender.kind !== 'content') throw refuse();
    if (frame.crossOrigin !== null && !request.confirmed) throw refuse();
    if (await deps.certErrors.bypassed(frame.pageUrl, topUrl)) throw refuse();
    const related = await deps.related(frame.pageUrl);
    const login = await deps.vault.borrow((state) => matchingLogin(state, frame.pageUrl, request.itemId, related));
    if (login === null) throw refuse();
    // Saved on another subdomain of this site: only once the user has said yes to this very host.
    if (login.savedFor !== null && !request.confirmed) throw refuse();
    if (!(await gestureAllows(sender, frame.site, request))) throw refuse();
    // …and the yes is remembered on the item: this host becomes one of its websites (host match).
    if (login.savedFor !== null) await deps.items.addWebsite(login.id, { url: new URL(frame.pageUrl).origin, match: 'host' });

    const item = (await deps.items.get(request.itemId)) as LoginItem;
    const now = deps.now();
    const settings = await deps.settings.get();
    const code = item.totp.trim() ? currentTotp(item.totp, now) : null;
    const codeOnly = !request.want.username && !request.want.password;
    // With the login itself, the code follows the user's setting; asked for alone, it is filled.
    const fillCode = request.want.totp && code !== null && (codeOnly || settings.totpAfterFill === 'fill');
    const copyCode = request.want.password && code !== null && settings.totpAfterFill === 'copy';

    if (request.want.password || request.want.username) {
      await deps.memory.update(sender.tabId, (record) => {
        record.chosen = { site: frame.site, itemId: item.id, at: now };
        if (request.want.password && code !== null && !fillCode && settings.totpAfterFill === 'fill') {
          record.totp = { site: frame.site, itemId: item.id, until: now + MEMORY_MS.totp };
        }
      });
      await deps.recentUse.touch(item.id, now);
    }
    if (copyCode) await deps.clipboard.copied(code);
    return {
      username: request.want.username ? item.username : null,
      password: request.want.password ? item.password : null,
      totp: fillCode ? code : null,
      copyTotp: copyCode ? code : null,
    };
  }

  return { offer, fill };
}

export type FillService = ReturnType<typeof createFillService>;
