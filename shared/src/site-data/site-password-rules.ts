/**
 * A site's built-in `passwordrules` (Apple's password-manager-resources, MIT; the copy and its
 * licence are in shared/data/password-manager-resources/), and the choice between them and the
 * page's own `passwordrules` attribute: the page's rule wins when it states one the generator can
 * meet, because the site knows its rules best and the data only patches sites that state none.
 *
 * Importing this module brings the data (~60 KB) into the bundle: the extension imports it in the
 * background only, never in a content script.
 */
import data from '../../data/password-manager-resources/quirks/password-rules.json';
import { generateRulePassword, type RulePassword } from '../generator/generate-password';
import { parsePasswordRules } from '../generator/password-rules';
import type { RandomSource } from '../generator/random-int';
import { hostSuffixes } from './host-suffixes';

type Entry = { 'password-rules': string; 'exact-domain-match-only'?: boolean };
const RULES = data as Record<string, Entry>;

/** The data's rule for a host (its own entry, else its closest parent's), or null. */
export function builtInPasswordRules(host: string): { domain: string; rules: string } | null {
  const names = hostSuffixes(host);
  for (const [i, name] of names.entries()) {
    const entry = Object.hasOwn(RULES, name) ? RULES[name] : undefined;
    if (entry === undefined || (entry['exact-domain-match-only'] === true && i > 0)) continue;
    return { domain: name, rules: entry['password-rules'] };
  }
  return null;
}

export type SitePassword = RulePassword & {
  /** Whose rule the password follows: the page's attribute, the built-in data, or none. */
  source: 'page' | 'site' | 'none';
};

/**
 * A password for a new-password field on `host`: following the page's own rule when it states one
 * that can be met, else the site's built-in rule, else null (the caller uses its plain generator).
 */
export function generateSitePassword(
  input: { host: string | null; pageRules: string | null; length?: number },
  rng?: RandomSource,
): SitePassword | null {
  const options = input.length === undefined ? {} : { length: input.length };
  const page = parsePasswordRules(input.pageRules);
  const fromPage = page && generateRulePassword(page, options, rng);
  if (fromPage) return { ...fromPage, source: 'page' };
  const builtIn = input.host === null ? null : builtInPasswordRules(input.host);
  const rules = builtIn && parsePasswordRules(builtIn.rules);
  const fromSite = rules && generateRulePassword(rules, options, rng);
  return fromSite ? { ...fromSite, source: 'site' } : null;
}
