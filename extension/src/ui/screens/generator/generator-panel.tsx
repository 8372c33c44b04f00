// The generator: a random password (length, character sets, no look-alikes) or a passphrase from the
// EFF word list (word count, separator, capitalization, a number), its entropy, and buttons to make a
// new one, copy it, or use it in the item being edited. Values copied or used go to the history.
// Speaking for a site (the popup's tab, the item form's website) that has built-in password rules,
// it follows them unless the user unticks that: the passwords it makes are ones the site accepts.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { parsePasswordRules, type PasswordRules } from '@keyhold/shared/generator/password-rules';
import { send } from '../../../messaging/client';
import { useApp } from '../../app/context';
import { IconButton } from '../../components/icon-button';
import { generate, type Generated } from '../../lib/generate';
import { describeRules, SITE_RULES_TEXT } from '../../lib/site-rules-text';
import { useLoad } from '../../hooks/use-load';
import { popupTab } from '../../app/open-request';
import {
  canDisableSet,
  entropyLabel,
  parseGeneratorOptions,
  PASSPHRASE_WORDS,
  PASSWORD_LENGTH,
  type Capitalize,
  type GeneratorOptions,
} from '../../lib/generator-options';
import { t, tp } from '../../../i18n/messages';

const STORAGE_KEY = 'keyhold.generator';

