// Every word Keyhold shows goes through here: `t(key, …substitutions)` for one message and
// `tp(key, count, …substitutions)` for a plural. Messages come from the browser's extension i18n
// (chrome.i18n.getMessage over public/_locales/<locale>/messages.json), which works the same in every
// context: extension pages, the service worker and content scripts. Where that API is missing (unit
// tests in Node) a catalogue given to useCatalogue() answers instead.
// How to add a string: docs/architecture.md, "Strings and locales".
import { formatEntry, PLURAL_SEPARATOR, type Catalogue, type MessageKey, type PluralCategory, type PluralKey, type Substitutions } from './catalogue';
import { extensionI18n, formatNumber } from './format';

let fallback: Catalogue | null = null;
/** Languages written right to left (ISO 639): Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sindhi, Dhivehi, Sorani Kurdish. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'yi', 'ps', 'sd', 'dv', 'ckb']);
const pluralRules = new Map<string, Intl.PluralRules>();

/** Where chrome.i18n is missing (Node tests), messages come from this catalogue. */
export function useCatalogue(catalogue: Catalogue | null): void {
  fallback = catalogue;
  pluralRules.clear();
}

/** The raw lookup: "" for a key the catalogue lacks (as chrome.i18n.getMessage answers). */
export function message(key: string, substitutions: Substitutions = []): string {
  const subs = substitutions.map(String);
  if (fallback) {
    const entry = fallback[key];
    return entry ? formatEntry(entry, subs) : '';
  }
  // An unknown key answers "", like any other missing message.
  return extensionI18n()?.getMessage(key, subs) ?? '';
}

/**
 * In a right-to-left catalogue each substitution is a bidi isolate (U+2068 … U+2069): a host name, an
 * email or a number put into an Arabic sentence keeps its own direction and does not pull the
 * punctuation around it to the wrong side. Left-to-right catalogues get the substitutions as they are.
 */
function isolated(substitutions: Substitutions): Substitutions {
  if (substitutions.length === 0 || !RTL_LANGUAGES.has(catalogueLocale().split('-')[0]!)) return substitutions;
  return substitutions.map((value) => `\u2068${String(value)}\u2069`);
}

/** One message. A missing key shows the key itself (a test catches that) rather than nothing. */
export function t(key: MessageKey, ...substitutions: Substitutions): string {
  return message(key, isolated(substitutions)) || key;
}

/**
 * A message that depends on a number. The catalogue holds `key__one`, `key__other` and the other CLDR
 * categories (zero, two, few, many) the language uses; Intl.PluralRules for the catalogue's language
 * picks one, and a missing category falls back to `other`. `$1` is the count, formatted for the user's
 * locale; further substitutions are `$2`…
 */
export function tp(key: PluralKey, count: number, ...substitutions: Substitutions): string {
  const subs = isolated([formatNumber(count), ...substitutions]);
  return message(`${key}${PLURAL_SEPARATOR}${pluralCategory(count)}`, subs) || message(`${key}${PLURAL_SEPARATOR}other`, subs) || key;
}

/**
 * A field's label as it reads inside a sentence ("Copy password"): lower-cased where the catalogue
 * says its language does that (`meta_label_in_sentence` = "lower"), as written otherwise (German
 * nouns keep their capital: "Passwort kopieren").
 */
export function labelInSentence(label: string): string {
  return message('meta_label_in_sentence') === 'lower' ? label.toLocaleLowerCase(catalogueLocale()) : label;
}

/** The language of the messages on screen as a BCP 47 tag ("en", "pt-BR", "ar"): each catalogue names itself. */
export function catalogueLocale(): string {
  return (message('meta_locale') || 'en').replace('_', '-');
}

function pluralCategory(count: number): PluralCategory {
  const locale = catalogueLocale();
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count) as PluralCategory;
}
