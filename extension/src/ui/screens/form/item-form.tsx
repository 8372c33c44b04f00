// Creating or editing an item: the fields common to every type (name, folder, tags, favorite), then
// the type's own field group. Saving sends the whole item and, for an edit, the item as the form
// loaded it: if sync changed the item meanwhile, the background merges field by field instead of
// overwriting what came in. It keeps replaced passwords in the item's history and re-validates.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Item, ItemType, KnownItem } from '@keyhold/shared/items/item';
import { newItem } from '@keyhold/shared/items/new-item';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { errorMessage, isLockedError } from '../../app/errors';
import { TopBar } from '../../components/top-bar';
import { Spinner } from '../../components/spinner';
import { CheckboxField, TextField } from '../../components/text-field';
import { TagsInput } from '../../components/tags-input';
import { typeLabel } from '../../lib/item-types';
import { draftProblem, loginPrefill, tidyDraft } from '../../lib/form-draft';
import { isOpaque } from '../../lib/view-fields';
import { useTagsAndFolders } from '../list/use-tags-and-folders';
import { LoginFields } from './login-fields';
import { NoteFields } from './note-fields';
import { CardFields } from './card-fields';
import { IdentityFields } from './identity-fields';
import { ApiKeyFields } from './api-key-fields';
import { ScreenRoot } from '../../components/screen-root';
import { labelInSentence, t } from '../../../i18n/messages';

export type FormMode = { kind: 'new'; type: ItemType } | { kind: 'edit'; id: string };

export function ItemForm(props: { mode: FormMode; pageUrl: string | null; onSaved: (id: string) => void; onCancel: () => void }): JSX.Element {
  const app = useApp();
  const [draft, setDraft] = useState<Item | null>(null);
  // The item as loaded, the common base of this edit and whatever sync brings meanwhile.
  const [base, setBase] = useState<Item | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const tagsAndFolders = useTagsAndFolders(0);
  const { mode } = props;

  useEffect(() => {
    if (mode.kind === 'new') {
      const prefill = mode.type === 'login' ? loginPrefill(props.pageUrl) : null;
      setDraft(newItem(mode.type, prefill ?? {}, Date.now()));
      return;
    }
    send('items.get', { id: mode.id }).then(
      ({ item }) => {
        setBase(item);
        setDraft(structuredClone(item));
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form loads once per item
  }, [mode.kind === 'new' ? mode.type : mode.id]);

  const title =
    mode.kind === 'new'
      ? t('form_title_new', labelInSentence(typeLabel(mode.type)))
      : t('form_title_edit', draft && typeof draft.name === 'string' ? draft.name : '');

  if (loadError) {
    return (
      <ScreenRoot class="screen">
        <TopBar title={title} onBack={props.onCancel} />
        <p class="banner warning" role="alert">
          {loadError}
        </p>
      </ScreenRoot>
    );
  }
  if (!draft) {
    return (
      <ScreenRoot class="screen">
        <TopBar title={title} onBack={props.onCancel} />
        <div class="lazy-wait">
          <Spinner label={t('form_item_form_opening')} />
        </div>
      </ScreenRoot>
    );
  }

  const set = (key: string, value: unknown) => {
    setSaveError(null);
    // A cast for a real reason: the form sets any member by name, which TypeScript cannot check
    // against the item's type. What is saved is checked: items.save's schema runs the item schemas.
    setDraft((d) => (d ? ({ ...d, [key]: value } as Item) : d));
  };

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    if (!draft) return;
    const item = tidyDraft(draft);
    const problem = draftProblem(item);
    if (problem) {
      setSaveError(problem);
      return;
    }
    setSaving(true);
    try {
      const { id } = await send('items.save', { item, ...(mode.kind === 'edit' && base ? { base } : {}) });
      app.changed();
      app.toast(mode.kind === 'new' ? t('form_toast_added', String(item.name)) : t('form_toast_saved'));
      props.onSaved(id);
    } catch (error) {
      if (isLockedError(error)) app.fail(error);
      else setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <ScreenRoot class="screen item-form">
      <TopBar title={title} onBack={props.onCancel} backLabel={t('common_cancel')} />
      <form class="screen-body form" onSubmit={(e) => void save(e)} noValidate aria-label={title}>
        {saveError && (
          <p class="banner warning" role="alert">
            {saveError}
          </p>
        )}
        <TextField
          label={t('common_name')}
          value={typeof draft.name === 'string' ? draft.name : ''}
          autoFocus={mode.kind === 'new'}
          onInput={(v) => set('name', v)}
          required
        />
        {isOpaque(draft) ? <p class="banner">{t('form_item_form_this_item_was_made_by')}</p> : <TypeFields item={draft} set={set} />}
        <TextField
          label={t('common_folder')}
          value={typeof draft.folder === 'string' ? draft.folder : ''}
          list="folder-names"
          placeholder={t('form_item_form_no_folder')}
          onInput={(v) => set('folder', v.trim() ? v : null)}
        />
        <datalist id="folder-names">
          {tagsAndFolders.folders.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <TagsInput tags={Array.isArray(draft.tags) ? draft.tags : []} suggestions={tagsAndFolders.tags} onChange={(tags) => set('tags', tags)} />
        <CheckboxField label={t('form_item_form_favorite')} checked={draft.favorite === true} onChange={(v) => set('favorite', v)} />
        <div class="form-actions">
          <button type="button" class="button" onClick={props.onCancel}>
            {t('common_cancel')}
          </button>
          <button type="submit" class="button primary" disabled={saving}>
            {saving ? t('common_saving') : t('common_save')}
          </button>
        </div>
      </form>
    </ScreenRoot>
  );
}

function TypeFields(props: { item: KnownItem; set: (key: string, value: unknown) => void }): JSX.Element | null {
  const { item, set } = props;
  switch (item.type) {
    case 'login':
      return <LoginFields item={item} set={set} />;
    case 'note':
      return <NoteFields item={item} set={set} />;
    case 'card':
      return <CardFields item={item} set={set} />;
    case 'identity':
      return <IdentityFields item={item} set={set} />;
    case 'api-key':
      return <ApiKeyFields item={item} set={set} />;
    default:
      return null;
  }
}
