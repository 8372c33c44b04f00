// A login's websites: one row per URL with its match mode (how autofill compares it with a page).
import type { JSX } from 'preact';
import { URL_MATCH_MODES, type LoginUrl, type UrlMatchMode } from '@keyhold/shared/items/types/login';
import { IconButton } from '../../components/icon-button';
import { WrapInput } from '../../components/wrap-input';
import { t } from '../../../i18n/messages';

const MODE_LABELS: Record<UrlMatchMode, string> = {
  default: t('form_urls_match_default'),
  'base-domain': t('form_urls_match_same_site'),
  host: t('form_urls_match_same_host'),
  'starts-with': t('form_urls_match_starts_with'),
  exact: t('form_urls_match_exact'),
  regex: t('form_urls_match_regex'),
  never: t('form_urls_match_never'),
};

export function UrlsEditor(props: { urls: readonly LoginUrl[]; onChange: (urls: LoginUrl[]) => void }): JSX.Element {
  const update = (index: number, patch: Partial<LoginUrl>) => props.onChange(props.urls.map((u, i) => (i === index ? { ...u, ...patch } : u)));
  return (
    <fieldset class="form-group">
      <legend>{t('form_urls_editor_websites')}</legend>
      {props.urls.map((url, i) => (
        <div class="url-row" key={i}>
          <WrapInput
            class="url-input"
            inputMode="url"
            aria-label={t('form_urls_website_n', i + 1)}
            placeholder="https://example.com"
            value={url.url}
            spellcheck={false}
            onValue={(value) => update(i, { url: value })}
          />
          <select
            class="url-match"
            aria-label={t('form_urls_match_mode_n', i + 1)}
            value={url.match}
            onChange={(event) => update(i, { match: (event.currentTarget as HTMLSelectElement).value as UrlMatchMode })}
          >
            {URL_MATCH_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {MODE_LABELS[mode]}
              </option>
            ))}
          </select>
          <IconButton
            icon="close"
            label={t('form_urls_remove_website_n', i + 1)}
            class="url-remove"
            onClick={() => props.onChange(props.urls.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <button type="button" class="link-button" onClick={() => props.onChange([...props.urls, { url: '', match: 'default' }])}>
        {t('form_urls_editor_add_website')}
      </button>
    </fieldset>
  );
}
