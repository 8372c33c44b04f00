// Tags as removable chips plus an input: Enter or a comma adds the typed tag.
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n/messages';

export function TagsInput(props: { tags: readonly string[]; onChange: (tags: string[]) => void; suggestions?: readonly string[] }): JSX.Element {
  const id = useId();
  const [text, setText] = useState('');
  const add = (raw: string) => {
    const tag = raw.trim().replace(/^#/u, '');
    if (tag && !props.tags.includes(tag)) props.onChange([...props.tags, tag]);
    setText('');
  };
  return (
    <div class="form-field">
      <label for={id}>{t('common_tags')}</label>
      <div class="tags-input">
        {props.tags.map((tag) => (
          <span class="chip" key={tag}>
            #{tag}
            <button
              type="button"
              class="chip-remove"
              aria-label={t('tags_input_remove_tag', tag)}
              onClick={() => props.onChange(props.tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          value={text}
          placeholder={props.tags.length ? '' : t('tags_input_add_a_tag')}
          list={props.suggestions?.length ? `${id}-list` : undefined}
          onInput={(event) => {
            const value = (event.currentTarget as HTMLInputElement).value;
            if (value.endsWith(',')) add(value.slice(0, -1));
            else setText(value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && text.trim()) {
              event.preventDefault();
              add(text);
            } else if (event.key === 'Backspace' && !text && props.tags.length) {
              props.onChange(props.tags.slice(0, -1));
            }
          }}
          onBlur={() => text.trim() && add(text)}
        />
        {props.suggestions?.length ? (
          <datalist id={`${id}-list`}>
            {props.suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        ) : null}
      </div>
    </div>
  );
}
