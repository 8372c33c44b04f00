// Every message between extension contexts, in one place: its request, its response, and which
// sender kinds may send it (STYLE.md: one typed protocol map; Proton Pass: senders per type).
// Extension pages ('page': popup, options/full-page vault) are trusted; content scripts ('content')
// speak for a web page and get only what they must have — they never receive the vault.
import type { Item } from '@keyhold/shared/items/item';
import type { KdfCost } from '@keyhold/shared/crypto/kdf-params';
import type { VaultStatus } from '../vault/vault-service';
import type { ListPage, ListQuery } from '../vault/overview-index';
import type { ListRow } from '../vault/list-row';
import type { BulkPatch } from '../vault/item-service';
import type { Settings } from '../vault/settings';
import type { SenderKind } from './sender';
import type { AutofillOffer, FillRequest, FillResponse, SaveAction, SavePromptView, SubmittedLogin } from '../autofill/messages';
import type { SyncMessages } from '../sync/messages';

type Ids = { ids: string[] };

export type OpenPayload = { status: VaultStatus; suggestions: ListRow[]; page: ListPage | null; pageUrl: string | null };

export type Protocol = {
  'vault.status': { request: void; response: VaultStatus };
  'vault.create': { request: { password: string }; response: { recoveryKey: string } };
  'vault.confirmRecovery': { request: void; response: void };
  /** Unlocks, and answers with what popup.open would, so the first list paint needs no second round trip. */
  'vault.unlock': { request: { password: string; limit?: number; tabId?: number }; response: OpenPayload };
  'vault.lock': { request: void; response: void };
  'vault.resetWithRecoveryKey': { request: { recoveryKey: string; newPassword: string }; response: void };
  'vault.changePassword': { request: { currentPassword: string; newPassword: string }; response: void };
  'vault.viewRecoveryKey': { request: { password: string }; response: { recoveryKey: string } };
  'vault.regenerateRecoveryKey': { request: { password: string }; response: { recoveryKey: string } };
  'vault.kdf': { request: void; response: KdfCost };
  'vault.calibrateKdf': { request: KdfCost; response: { ms: number } };
  'vault.setKdf': { request: { password: string } & KdfCost; response: void };

  'settings.get': { request: void; response: Settings };
  'settings.set': { request: Partial<Settings>; response: Settings };

  /** The popup opening: the page's suggestions and the first page of the list, in one round trip. */
  'popup.open': { request: { limit: number; tabId?: number }; response: OpenPayload };
  'items.list': { request: ListQuery; response: ListPage };
  'items.get': { request: { id: string }; response: { item: Item } };
  'items.save': { request: { item: Item }; response: { id: string } };
  /** Adds new items in bulk (importers); at most 1,000 per message. */
  'items.import': { request: { items: Item[] }; response: { added: number; skipped: number } };
  'items.trash': { request: Ids; response: void };
  'items.restore': { request: Ids; response: void };
  'items.deleteForever': { request: Ids; response: void };
  'items.update': { request: Ids & { patch: BulkPatch }; response: void };
  'items.tagsAndFolders': { request: void; response: { tags: string[]; folders: string[] } };

  'generator.history': { request: void; response: { entries: { value: string; createdAt: number }[] } };
  'generator.remember': { request: { value: string }; response: void };
  'generator.clearHistory': { request: void; response: void };

  /** The popup put a secret on the clipboard; the background clears it later if it is still there. */
  'clipboard.copied': { request: { value: string }; response: { clearAfterSeconds: number } };
  /** Any user activity in an extension page postpones auto-lock. */
  'activity.ping': { request: void; response: void };

  /** Autofill (content scripts): load the lazy engine into the sending frame. */
  'autofill.loadEngine': { request: void; response: void };
  /** What may be offered in the sending frame; decided from the frame's URL as the browser reports it. */
  'autofill.query': { request: void; response: AutofillOffer };
  'autofill.fill': { request: FillRequest; response: FillResponse };
  /** A new password for a new-password field; it goes into the generator history at once. */
  'autofill.generate': { request: void; response: { password: string } };
  'autofill.submitted': { request: SubmittedLogin; response: { prompt: SavePromptView | null } };
  'autofill.savePrompt': { request: { promptId: string; action: SaveAction }; response: void };
  /** The inline menu's "Unlock" when the vault is locked: opens the popup. */
  'autofill.openUnlock': { request: void; response: void };
  /** The popup's "fill" on a suggestion: fills the active tab's login form (a trusted gesture). */
  'autofill.fillFromPopup': { request: { itemId: string; tabId?: number }; response: { filled: boolean } };
} & SyncMessages;

export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = Protocol[T]['request'];
export type ResponseOf<T extends MessageType> = Protocol[T]['response'];

const PAGE: readonly SenderKind[] = ['page'];
const CONTENT: readonly SenderKind[] = ['content'];

export const MESSAGE_SENDERS: { readonly [T in MessageType]: readonly SenderKind[] } = {
  'vault.status': PAGE,
  'vault.create': PAGE,
  'vault.confirmRecovery': PAGE,
  'vault.unlock': PAGE,
  'vault.lock': PAGE,
  'vault.resetWithRecoveryKey': PAGE,
  'vault.changePassword': PAGE,
  'vault.viewRecoveryKey': PAGE,
  'vault.regenerateRecoveryKey': PAGE,
  'vault.kdf': PAGE,
  'vault.calibrateKdf': PAGE,
  'vault.setKdf': PAGE,
  'settings.get': PAGE,
  'settings.set': PAGE,
  'popup.open': PAGE,
  'items.list': PAGE,
  'items.get': PAGE,
  'items.save': PAGE,
  'items.import': PAGE,
  'items.trash': PAGE,
  'items.restore': PAGE,
  'items.deleteForever': PAGE,
  'items.update': PAGE,
  'items.tagsAndFolders': PAGE,
  'generator.history': PAGE,
  'generator.remember': PAGE,
  'generator.clearHistory': PAGE,
  'clipboard.copied': PAGE,
  'activity.ping': PAGE,
  'autofill.loadEngine': CONTENT,
  'autofill.query': CONTENT,
  'autofill.fill': CONTENT,
  'autofill.generate': CONTENT,
  'autofill.submitted': CONTENT,
  'autofill.savePrompt': CONTENT,
  'autofill.openUnlock': CONTENT,
  'autofill.fillFromPopup': PAGE,
  'sync.status': PAGE,
  'sync.signUp': PAGE,
  'sync.logIn': PAGE,
  'sync.logOut': PAGE,
  'sync.now': PAGE,
  'sync.devices': PAGE,
  'sync.revokeDevice': PAGE,
  'sync.dismissReports': PAGE,
  'sync.conflicts': PAGE,
  'sync.conflict': PAGE,
  'sync.resolveConflict': PAGE,
  'sync.keepBoth': PAGE,
};
