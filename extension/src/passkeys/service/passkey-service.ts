// Keyhold as a WebAuthn authenticator, in the background. A call from a page is checked (secure
// origin, rpId rules, frame rules) with the origin the browser reported for the frame; then it waits
// for the user in Keyhold's dialog, an extension window the page cannot script. User presence and
// verification both mean: the vault is unlocked and the user confirmed in that dialog just now.
// "Use another device" (or a request Keyhold cannot serve) hands the call back to the browser.
// A conditional get (passkeys in the username field's menu) waits without a dialog; the user's
// choice in the inline menu ends it, with the same checks (docs/adr/0018-passkeys.md).
import { base64urlToBytes, bytesToBase64url, zeroize } from '@keyhold/shared/crypto/bytes';
import { newItem } from '@keyhold/shared/items/new-item';
import { isOpaque, type LoginItem } from '@keyhold/shared/items/item';
import type { Passkey } from '@keyhold/shared/items/types/passkey';
import { decideRpId } from '@keyhold/shared/webauthn/rp-id';
import { getAssertion, makeCredential } from '@keyhold/shared/webauthn/ceremonies';
import { COSE_ALG_ES256 } from '@keyhold/shared/webauthn/cose-key';
import { UserError } from '../../common/user-error';
import type { VaultService } from '../../vault/vault-service';
import type { ItemService } from '../../vault/item-service';
import type {
  AssertedCredential,
  CreateOptions,
  CreatedCredential,
  FrameFacts,
  GetOptions,
  PasskeyDecision,
  PasskeyOutcome,
  PasskeyChoice,
  PendingView,
} from '../messages';
import { allowedBy, loginsForOrigin, passkeysFor } from './find-passkeys';
import { createPendingRequests, type Caller, type PendingRequest } from './pending-requests';
import { t } from '../../i18n/messages';

/** Where the call came from, as the browser reports it (MessageSender and the tab), never as the page says. */
export type CallSite = { origin: string; topOrigin: string; tabId: number; frameId: number };
/** A frame as the browser reports it: where the inline menu was opened or chosen in. */
export type MenuSite = { origin: string; tabId: number; frameId: number };

export type PasskeyServiceDeps = {
  vault: Pick<VaultService, 'ifUnlocked' | 'isUnlocked' | 'confirmPassword'>;
  /** The setting that makes every save and sign-in ask for the master password. */
  askPassword: () => Promise<boolean>;
  items: Pick<ItemService, 'get' | 'save'>;
  now: () => number;
  /** Opens Keyhold's dialog for a pending request; `close` shuts it once the request ended. */
  dialog: { open(requestId: string): Promise<void>; close(requestId: string): void };
};

type Checked = { ok: true; caller: Caller } | { ok: false; outcome: PasskeyOutcome<never> };

const refuse = (name: 'NotAllowedError' | 'SecurityError'): Checked => ({ ok: false, outcome: { kind: 'error', name } });

/**
 * The frame rules: a top-level or same-origin frame may call; a cross-origin frame only where the
 * browser would let it (permissions policy publickey-credentials-create/-get delegated to it, and for
 * create a user activation, WebAuthn Level 3 §5.1.3 step 2), never wider.
 */
function checkCaller(site: CallSite, frame: FrameFacts, kind: 'create' | 'get', requestedRpId: string | undefined): Checked {
  const crossOrigin = site.frameId !== 0 && site.origin !== site.topOrigin;
  if (crossOrigin && (!frame.policyAllows || (kind === 'create' && !frame.userActivation))) return refuse('NotAllowedError');
  const rp = decideRpId(site.origin, requestedRpId);
  if (!rp.ok) return refuse('SecurityError');
  return {
    ok: true,
    caller: { origin: site.origin, topOrigin: crossOrigin ? site.topOrigin : null, rpId: rp.rpId, tabId: site.tabId, frameId: site.frameId },
  };
}

