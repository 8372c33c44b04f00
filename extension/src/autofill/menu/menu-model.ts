// What the inline menu shows for a field, decided from the background's offer and the field's kind
// (pure, tested in Node). A locked vault shows no usernames; a new-password field is offered a
// generated password, never a saved one; a one-time-code field is offered codes, never passwords.
// A cross-origin frame or a form that posts elsewhere adds a notice and a confirmation step; so does
// choosing a login saved on another subdomain of the site ("Use your accounts.example.com login on
// shop.example.com?"), for that entry only. A site with no saved login offers to add one, or to
// search the vault, instead of nothing. While the page waits on a conditional WebAuthn get, a
// sign-in field's menu lists the site's passkeys first (docs/adr/0018-passkeys.md).
import type { FieldKind } from '../detect/types';
import type { AutofillOffer, OfferedLogin } from '../messages';
import type { MenuPasskeys } from '../../passkeys/messages';
import { fromSite, savedForHost, useOnHostQuestion } from '../related-text';
import { t } from '../../i18n/messages';

export type MenuEntry =
  /**
   * `note`: "from gap.com" for a login of a related site, "saved for accounts.example.com" for one of
   * a sibling subdomain (related-text.ts). `ask`: the question choosing it asks first (sibling only).
   */
  | { kind: 'login'; itemId: string; title: string; detail: string; note?: string; ask?: string }
  | { kind: 'totp'; itemId: string; title: string; detail: string }
  /** A passkey for the page's waiting conditional get; `token`: the background's one-use token for the passkeys this menu offers. */
  | { kind: 'passkey'; itemId: string; passkeyId: string; token: string; title: string; detail: string }
  | { kind: 'generate'; title: string; detail: string }
  | { kind: 'unlock'; title: string; detail: string }
  /** No login saved for this site: add one (opens Keyhold's form with the site), or search the vault. */
  | { kind: 'add'; title: string; detail: string }
  | { kind: 'search'; title: string; detail: string }
  | { kind: 'confirm'; itemId: string; title: string; detail: string }
  | { kind: 'cancel'; title: string; detail: string };

export type MenuModel = {
  notice: string | null;
  entries: MenuEntry[];
  /** Shown when there is nothing to choose. */
  empty: string | null;
  /** Choosing a login first asks for a confirmation (the notice says why). */
  needsConfirmation: boolean;
  /** The background's one-use token for a fill chosen in this menu (AutofillOffer.menuToken). */
  token: string | null;
};

export type MenuInput = {
  offer: AutofillOffer;
  anchorKind: FieldKind;
  /** Host of the form's destination when it is another origin than the page's. */
  actionHost: string | null;
  /** The passkeys offered to a conditional get waiting in this frame (none when absent). */
  passkeys?: MenuPasskeys;
};

function ordered(logins: readonly OfferedLogin[], preferredId: string | null): OfferedLogin[] {
  const preferred = logins.find((l) => l.id === preferredId);
  return preferred ? [preferred, ...logins.filter((l) => l !== preferred)] : [...logins];
}