function storedOptions(): GeneratorOptions {
  try {
    return parseGeneratorOptions(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
  } catch {
    return parseGeneratorOptions(null);
  }
}

const SETS = [
  { key: 'lower', label: 'a–z', name: t('generator_lower_case_letters') },
  { key: 'upper', label: 'A–Z', name: t('generator_capital_letters') },
  { key: 'digits', label: '0–9', name: t('generator_digits') },
  { key: 'symbols', label: '!@#$', name: t('generator_symbols') },
] as const;

const CAPITALIZE: { value: Capitalize; label: string }[] = [
  { value: 'none', label: 'none' },
  { value: 'first', label: t('generator_caps_first_letter') },
  { value: 'all', label: t('generator_caps_all') },
  { value: 'random', label: t('generator_caps_random_words') },
];

/** Colours digits and symbols differently so a generated password is easier to read out. */
function Colored(props: { value: string }): JSX.Element {
  return (
    <>
      {[...props.value].map((c, i) => (
        <span key={i} class={/\d/u.test(c) ? 'ch-digit' : /[\p{L}]/u.test(c) ? undefined : 'ch-symbol'}>
          {c}
        </span>
      ))}
    </>
  );
}

/** Whose password rules the generator follows: a website's, or the tab the popup speaks for. */
export type GeneratorSite = { url: string } | { activeTab: true };

type LoadedRules = { domain: string; rules: PasswordRules } | null;

/** The site's built-in rules, asked of the background (which holds the data); null without any. */
function useSiteRules(site: GeneratorSite | undefined): LoadedRules {
  const key = site === undefined ? '' : 'url' in site ? site.url : 'tab';
  const loaded = useLoad(async (): Promise<LoadedRules> => {
    if (site === undefined || ('url' in site && site.url.trim() === '')) return null;
    const found = await send('generator.siteRules', 'url' in site ? { url: site.url } : popupTab());
    const rules = found && parsePasswordRules(found.rules);
    return found && rules ? { domain: found.domain, rules } : null;
  }, [key]);
  return loaded.state === 'ok' ? loaded.value : null;
}

export function GeneratorPanel(props: { onUse?: (value: string) => void; onRemembered?: () => void; site?: GeneratorSite }): JSX.Element {
  const app = useApp();
  const [options, setOptionsState] = useState(storedOptions);
  const site = useSiteRules(props.site);
  const [followSite, setFollowSite] = useState(true);
  const rules = site !== null && followSite ? site.rules : null;
  const [result, setResult] = useState<Generated>(() => generate(options));
  // The rules arrive after the first paint, and the user may untick them: draw again then (only).
  const drawnWith = useRef<PasswordRules | null>(null);
  useEffect(() => {
    if (drawnWith.current === rules) return;
    drawnWith.current = rules;
    setResult(generate(options, rules));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a change of options draws in setOptions
  }, [rules]);

  /** New options: a new value at once, and the options remembered for next time. */
  const setOptions = (change: (previous: GeneratorOptions) => GeneratorOptions) => {
    const next = change(options);
    setOptionsState(next);
    setResult(generate(next, rules));
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Not being able to remember the options is harmless.
    }
  };

  const remember = async (value: string) => {
    try {
      await send('generator.remember', { value });
      props.onRemembered?.();
    } catch (error) {
      app.fail(error);
    }
  };
  const setPassword = (patch: Partial<GeneratorOptions['password']>) => setOptions((o) => ({ ...o, password: { ...o.password, ...patch } }));
  const setPassphrase = (patch: Partial<GeneratorOptions['passphrase']>) => setOptions((o) => ({ ...o, passphrase: { ...o.passphrase, ...patch } }));
  const value = result.ok ? result.value : null;
  const bits = result.ok ? Math.floor(result.bits) : 0;

  return (
    <section class="generator" aria-label={t('generator_panel_generator')}>
      <div class="segmented" role="radiogroup" aria-label={t('generator_panel_kind')}>
        {(['password', 'passphrase'] as const).map((mode) => (
          <button
            type="button"
            key={mode}
            role="radio"
            aria-checked={options.mode === mode}
            class={options.mode === mode ? 'on' : ''}
            onClick={() => setOptions((o) => ({ ...o, mode }))}
          >
            {mode === 'password' ? t('common_password') : t('generator_passphrase')}
          </button>
        ))}
      </div>
      <div class="generated">
        <output class="generated-value mono" data-testid="generated-value" aria-label={t('generator_panel_generated_value')} aria-live="polite">
          {value !== null ? <Colored value={value} /> : '—'}
        </output>
        <div class="generated-actions">
          <IconButton icon="refresh" label={t('generator_panel_generate_another')} onClick={() => setResult(generate(options, rules))} />
          <IconButton
            icon="copy"
            label={t('generator_panel_copy_generated_value')}
            disabled={value === null}
            onClick={() => {
              if (value === null) return;
              void app.copy({ value, what: options.mode === 'password' ? t('common_password') : t('generator_passphrase'), sensitive: true });
              void remember(value);
            }}
          />
        </div>
      </div>
      {result.ok ? (
        <p class="entropy" data-testid="entropy">
          {tp('generator_bits_of_entropy', bits)} · {entropyLabel(bits)}
        </p>
      ) : (
        <p class="error-text" role="alert">
          {result.message}
        </p>
      )}
      {options.mode === 'password' && site !== null && (
        <div class="site-rules">
          <label class="inline-check">
            <input type="checkbox" checked={followSite} onChange={(e) => setFollowSite((e.currentTarget as HTMLInputElement).checked)} />
            {SITE_RULES_TEXT.follow(site.domain)}
          </label>
          <p class="hint" data-testid="site-rules">
            {followSite && result.ok && !result.followedRules ? SITE_RULES_TEXT.cannotMeet(site.domain) : describeRules(site.rules)}
          </p>
        </div>
      )}
      {options.mode === 'password' ? (
        <div class="generator-options">
          <label class="range-field">
            <span>{t('generator_panel_length')}</span>
            <input
              type="range"
              min={PASSWORD_LENGTH.min}
              max={PASSWORD_LENGTH.max}
              value={options.password.length}
              aria-label={t('generator_panel_length')}
              onInput={(e) => setPassword({ length: Number((e.currentTarget as HTMLInputElement).value) })}
            />
            <input
              type="number"
              class="number-input"
              min={PASSWORD_LENGTH.min}
              max={PASSWORD_LENGTH.max}
              value={options.password.length}
              aria-label={t('generator_panel_length_in_characters')}
              onChange={(e) =>
                setPassword({
                  length: Math.min(
                    PASSWORD_LENGTH.max,
                    Math.max(PASSWORD_LENGTH.min, Number((e.currentTarget as HTMLInputElement).value) || PASSWORD_LENGTH.min),
                  ),
                })
              }
            />
          </label>
          <div
            class="check-row"
            role="group"
            aria-label={t('generator_panel_characters')}
            hidden={rules !== null && result.ok && result.followedRules}
          >
            {SETS.map((set) => (
              <label class="inline-check" key={set.key}>
                <input
                  type="checkbox"
                  aria-label={set.name}
                  checked={options.password[set.key]}
                  disabled={options.password[set.key] && !canDisableSet(options.password, set.key)}
                  onChange={(e) => setPassword({ [set.key]: (e.currentTarget as HTMLInputElement).checked })}
                />
                {set.label}
              </label>
            ))}
          </div>
          <label class="inline-check">
            <input
              type="checkbox"
              checked={options.password.excludeLookAlikes}
              onChange={(e) => setPassword({ excludeLookAlikes: (e.currentTarget as HTMLInputElement).checked })}
            />
            {t('generator_avoid_look_alikes')}
          </label>
        </div>
      ) : (
        <div class="generator-options">
          <label class="range-field">
            <span>{t('generator_panel_words')}</span>
            <input
              type="range"
              min={PASSPHRASE_WORDS.min}
              max={PASSPHRASE_WORDS.max}
              value={options.passphrase.words}
              aria-label={t('generator_panel_words')}
              onInput={(e) => setPassphrase({ words: Number((e.currentTarget as HTMLInputElement).value) })}
            />
            <output class="number-output">{options.passphrase.words}</output>
          </label>
          <label class="inline-field">
            <span>{t('generator_panel_separator')}</span>
            <input
              type="text"
              class="separator-input"
              maxLength={3}
              value={options.passphrase.separator}
              aria-label={t('generator_panel_separator')}
              onInput={(e) => setPassphrase({ separator: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <label class="inline-field">
            <span>{t('generator_panel_capitalize')}</span>
            <select
              aria-label={t('generator_panel_capitalize')}
              value={options.passphrase.capitalize}
              onChange={(e) => setPassphrase({ capitalize: (e.currentTarget as HTMLSelectElement).value as Capitalize })}
            >
              {CAPITALIZE.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label class="inline-check">
            <input
              type="checkbox"
              checked={options.passphrase.includeNumber}
              onChange={(e) => setPassphrase({ includeNumber: (e.currentTarget as HTMLInputElement).checked })}
            />
            {t('generator_add_a_number')}
          </label>
        </div>
      )}
      {props.onUse && (
        <button
          type="button"
          class="button primary wide"
          disabled={value === null}
          onClick={() => {
            if (value === null) return;
            void remember(value);
            props.onUse?.(value);
          }}
        >
          {options.mode === 'password' ? t('generator_use_this_password') : t('generator_use_this_passphrase')}
        </button>
      )}
    </section>
  );
}