export function createPasskeyService(deps: PasskeyServiceDeps) {
  const { vault, items, now } = deps;
  const pending = createPendingRequests({ onEnded: (id) => deps.dialog.close(id) });

  async function ask<C>(
    make: (id: string, settle: (o: PasskeyOutcome<unknown>) => void) => PendingRequest,
    options: { dialog: boolean } = { dialog: true },
  ): Promise<PasskeyOutcome<C>> {
    const { id, outcome } = pending.start<C>(make);
    if (options.dialog) await openDialog(id);
    return outcome;
  }

  async function openDialog(id: string): Promise<void> {
    await deps.dialog.open(id).catch(() => pending.end(id, { kind: 'error', name: 'NotAllowedError' }));
  }

  /** What a get may be answered with: the site's passkeys it allows, or null while locked. */
  async function choicesFor(request: Extract<PendingRequest, { kind: 'get' }>): Promise<PasskeyChoice[] | null> {
    const found = await passkeysFor({ vault, items }, request.caller.origin, request.caller.rpId);
    if (found === null) return null;
    return allowedBy(found, request.options.allowCredentials).map(({ item, passkey }) => ({
      itemId: item.id,
      passkeyId: passkey.id,
      userName: passkey.userName,
      itemName: item.name,
      lastUsedAt: passkey.lastUsedAt,
    }));
  }

  async function excluded(request: Extract<PendingRequest, { kind: 'create' }>): Promise<boolean> {
    const ids = new Set(request.options.excludeCredentials.map((d) => d.id));
    const found = (await passkeysFor({ vault, items }, request.caller.origin, request.caller.rpId)) ?? [];
    return found.some((f) => ids.has(f.passkey.id));
  }

  async function saveNew(
    request: Extract<PendingRequest, { kind: 'create' }>,
    target: Extract<PasskeyDecision, { action: 'save' }>['target'],
  ): Promise<void> {
    const { caller, options } = request;
    if (await excluded(request)) throw new UserError('INVALID', t('error_passkey_service_this_site_already_has_your'));
    let base: LoginItem | null = null;
    if (target.kind === 'existing') {
      const logins = (await loginsForOrigin({ vault, items }, caller.origin)) ?? [];
      if (!logins.some((l) => l.id === target.itemId)) throw new UserError('INVALID', t('error_passkey_service_that_login_is_not_for'));
      const item = await items.get(target.itemId);
      if (isOpaque(item) || item.type !== 'login') throw new UserError('INVALID', t('error_passkey_service_that_login_cannot_hold_a'));
      base = item;
    }
    const made = makeCredential({
      rpId: caller.rpId,
      origin: caller.origin,
      topOrigin: caller.topOrigin,
      challenge: base64urlToBytes(options.challenge),
      userVerified: true,
    });
    const at = now();
    const passkey: Passkey = {
      id: bytesToBase64url(made.credentialId),
      rpId: caller.rpId,
      rpName: options.rp.name,
      userHandle: options.user.id,
      userName: options.user.name,
      userDisplayName: options.user.displayName,
      algorithm: 'ES256',
      privateKey: bytesToBase64url(made.privateKey),
      discoverable: true,
      createdAt: at,
      lastUsedAt: null,
    };
    zeroize(made.privateKey);
    const login =
      base ??
      newItem(
        'login',
        { name: options.rp.name.trim() || caller.rpId, username: options.user.name, urls: [{ url: caller.origin, match: 'default' }] },
        at,
      );
    await items.save({ ...login, passkeys: [...(login.passkeys ?? []), passkey] }, base ?? undefined);
    const credential: CreatedCredential = {
      id: passkey.id,
      clientDataJSON: bytesToBase64url(made.clientDataJson),
      attestationObject: bytesToBase64url(made.attestationObject),
      authenticatorData: bytesToBase64url(made.authenticatorData),
      publicKey: bytesToBase64url(made.publicKeySpki),
      publicKeyAlgorithm: COSE_ALG_ES256,
    };
    pending.end(request.id, { kind: 'done', credential });
  }

  async function signIn(request: Extract<PendingRequest, { kind: 'get' }>, itemId: string, passkeyId: string): Promise<void> {
    const { caller, options } = request;
    const found = allowedBy((await passkeysFor({ vault, items }, caller.origin, caller.rpId)) ?? [], options.allowCredentials);
    const chosen = found.find((f) => f.item.id === itemId && f.passkey.id === passkeyId);
    if (!chosen) throw new UserError('INVALID', t('error_passkey_service_that_passkey_is_not_offered'));
    const privateKey = base64urlToBytes(chosen.passkey.privateKey);
    let credential: AssertedCredential;
    try {
      const assertion = getAssertion(
        { rpId: caller.rpId, origin: caller.origin, topOrigin: caller.topOrigin, challenge: base64urlToBytes(options.challenge), userVerified: true },
        privateKey,
      );
      credential = {
        id: chosen.passkey.id,
        clientDataJSON: bytesToBase64url(assertion.clientDataJson),
        authenticatorData: bytesToBase64url(assertion.authenticatorData),
        signature: bytesToBase64url(assertion.signature),
        userHandle: chosen.passkey.userHandle,
      };
    } finally {
      zeroize(privateKey);
    }
    pending.end(request.id, { kind: 'done', credential });
    // "Last used" after the page has its answer: the write (and its sync) need not delay the sign-in.
    const item = chosen.item;
    const passkeys = (item.passkeys ?? []).map((p) => (p.id === passkeyId ? { ...p, lastUsedAt: now() } : p));
    void items.save({ ...item, passkeys }, item).catch((error: unknown) => console.warn('Keyhold: could not record a passkey use', error));
  }

  return {
    async create(options: CreateOptions, site: CallSite, frame: FrameFacts, callId: string): Promise<PasskeyOutcome<CreatedCredential>> {
      const checked = checkCaller(site, frame, 'create', options.rp.id);
      if (!checked.ok) return checked.outcome;
      // Keyhold makes ES256 passkeys for platform use; a site that wants another algorithm or a
      // security key gets the browser's own ceremony, untouched.
      const es256 = options.algorithms.length === 0 || options.algorithms.includes(COSE_ALG_ES256);
      if (!es256 || options.authenticatorAttachment === 'cross-platform') return { kind: 'fallback' };
      return ask((id, settle) => ({ id, callId, kind: 'create', caller: checked.caller, options, settle }));
    },

    async get(
      options: GetOptions,
      site: CallSite,
      frame: FrameFacts,
      call: { callId: string; conditional: boolean },
    ): Promise<PasskeyOutcome<AssertedCredential>> {
      const checked = checkCaller(site, frame, 'get', options.rpId);
      if (!checked.ok) return checked.outcome;
      // Unlocked with nothing to offer: straight to the browser, no dialog (for a conditional get,
      // the browser's own autofill UI). Locked: the dialog asks to unlock first, and says so if there
      // is nothing after all; a conditional get waits, and the menu offers "Unlock".
      const found = await passkeysFor({ vault, items }, checked.caller.origin, checked.caller.rpId);
      if (found !== null && allowedBy(found, options.allowCredentials).length === 0) return { kind: 'fallback' };
      return ask((id, settle) => ({ id, callId: call.callId, kind: 'get', conditional: call.conditional, caller: checked.caller, options, settle }), {
        dialog: !call.conditional,
      });
    },

    /** The passkeys the inline menu of this frame offers: only while a conditional get of its document waits, and unlocked. */
    async menuChoices(site: MenuSite): Promise<PasskeyChoice[]> {
      const request = pending.conditionalIn(site);
      return request === null ? [] : ((await choicesFor(request)) ?? []);
    },

    /**
     * The user chose a passkey in the inline menu (the caller redeemed the menu's one-use token for
     * it): the conditional get waiting in that frame gets its assertion. With the master-password
     * setting, Keyhold's dialog opens for this request instead, to ask for it.
     */
    async chooseInMenu(site: MenuSite, itemId: string, passkeyId: string): Promise<void> {
      const request = pending.conditionalIn(site);
      if (request === null) throw new UserError('INVALID', t('error_passkey_service_this_page_is_no_longer'));
      if (await deps.askPassword()) return openDialog(request.id);
      await signIn(request, itemId, passkeyId);
    },

    async view(requestId: string): Promise<PendingView> {
      const request = pending.get(requestId);
      if (!request) return { state: 'gone' };
      const { rpId, origin } = request.caller;
      if (!(await vault.isUnlocked())) return { state: 'locked', kind: request.kind, rpId, origin };
      if (request.kind === 'create') {
        const logins = ((await loginsForOrigin({ vault, items }, origin)) ?? []).map((l) => ({ itemId: l.id, name: l.name, username: l.username }));
        const { rp, user } = request.options;
        return {
          state: 'create',
          rpId,
          origin,
          rpName: rp.name,
          userName: user.name,
          excluded: await excluded(request),
          logins,
          askPassword: await deps.askPassword(),
        };
      }
      return { state: 'get', rpId, origin, choices: (await choicesFor(request)) ?? [], askPassword: await deps.askPassword() };
    },

    async decide(requestId: string, decision: PasskeyDecision, password?: string): Promise<void> {
      const request = pending.get(requestId);
      if (!request) return;
      if ((decision.action === 'save' || decision.action === 'use') && (await deps.askPassword())) {
        if (!password) throw new UserError('INVALID', t('error_passkey_service_enter_your_master_password_to'));
        await vault.confirmPassword(password);
      }
      if (decision.action === 'fallback') pending.end(requestId, { kind: 'fallback' });
      else if (decision.action === 'cancel') {
        // After the user saw that the site already has their passkey, the page learns so (§6.3.2 step 3).
        const name = request.kind === 'create' && (await vault.isUnlocked()) && (await excluded(request)) ? 'InvalidStateError' : 'NotAllowedError';
        pending.end(requestId, { kind: 'error', name });
      } else if (decision.action === 'save' && request.kind === 'create') await saveNew(request, decision.target);
      else if (decision.action === 'use' && request.kind === 'get') await signIn(request, decision.itemId, decision.passkeyId);
      else throw new UserError('INVALID', t('error_passkey_service_that_answer_does_not_fit'));
    },

    /** The page aborted a call: that call's request ends (the page has rejected already) and its dialog closes. */
    aborted(tabId: number, callId: string): void {
      const id = pending.ofCall(tabId, callId);
      if (id !== null) pending.end(id, { kind: 'error', name: 'NotAllowedError' });
    },

    /** A frame navigated (or its tab closed, `frameId` undefined): the calls its documents made end. */
    frameGone(tabId: number, frameId?: number): void {
      for (const id of pending.inFrame(tabId, frameId)) pending.end(id, { kind: 'error', name: 'NotAllowedError' });
    },

    /** The dialog window was closed without an answer: the page hears NotAllowedError, as for a cancel. */
    dialogClosed(requestId: string): void {
      pending.end(requestId, { kind: 'error', name: 'NotAllowedError' });
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;
