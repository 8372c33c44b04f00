// Related domains (shared/site-data/related-domains.ts): sites that share one login, so a login
// saved on one is offered on the others, labelled with the site it is from. Users add groups of
// their own and turn built-in ones off; both are kept in the settings (this device).
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { BUILT_IN_GROUPS, normaliseDomain, type RelatedGroup } from '@keyhold/shared/site-data/related-domains';
import { send } from '../../../messaging/client';
import type { Settings } from '../../../vault/settings';
import { useApp } from '../../app/context';
import { IconButton } from '../../components/icon-button';
import { TextField } from '../../components/text-field';
import { t } from '../../../i18n/messages';
import { formatNumber, uiLocale } from '../../../i18n/format';

type Choice = Settings['relatedDomains'];

export const RELATED_TEXT = {
  title: t('settings_related_title'),
  intro: t('settings_related_intro'),
  yours: t('settings_related_yours'),
  groupLabel: (n: number) => t('settings_related_group_n', n),
  groupHint: t('settings_related_group_hint'),
  invalid: (domains: string[]) => t('settings_related_invalid', new Intl.ListFormat(uiLocale(), { type: 'unit', style: 'short' }).format(domains)),
  remove: (n: number) => t('settings_related_remove_group', n),
  add: '+ Add a group',
  builtIn: (n: number) => t('settings_related_built_in', formatNumber(n)),
  filter: t('settings_related_filter'),
  saved: t('common_setting_saved'),
};

const describeGroup = (group: RelatedGroup) =>
  group.kind === 'shared' ? group.domains.join(', ') : `${group.from.join(', ')} → ${group.to.join(', ')}`;

/** The domains of a group as typed; the ones that are not websites (shown to the user, ignored when matching). */
function splitDomains(text: string): { domains: string[]; invalid: string[] } {
  const domains = text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  return { domains, invalid: domains.filter((d) => normaliseDomain(d) === null) };
}

export function RelatedDomainsSection(props: { initial: Settings }): JSX.Element {
  const app = useApp();
  const [choice, setChoice] = useState<Choice>(props.initial.relatedDomains);
  const [drafts, setDrafts] = useState<string[]>(() => choice.custom.map((g) => g.join(', ')));
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? BUILT_IN_GROUPS.filter((g) => describeGroup(g).includes(q)) : BUILT_IN_GROUPS;
  }, [filter]);

  async function save(next: Choice): Promise<void> {
    const before = choice;
    setChoice(next);
    try {
      setChoice((await send('settings.set', { relatedDomains: next })).relatedDomains);
      app.toast(RELATED_TEXT.saved);
    } catch (error) {
      setChoice(before);
      app.fail(error);
    }
  }

  const saveDrafts = (next: string[]) => {
    setDrafts(next);
    void save({ ...choice, custom: next.map((text) => splitDomains(text).domains).filter((g) => g.length > 0) });
  };

  return (
    <section class="settings-section" aria-labelledby="related-title">
      <h2 id="related-title">{RELATED_TEXT.title}</h2>
      <p class="hint">{RELATED_TEXT.intro}</p>
      <h3>{RELATED_TEXT.yours}</h3>
      {drafts.map((text, i) => {
        const { invalid } = splitDomains(text);
        return (
          <TextField
            key={i}
            label={RELATED_TEXT.groupLabel(i + 1)}
            value={text}
            placeholder={t('settings_related_domains_gap_com_gapcanada_ca')}
            hint={RELATED_TEXT.groupHint}
            error={invalid.length > 0 ? RELATED_TEXT.invalid(invalid) : null}
            onInput={(value) => setDrafts(drafts.map((d, j) => (j === i ? value : d)))}
          >
            <IconButton icon="check" label={t('settings_related_save_group', i + 1)} onClick={() => saveDrafts(drafts)} />
            <IconButton icon="close" label={RELATED_TEXT.remove(i + 1)} onClick={() => saveDrafts(drafts.filter((_, j) => j !== i))} />
          </TextField>
        );
      })}
      <button type="button" class="link-button" onClick={() => setDrafts([...drafts, ''])}>
        {RELATED_TEXT.add}
      </button>
      <details class="related-builtin">
        <summary>{RELATED_TEXT.builtIn(BUILT_IN_GROUPS.length)}</summary>
        <TextField label={RELATED_TEXT.filter} value={filter} onInput={setFilter} />
        <ul class="plain-list">
          {shown.map((group) => (
            <li key={group.id}>
              <label class="inline-check">
                <input
                  type="checkbox"
                  checked={!choice.disabled.includes(group.id)}
                  onChange={(e) => {
                    const on = (e.currentTarget as HTMLInputElement).checked;
                    const disabled = on ? choice.disabled.filter((id) => id !== group.id) : [...choice.disabled, group.id];
                    void save({ ...choice, disabled });
                  }}
                />
                {describeGroup(group)}
              </label>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
