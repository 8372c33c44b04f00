// A fill the user asked for outside the page — keyboard shortcut (repeated presses cycle through the
// matches), context menu, the popup's "fill" — carried to ONE frame: the right-clicked frame, else
// the frame whose credential field had focus last, else the top frame. Hidden frames report
// themselves not fillable, so a page full of invisible iframes gets nothing. The frame receives a
// one-use token and asks for the values itself, so the fill is checked against the URL the browser
// reports for that frame at that moment.
import type { ProbeReply, TabMessage } from '../messages';
import type { VaultService } from '../../vault/vault-service';
import type { FillTokens } from './fill-tokens';
import type { RecentUse } from './recent-use';
import { siteLogins } from './site-logins';
import { MEMORY_MS, type TabMemory } from './tab-memory';
import { checkFrame } from './check-frame';
import type { RelatedSites } from './related-sites';
import type { CertErrors } from './cert-errors';

export type FrameProbe = { frameId: number; url: string; origin: string; reply: ProbeReply };

export type TabFillerDeps = {
  vault: VaultService;
  memory: TabMemory;
  recentUse: RecentUse;
  tokens: FillTokens;
  now: () => number;
  /** Every frame of the tab that runs the engine, with its probe answer. */
  probeFrames: (tabId: number) => Promise<FrameProbe[]>;
  sendToFrame: (tabId: number, frameId: number, message: TabMessage) => Promise<unknown>;
  tabUrl: (tabId: number) => Promise<string | null>;
  related: RelatedSites;
  /** Hosts whose certificate error may have been clicked through: no frame there is filled. */
  certErrors: Pick<CertErrors, 'bypassed'>;
};

export type FillInTabRequest = {
  tabId: number;
  /** The popup names the login; the shortcut and the context menu pick (and cycle). */
  itemId?: string;
  /** The context menu names the frame it was opened in. */
  frameId?: number;
  target: 'focused' | 'context-menu';
};

export function chooseFrame(probes: readonly FrameProbe[], frameId?: number): FrameProbe | null {
  const fillable = probes.filter((p) => p.reply.fillable);
  if (frameId !== undefined) return fillable.find((p) => p.frameId === frameId) ?? null;
  const focused = fillable.filter((p) => p.reply.focusedAt > 0).sort((a, b) => b.reply.focusedAt - a.reply.focusedAt)[0];
  return focused ?? fillable.find((p) => p.frameId === 0) ?? null;
}

export function createTabFiller(deps: TabFillerDeps) {
  /** The login to fill: the one asked for, else the next in the shortcut's cycle, else the remembered or best match. */
  async function chooseItem(tabId: number, pageUrl: string, site: string, asked: string | undefined): Promise<string | null> {
    const [recent, related] = await Promise.all([deps.recentUse.map(), deps.related(pageUrl)]);
    const matched = await deps.vault.ifUnlocked((state) => siteLogins(state, pageUrl, recent, related));
    if (matched === null) return null;
    // The popup names a login the user saw, labelled when it is a related site's; the shortcut and the
    // context menu pick one unseen, so they pick only among the site's own (ADR 0010), never a login
    // saved on another subdomain (ADR 0005).
    if (asked !== undefined) return matched.some((l) => l.id === asked) ? asked : null;
    const ids = matched.filter((l) => l.via === null && l.savedFor === null).map((l) => l.id);
    if (ids.length === 0) return null;
    const now = deps.now();
    return deps.memory.update(tabId, (record) => {
      const cycle = record.cycle;
      let index: number;
      if (cycle && cycle.site === site && now - cycle.at < MEMORY_MS.cycle && cycle.itemIds.join() === ids.join())
        index = (cycle.index + 1) % ids.length;
      else {
        const chosen = record.chosen;
        const remembered = chosen && chosen.site === site && now - chosen.at < MEMORY_MS.chosen ? ids.indexOf(chosen.itemId) : -1;
        index = Math.max(0, remembered);
      }
      record.cycle = { site, itemIds: ids, index, at: now };
      return ids[index]!;
    });
  }

  return async function fillInTab(request: FillInTabRequest): Promise<boolean> {
    const frame = chooseFrame(await deps.probeFrames(request.tabId), request.frameId);
    if (frame === null) return false;
    const topUrl = await deps.tabUrl(request.tabId);
    const access = checkFrame({ kind: 'content', url: frame.url, origin: frame.origin, tabId: request.tabId, frameId: frame.frameId }, topUrl);
    if (!access.ok || (await deps.certErrors.bypassed(access.pageUrl, topUrl))) return false;
    const itemId = await chooseItem(request.tabId, access.pageUrl, access.site, request.itemId);
    if (itemId === null) return false;
    const token = deps.tokens.issue({ tabId: request.tabId, frameId: frame.frameId, itemId });
    const reply = (await deps
      .sendToFrame(request.tabId, frame.frameId, { type: 'keyhold:fill', token, itemId, target: request.target })
      .catch(() => null)) as { started?: boolean } | null;
    return reply?.started === true;
  };
}
