// One conflicted item in the resolve view: per field, this device's value and the other device's,
// secrets masked until revealed, and a choice between them. "Keep both" instead makes a second item
// with the other values.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ConflictDetail, FieldChoice } from '../../sync/conflicts';
import { fieldLabel, isSecretField, valueText } from './field-label';
import { t } from '../../i18n/messages';

type Choice = FieldChoice['choose'];

function Value(props: { value: unknown; secret: boolean; revealed: boolean }): JSX.Element {
  const text = valueText(props.value);
  return <span class="mono sync-conflict-value">{props.secret && !props.revealed && text !== '(empty)' ? '••••••••' : text}</span>;
}

export function ConflictFields(props: {
  detail: ConflictDetail;
  busy: boolean;
  onResolve: (choices: FieldChoice[]) => void;
  onKeepBoth: () => void;
}): JSX.Element {
  const fields = [...new Map(props.detail.conflicts.map((c) => [c.field, c])).values()];
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [revealed, setRevealed] = useState(false);
  const complete = fields.every((c) => choices[c.field] !== undefined);
  const anySecret = fields.some((c) => isSecretField(c.field));

  return (
    <div class="sync-conflict" data-testid="sync-conflict">
      <h3>{props.detail.name || t('common_no_name')}</h3>
      <p class="hint">{t('sync_conflict_this_item_was_changed_on')}</p>
      {fields.map((conflict) => (
        <fieldset key={conflict.field} class="sync-conflict-field">
          <legend>{fieldLabel(conflict.field)}</legend>
          {(['local', 'remote'] as const).map((side) => (
            <label key={side} class="checkbox-field">
              <input
                type="radio"
                name={`choice-${conflict.field}`}
                checked={choices[conflict.field] === side}
                onChange={() => setChoices({ ...choices, [conflict.field]: side })}
              />
              <span>
                {side === 'local' ? t('sync_conflict_this_device') : t('sync_conflict_other_device')}{' '}
                <Value value={side === 'local' ? conflict.local : conflict.remote} secret={isSecretField(conflict.field)} revealed={revealed} />
              </span>
            </label>
          ))}
        </fieldset>
      ))}
      {anySecret && (
        <button type="button" class="button" onClick={() => setRevealed(!revealed)}>
          {revealed ? t('sync_conflict_hide_values') : t('sync_conflict_show_values')}
        </button>
      )}
      <div class="button-row">
        <button
          type="button"
          class="button primary"
          disabled={!complete || props.busy}
          onClick={() => props.onResolve(fields.map((c) => ({ field: c.field, choose: choices[c.field]! })))}
        >
          {t('sync_conflict_keep_the_chosen_values')}
        </button>
        <button type="button" class="button" disabled={props.busy} onClick={props.onKeepBoth}>
          {t('sync_conflict_keep_both_as_two_items')}
        </button>
      </div>
    </div>
  );
}
