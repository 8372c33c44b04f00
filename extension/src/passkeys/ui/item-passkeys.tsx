// The passkeys on a login, in the item view: for each its site (rpId), user name, when it was made
// and last used, and Delete (with a confirmation). The private key is never shown or copied: it
// leaves the vault only inside an export. A delete is an ordinary edit of the login, so it syncs.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { LoginItem } from '@keyhold/shared/items/item';
import type { Passkey } from '@keyhold/shared/items/types/passkey';
import { send } from '../../messaging/client';
import { useApp } from '../../ui/app/context';
import { relativeTime } from '../../ui/lib/format';
import { t } from '../../i18n/messages';

function PasskeyRow(props: { passkey: Passkey; now: number; onDelete: () => Promise<void> }): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const { passkey, now } = props;
  const used = passkey.lastUsedAt === null ? t('passkey_never_used') : t('passkey_used_when', relativeTime(passkey.lastUsedAt, now));
  return (
    <li class="history-row passkey-row">
      <div class="field-main">
        <span class="field-label">{t('passkey_row_title', passkey.rpId, relativeTime(passkey.createdAt, now), used)}</span>
        <span class="field-value">{passkey.userName || passkey.userDisplayName || t('passkey_no_user_name')}</span>
      </div>
      <div class="field-actions">
        {confirming ? (
          <>
            <button
              type="button"
              class="button danger"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void props.onDelete().finally(() => setBusy(false));
              }}
            >
              {t('passkeys_item_passkeys_delete_passkey')}
            </button>
            <button type="button" class="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('passkeys_item_passkeys_keep')}
            </button>
          </>
        ) : (
          <button type="button" class="button danger-quiet" aria-label={t('passkey_delete_for', passkey.rpId)} onClick={() => setConfirming(true)}>
            {t('common_delete')}
          </button>
        )}
      </div>
    </li>
  );
}

export function ItemPasskeys(props: { item: LoginItem; editable: boolean }): JSX.Element | null {
  const app = useApp();
  const passkeys = props.item.passkeys ?? [];
  if (passkeys.length === 0) return null;
  const now = Date.now();

  async function remove(id: string): Promise<void> {
    try {
      // Edited from the item as loaded: a change synced meanwhile is merged, not overwritten.
      const base = props.item;
      await send('items.save', { item: { ...base, passkeys: passkeys.filter((p) => p.id !== id) }, base });
      app.toast(t('passkeys_item_passkeys_toast_deleted'));
      app.changed();
    } catch (error) {
      app.fail(error);
    }
  }

  return (
    <section class="history" aria-label={t('passkeys_passkey_dialog_passkeys')}>
      <h2 class="field-label">{t('passkeys_passkey_dialog_passkeys')}</h2>
      <ul class="history-list">
        {passkeys.map((passkey) =>
          props.editable ? (
            <PasskeyRow key={passkey.id} passkey={passkey} now={now} onDelete={() => remove(passkey.id)} />
          ) : (
            <li key={passkey.id} class="history-row passkey-row">
              <div class="field-main">
                <span class="field-label">{t('passkey_for_site', passkey.rpId)}</span>
                <span class="field-value">{passkey.userName || passkey.userDisplayName || t('passkey_no_user_name')}</span>
              </div>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
