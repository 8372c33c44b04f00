// The shapes autofill sends between a page's content script and the background, in both directions.
// Requests to the background are entries of messaging/protocol.ts (which lists 'content' as their
// sender); the few the background sends into a tab (`tabs.sendMessage`, one frame at a time) are
// the TabMessage union below. Content scripts get names and usernames of the logins matching THEIR
// frame, and a secret only as the answer to a fill the background allowed.
import type { FormKind } from './detect/types';

/**
 * What the inline menu lists: never a password. `via`: the related site the login was saved for
 * (shown as "from gap.com"), or null for the page's own site. `savedFor`: the other subdomain of this
 * site the login was saved on ("saved for accounts.example.com"); choosing it asks first, naming both
 * hosts, and the background fills it only with that confirmation.
 */
export type OfferedLogin = { id: string; name: string; username: string; hasTotp: boolean; via: string | null; savedFor: string | null };

export type AutofillOffer =
  /** Nothing to offer here: sandboxed or non-http(s) frame, or no vault on this device. */
  | { state: 'unavailable' }
  /**
   * This frame's host, or the tab's, had a certificate error the user may have clicked through
   * (service/cert-errors.ts): nothing is offered or filled, and the menu says why.
   */
  | { state: 'insecure'; host: string }
  | { state: 'locked' }
  | {
      state: 'unlocked';
      /** Logins matching this frame's own URL, best first. */
      logins: OfferedLogin[];
      /** This frame's host, as the browser reports its URL (named in a sibling-subdomain confirmation). */
      host: string;
      /** The login chosen earlier in this tab for this site (multi-step logins), if it matches. */
      preferredId: string | null;
      /** Set when this frame is cross-origin to the tab: filling it needs an explicit confirmation. */
      crossOrigin: { frameHost: string; topHost: string } | null;
      /** A login with a one-time code was just filled in this tab for this site: its code may follow. */
      totpItemId: string | null;
      /**
       * For an offer asked for by an inline menu the user opened (`autofill.menu`): the one-use token
       * a fill chosen in that menu must carry, bound to this tab, frame and the logins offered (and
       * only those). Null for other offers: the background does not take a content script's word
       * that a menu was clicked.
       */
      menuToken: string | null;
    };

export type FillGesture =
  /**
   * A trusted click or key press in our inline menu (checked in the page, event.isTrusted), with the
   * token the background issued when that menu opened (AutofillOffer.menuToken).
   */
  | { kind: 'menu'; token: string }
  /** The keyboard shortcut, context menu or popup: the background issued this one-use token. */
  | { kind: 'token'; token: string }
  /** The one-time code of the login just filled in this tab (settings.totpAfterFill = 'fill'). */
  | { kind: 'totp-follow-up' };

export type FillRequest = {
  itemId: string;
  gesture: FillGesture;
  /** Which values the page has a visible field for; nothing else is sent. */
  want: { username: boolean; password: boolean; totp: boolean };
  /**
   * The user confirmed, in our menu's second step, what it asked about: filling a cross-origin frame,
   * and/or using a login saved on another subdomain of the site here.
   */
  confirmed: boolean;
};

export type FillResponse = {
  username: string | null;
  password: string | null;
  totp: string | null;
  /** settings.totpAfterFill = 'copy': put this code on the clipboard instead of filling it. */
  copyTotp: string | null;
};

export type SubmittedLogin = {
  formKind: Extract<FormKind, 'login' | 'signup' | 'change-password' | 'reset'>;
  username: string;
  /** The current password (login, change-password), or '' when the form has none. */
  password: string;
  /** The new password (signup, change-password, reset), or '' when the form has none. */
  newPassword: string;
};

export type SavePromptView = {
  id: string;
  kind: 'save' | 'update';
  host: string;
  username: string;
  /** The login an update would change. */
  itemName: string | null;
};

export type SaveAction = 'save' | 'never' | 'dismiss';

/** Messages the background sends into one frame of a tab. */
export type TabMessage =
  /** The user asked to fill (shortcut, context menu, popup); the frame fills with this token. */
  | { type: 'keyhold:fill'; token: string; itemId: string; target: 'focused' | 'context-menu' }
  /** Show the save/update bar (also after the navigation that follows a login). */
  | { type: 'keyhold:prompt'; prompt: SavePromptView }
  /** The vault was locked: close the menu and the save bar (they show names and usernames). */
  | { type: 'keyhold:locked' };

/**
 * "Could you fill here?" — asked of every frame of the tab before a shortcut, context-menu or popup
 * fill (scripting.executeScript reads it from the engine's slot in the content script's own world).
 */
export type ProbeReply = {
  /** A visible field a login can go into. */
  fillable: boolean;
  /** When a detected credential field of this frame last had focus (Date.now()), or 0. */
  focusedAt: number;
};

/** Where the engine leaves its probe in the content script's world (isolated: pages cannot see it). */
export const ENGINE_SLOT = 'keyhold.autofill-engine';
export type EngineSlot = {
  probe(): Promise<ProbeReply>;
  /** Durations of the detection passes so far (ms): the autofill bench reads them over CDP. */
  passTimes(): readonly number[];
};
