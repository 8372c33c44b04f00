// Secure note: one long text.
import type { JSX } from 'preact';
import { TextArea } from '../../components/text-field';
import type { FieldsProps } from './form-types';
import { t } from '../../../i18n/messages';

export function NoteFields(props: FieldsProps<'note'>): JSX.Element {
  return <TextArea label={t('common_note')} rows={10} value={props.item.text} onInput={(v) => props.set('text', v)} />;
}
