// One item, read-only: every field of its type with copy and reveal, the live one-time code, the
// password history, a login's change-password link, and the actions (favorite, edit, trash / restore / delete forever). Details are
// decrypted by the background only now, when the item is opened.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { send } from '../../../messaging/client';
import type { Item } from '@keyhold/shared/items/item';
import { useApp } from '../../app/context';
import { errorCode, errorMessage, isLockedError } from '../../app/errors';
import { useLoad } from '../../hooks/use-load';
import { TopBar } from '../../components/top-bar';
import { IconButton } from '../../components/icon-button';
import { FieldRow } from '../../components/field-row';
import { Spinner } from '../../components/spinner';
import { typeLabel } from '../../lib/item-types';
import { dueState, isOpaque, viewFieldsOf } from '../../lib/view-fields';
import { relativeTime } from '../../lib/format';
import { TotpField } from './totp-field';
import { PasswordHistory } from './password-history';
import { ItemPasskeys } from '../../../passkeys/ui/item-passkeys';
import { ItemActions } from './item-actions';
import { ChangePasswordLink } from './change-password-link';
import { ScreenRoot } from '../../components/screen-root';
import { t } from '../../../i18n/messages';

export function ItemView(props: { id: string; onClose: () => void }): JSX.Element {
  const app = useApp();
  const loaded = useLoad(() => send('items.get', { id: props.id }), [props.id, app.dataVersion]);
  const failed = loaded.state === 'error' ? loaded.error : null;
  useEffect(() => {
    if (isLockedError(failed)) app.fail(failed);
  }, [failed, app]);

  if (loaded.state === 'loading') {
    return (
      <ScreenRoot class="screen item-view">
        <TopBar title="" onBack={props.onClose} />
        <div class="lazy-wait">
          <Spinner label={t('form_item_form_opening')} />
        </div>
      </ScreenRoot>
    );
  }
  if (loaded.state === 'error') {
    return (
      <UnreadableItem
        id={props.id}
        message={errorMessage(loaded.error)}
        unreadable={errorCode(loaded.error) === 'UNREADABLE'}
        onClose={props.onClose}
      />
    );
  }
  return <ItemDetails item={loaded.value.item} onClose={props.onClose} />;
}

function ItemDetails(props: { item: Item; onClose: () => void }): JSX.Element {
  const app = useApp();
  const { item } = props;
  const trashed = typeof item.trashedAt === 'number';
  const name = typeof item.name === 'string' && item.name ? item.name : '(no name)';
  const favorite = item.favorite === true;
  const today = new Date().toISOString().slice(0, 10);

  async function toggleFavorite(): Promise<void> {
    try {
      await send('items.update', { ids: [item.id], patch: { favorite: !favorite } });
      app.changed();
    } catch (error) {
      app.fail(error);
    }
  }

  return (
    <ScreenRoot class="screen item-view" data-testid="item-view">
      <TopBar title={name} onBack={props.onClose}>
        {!isOpaque(item) && !trashed && (
          <>
            <IconButton
              icon="star"
              filled={favorite}
              pressed={favorite}
              label={favorite ? t('item_remove_from_favorites') : t('item_add_to_favorites')}
              class={favorite ? 'fav' : ''}
              onClick={() => void toggleFavorite()}
            />
            <IconButton icon="edit" label={t('common_edit')} onClick={() => app.go({ name: 'edit', id: item.id })} />
          </>
        )}
      </TopBar>
      <div class="screen-body">
        <p class="item-meta">
          <span class={`type-chip type-${item.type}`}>{typeLabel(item.type)}</span>
          {typeof item.folder === 'string' && item.folder && <span class="chip">{item.folder}</span>}
          {Array.isArray(item.tags) &&
            (item.tags as unknown[])
              .filter((t): t is string => typeof t === 'string')
              .map((t) => (
                <span class="chip" key={t}>
                  #{t}
                </span>
              ))}
        </p>
        {trashed && <p class="banner">{t('item_this_item_is_in_the')}</p>}
        {isOpaque(item) ? (
          <p class="banner">{t('item_this_item_was_made_by')}</p>
        ) : (
          <div class="fields">
            {viewFieldsOf(item).map((field) =>
              field.kind === 'totp' ? (
                <TotpField key={field.key} secret={field.value} />
              ) : (
                <FieldRow
                  key={field.key}
                  label={field.label}
                  value={field.value}
                  kind={field.kind}
                  onCopy={() => void app.copy({ value: field.value, what: field.label, sensitive: field.sensitive })}
                  note={
                    field.key === 'rotationDueOn' || field.key === 'expiresOn' ? (
                      <DueNote state={dueState(field.value, today)} kind={field.key === 'expiresOn' ? 'expiry' : 'rotation'} />
                    ) : undefined
                  }
                />
              ),
            )}
            {viewFieldsOf(item).length === 0 && <p class="muted">{t('item_this_item_has_no_fields')}</p>}
          </div>
        )}
        {item.type === 'login' && !trashed && !isOpaque(item) && <ChangePasswordLink url={firstUrlOf(item)} />}
        {item.type === 'login' && !isOpaque(item) && <ItemPasskeys item={item} editable={!trashed} />}
        {Array.isArray(item.history) && <PasswordHistory history={item.history} />}
        <p class="muted small">
          {t('item_edited_created', relativeTime(Number(item.updatedAt ?? 0), Date.now()), relativeTime(Number(item.createdAt ?? 0), Date.now()))}
        </p>
        <ItemActions id={item.id} name={name} state={trashed ? 'trashed' : 'active'} onGone={props.onClose} />
      </div>
    </ScreenRoot>
  );
}

/** A login's first saved website, read defensively ('' when there is none). */
function firstUrlOf(item: Item): string {
  const urls: unknown = (item as { urls?: unknown }).urls;
  const first: unknown = Array.isArray(urls) ? (urls as unknown[])[0] : undefined;
  const url = (first as { url?: unknown } | undefined)?.url;
  return typeof url === 'string' ? url : '';
}

const DUE_TEXT = {
  expiry: { soon: t('item_expires_soon'), overdue: t('item_expired') },
  rotation: { soon: t('item_rotate_soon'), overdue: t('item_rotation_overdue') },
} as const;

function DueNote(props: { state: 'none' | 'soon' | 'overdue'; kind: 'expiry' | 'rotation' }): JSX.Element | null {
  if (props.state === 'none') return null;
  return <span class={`due due-${props.state}`}>{DUE_TEXT[props.kind][props.state]}</span>;
}

function UnreadableItem(props: { id: string; message: string; unreadable: boolean; onClose: () => void }): JSX.Element {
  return (
    <ScreenRoot class="screen item-view" data-testid="item-view">
      <TopBar title={props.unreadable ? t('common_item_unreadable') : t('item_not_available')} onBack={props.onClose} />
      <div class="screen-body">
        <p class="banner warning" role="alert">
          {props.message}
        </p>
        {props.unreadable && (
          <>
            <p class="muted">{t('item_the_rest_of_your_vault')}</p>
            <ItemActions id={props.id} name="The damaged item" state="unreadable" onGone={props.onClose} />
          </>
        )}
      </div>
    </ScreenRoot>
  );
}
