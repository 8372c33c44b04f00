// One field of the item view: its label and value, with copy and (for secrets) reveal buttons.
// Secrets are masked until revealed; links open only when they are http(s).
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { IconButton } from './icon-button';
import { safeHref } from '../lib/view-fields';
import { labelInSentence, t } from '../../i18n/messages';

export type FieldRowProps = {
  label: string;
  value: string;
  kind: 'text' | 'secret' | 'url' | 'multiline';
  onCopy: () => void;
  /** Extra content under the value (e.g. "Rotation due"). */
  note?: ComponentChildren;
};

export function FieldRow(props: FieldRowProps): JSX.Element {
  const [revealed, setRevealed] = useState(false);
  const masked = props.kind === 'secret' && !revealed;
  const href = props.kind === 'url' ? safeHref(props.value) : null;
  return (
    <div class="field-row" data-field={props.label}>
      <div class="field-main">
        <span class="field-label">{props.label}</span>
        {href ? (
          <a class="field-value" href={href} target="_blank" rel="noopener noreferrer">
            {props.value}
          </a>
        ) : (
          <span
            class={`field-value${props.kind === 'secret' ? ' mono' : ''}${props.kind === 'multiline' ? ' multiline' : ''}`}
            aria-label={masked ? t('field_row_hidden', props.label) : undefined}
          >
            {masked ? '••••••••••••' : props.value}
          </span>
        )}
        {props.note}
      </div>
      <div class="field-actions">
        {props.kind === 'secret' && (
          <IconButton
            icon={revealed ? 'eyeOff' : 'eye'}
            label={revealed ? t('field_row_hide', labelInSentence(props.label)) : t('field_row_show', labelInSentence(props.label))}
            pressed={revealed}
            onClick={() => setRevealed((r) => !r)}
          />
        )}
        <IconButton icon="copy" label={t('field_row_copy', labelInSentence(props.label))} onClick={props.onCopy} />
      </div>
    </div>
  );
}
