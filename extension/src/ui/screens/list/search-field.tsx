// The search field: a combobox whose arrow keys drive the list below while focus stays here. It is
// uncontrolled: what is typed shows at once, and the list catches up when the results arrive (one
// render per reply, none per keystroke).
import type { JSX, Ref } from 'preact';
import { Icon } from '../../components/icons';
import { t } from '../../../i18n/messages';

export function SearchField(props: {
  inputRef: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  activeDescendant: string | undefined;
  controls: string;
}): JSX.Element {
  return (
    <div class="search">
      <Icon name="search" size={16} />
      <input
        ref={props.inputRef}
        type="search"
        role="combobox"
        aria-label={t('list_search_field_search_the_vault')}
        aria-expanded="true"
        aria-controls={props.controls}
        aria-autocomplete="list"
        aria-activedescendant={props.activeDescendant}
        placeholder={t('list_search_field_search')}
        autocomplete="off"
        spellcheck={false}
        data-testid="search"
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
        onKeyDown={props.onKeyDown}
      />
    </div>
  );
}
