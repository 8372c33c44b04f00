// "Save login" and "Update password": a submitted form's values (typed or filled, the content script
// checks) are matched against the site's logins; the decision is kept per tab with the values, so the
// prompt can follow the navigation that usually comes next, and the save uses what was kept — the
// page has no say in it any more. Also the generated password for a new-password field, which goes
// into the generator history at once so it is never lost before the login is saved; it follows the
// page's own `passwordrules` when they can be met, else the site's built-in rules (the frame's host
// as the browser reports it, never the page's word), else the plain generator.
import { newItem } from '@keyhold/shared/items/new-item';
import { parseSiteUrl } from '@keyhold/shared/url/parse-site-url';
import type { LoginItem } from '@keyhold/shared/items/item';
import { lockedError, UserError } from '../../common/user-error';
import type { SenderInfo } from '../../messaging/sender';
import type { SaveAction, SavePromptView, SubmittedLogin } from '../messages';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import { checkFrame } from './check-frame';
import { decideSave, type SavedLogin } from './decide-save';
import type { NeverSave } from './never-save';
import type { RecentUse } from './recent-use';
import { siteLogins } from './site-logins';
import type { RelatedSites } from './related-sites';
import { MEMORY_MS, type StoredPrompt, type TabMemory } from './tab-memory';
import { generatePassword } from '@keyhold/shared/generator/generate-password';
import { generateSitePassword } from '@keyhold/shared/site-data/site-password-rules';
import { t } from '../../i18n/messages';

export type SaveServiceDeps = {
  vault: VaultService;
  items: Pick<ItemService, 'get' | 'save'>;
  generator: { remember(value: string): Promise<void> };
  memory: TabMemory;
  neverSave: NeverSave;
  recentUse: RecentUse;
  now: () => number;
  /** A login of a related site counts as saved here: signing in with it asks nothing. */
  related: RelatedSites;
};

export function viewOf(prompt: StoredPrompt): SavePromptView {
  return { id: prompt.id, kind: prompt.kind, host: prompt.host, username: prompt.username, itemName: prompt.itemName };
}

const MAX_SAVED_COMPARED = 20;

export function createSaveService(deps: SaveServiceDeps) {
  async function savedLogins(pageUrl: string): Promise<SavedLogin[]> {
    const related = await deps.related(pageUrl);
    const logins = (await deps.vault.borrow((state) => siteLogins(state, pageUrl, new Map(), related))).slice(0, MAX_SAVED_COMPARED);
    const saved: SavedLogin[] = [];
    for (const login of logins) {
      const item = (await deps.items.get(login.id)) as LoginItem;
      saved.push({ id: item.id, name: item.name, username: item.username, password: item.password });
    }
    return saved;
  }

  async function submitted(sender: SenderInfo, topUrl: string | null, login: SubmittedLogin): Promise<{ prompt: SavePromptView | null }> {
    const frame = checkFrame(sender, topUrl);
    if (!frame.ok || sender.kind !== 'content') return { prompt: null };
    // A locked vault cannot tell a new login from a changed one; nothing is kept.
    if (!(await deps.vault.isUnlocked()) || (await deps.neverSave.has(frame.site))) return { prompt: null };
    const now = deps.now();
    const record = await deps.memory.read(sender.tabId);
    if (login.formKind === 'login' && login.password === '' && login.username !== '') {
      // The first step of a multi-step login: remember who is signing in for the next step.
      await deps.memory.update(sender.tabId, (r) => void (r.identifier = { site: frame.site, username: login.username, at: now }));
      return { prompt: null };
    }
    const earlier =
      record.identifier && record.identifier.site === frame.site && now - record.identifier.at < MEMORY_MS.identifier
        ? record.identifier.username
        : null;
    const decision = decideSave({ submitted: login, saved: await savedLogins(frame.pageUrl), earlierUsername: earlier });
    if (decision.kind === 'none') return { prompt: null };
    const prompt: StoredPrompt = {
      id: crypto.randomUUID(),
      kind: decision.kind,
      site: frame.site,
      pageUrl: frame.pageUrl,
      host: new URL(frame.pageUrl).host,
      username: decision.username,
      password: decision.password,
      itemId: decision.kind === 'update' ? decision.itemId : null,
      itemName: decision.kind === 'update' ? decision.itemName : null,
      createdAt: now,
      awaitingNavigation: true,
    };
    await deps.memory.update(sender.tabId, (r) => void (r.prompt = prompt));
    return { prompt: viewOf(prompt) };
  }

  async function act(sender: SenderInfo, promptId: string, action: SaveAction): Promise<void> {
    if (sender.kind !== 'content') throw new UserError('FORBIDDEN', t('error_save_service_not_allowed'));
    const prompt = await deps.memory.update(sender.tabId, (record) => {
      const found = record.prompt?.id === promptId ? record.prompt : undefined;
      if (found) delete record.prompt;
      return found;
    });
    if (prompt === undefined || deps.now() - prompt.createdAt > MEMORY_MS.prompt)
      throw new UserError('NOT_FOUND', t('error_save_service_this_prompt_has_expired'));
    if (action === 'dismiss') return;
    if (action === 'never') return deps.neverSave.add(prompt.site);
    if (prompt.kind === 'update' && prompt.itemId !== null) {
      const item = (await deps.items.get(prompt.itemId)) as LoginItem;
      await deps.items.save({ ...item, password: prompt.password });
      await deps.recentUse.touch(item.id, deps.now());
      return;
    }
    const url = new URL(prompt.pageUrl);
    const item = newItem(
      'login',
      { name: url.hostname, username: prompt.username, password: prompt.password, urls: [{ url: url.origin, match: 'default' }] },
      deps.now(),
    );
    await deps.items.save(item);
  }

  /** The prompt to show again on the page a submit navigated to (once). */
  async function afterNavigation(tabId: number): Promise<SavePromptView | null> {
    const now = deps.now();
    const prompt = await deps.memory.update(tabId, (record) => {
      const pending = record.prompt;
      if (!pending?.awaitingNavigation || now - pending.createdAt > MEMORY_MS.prompt) return undefined;
      pending.awaitingNavigation = false;
      return pending;
    });
    return prompt ? viewOf(prompt) : null;
  }

  async function generate(sender: SenderInfo, request: { rules?: string | null } = {}): Promise<{ password: string }> {
    if (sender.kind !== 'content' || sender.origin === 'null') throw new UserError('FORBIDDEN', t('error_save_service_not_allowed'));
    if (!(await deps.vault.isUnlocked())) throw lockedError();
    const host = parseSiteUrl(sender.url, { schemeless: 'reject' });
    const site = generateSitePassword({ host: host.ok ? host.url.host : null, pageRules: request.rules ?? null });
    const password = site?.password ?? generatePassword();
    await deps.generator.remember(password);
    return { password };
  }

  return { submitted, act, afterNavigation, generate };
}

export type SaveService = ReturnType<typeof createSaveService>;