function noticeOf(input: MenuInput): string | null {
  const parts: string[] = [];
  if (input.offer.state === 'unlocked' && input.offer.crossOrigin) {
    const { frameHost, topHost } = input.offer.crossOrigin;
    parts.push(t('menu_notice_cross_origin', frameHost, topHost));
  }
  if (input.actionHost !== null) parts.push(t('menu_notice_action', input.actionHost));
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The strings of the entries for a site with no saved login, read when a menu is built (t() at call time). */
export const MENU_TEXT = {
  get add() {
    return t('menu_add');
  },
  get addDetail() {
    return t('menu_add_detail');
  },
  get search() {
    return t('menu_search');
  },
  get searchDetail() {
    return t('menu_search_detail');
  },
  get noLogins() {
    return t('menu_no_logins');
  },
  passkey: (login: string) => t('menu_passkey', login),
  insecure: (host: string) => t('menu_insecure', host),
};

export function buildMenuModel(input: MenuInput): MenuModel | null {
  const model = loginMenuModel(input);
  const passkeys = input.passkeys;
  if (model === null || !passkeys?.token || input.offer.state !== 'unlocked' || input.anchorKind === 'new-password' || input.anchorKind === 'totp')
    return model;
  const token = passkeys.token;
  const entries: MenuEntry[] = passkeys.choices.map((c) => ({
    kind: 'passkey',
    itemId: c.itemId,
    passkeyId: c.passkeyId,
    token,
    title: c.userName || c.itemName,
    detail: MENU_TEXT.passkey(c.itemName),
  }));
  // Passkeys first: the page asked for one; its saved logins follow ("Add a login" does not).
  return { ...model, entries: [...entries, ...model.entries.filter((e) => e.kind !== 'add' && e.kind !== 'search')], empty: null };
}

function loginMenuModel(input: MenuInput): MenuModel | null {
  const { offer, anchorKind } = input;
  if (offer.state === 'unavailable') return null;
  if (offer.state === 'insecure') return { notice: MENU_TEXT.insecure(offer.host), entries: [], empty: null, needsConfirmation: false, token: null };
  if (offer.state === 'locked') {
    return {
      notice: t('menu_locked'),
      entries: [{ kind: 'unlock', title: t('unlock_title'), detail: t('menu_unlock_detail') }],
      empty: null,
      needsConfirmation: false,
      token: null,
    };
  }
  const notice = noticeOf(input);
  const token = offer.menuToken;
  const needsConfirmation = notice !== null;
  if (anchorKind === 'new-password') {
    return {
      notice,
      entries: [{ kind: 'generate', title: t('menu_generate'), detail: t('menu_generate_detail') }],
      empty: null,
      needsConfirmation: false,
      token,
    };
  }
  if (anchorKind === 'totp') {
    const withCodes = ordered(offer.logins, offer.totpItemId ?? offer.preferredId).filter((l) => l.hasTotp);
    return {
      notice,
      entries: withCodes.map((l) => ({ kind: 'totp', itemId: l.id, title: t('item_totp_field_one_time_code'), detail: l.name })),
      empty: withCodes.length === 0 ? t('menu_no_codes') : null,
      needsConfirmation,
      token,
    };
  }
  const logins = ordered(offer.logins, offer.preferredId);
  if (logins.length === 0) {
    return {
      notice,
      entries: [
        { kind: 'add', title: MENU_TEXT.add, detail: MENU_TEXT.addDetail },
        { kind: 'search', title: MENU_TEXT.search, detail: MENU_TEXT.searchDetail },
      ],
      empty: MENU_TEXT.noLogins,
      needsConfirmation: false,
      token,
    };
  }
  const host = offer.host;
  return {
    notice,
    entries: logins.map((l) => ({
      kind: 'login',
      itemId: l.id,
      title: l.name,
      detail: l.username,
      ...(l.via ? { note: fromSite(l.via) } : l.savedFor ? { note: savedForHost(l.savedFor), ask: useOnHostQuestion(l.savedFor, host) } : {}),
    })),
    empty: null,
    needsConfirmation,
    token,
  };
}

/** Whether choosing this entry first shows the confirmation step. */
export function asksFirst(model: MenuModel, entry: MenuEntry): entry is Extract<MenuEntry, { kind: 'login' | 'totp' }> {
  if (entry.kind !== 'login' && entry.kind !== 'totp') return false;
  return model.needsConfirmation || (entry.kind === 'login' && entry.ask !== undefined);
}

/** The second step after choosing a login where the notice applies, or that asks its own question. */
export function confirmationModel(model: MenuModel, entry: Extract<MenuEntry, { kind: 'login' | 'totp' }>): MenuModel {
  const ask = entry.kind === 'login' ? entry.ask : undefined;
  return {
    notice: [ask, model.notice].filter((part) => part !== undefined && part !== null).join(' ') || null,
    entries: [
      { kind: 'confirm', itemId: entry.itemId, title: t('menu_fill_anyway', entry.title), detail: entry.detail },
      { kind: 'cancel', title: t('common_cancel'), detail: t('menu_fill_nothing') },
    ],
    empty: null,
    needsConfirmation: false,
    token: model.token,
  };
}
