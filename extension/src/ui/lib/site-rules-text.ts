// What the generator says about a site's password rules, from the message catalogue.
import type { PasswordRules } from '@keyhold/shared/generator/password-rules';
import { catalogueLocale, t, tp } from '../../i18n/messages';

export const SITE_RULES_TEXT = {
  follow: (domain: string) => t('rules_follow', domain),
  cannotMeet: (domain: string) => t('rules_cannot_meet', domain),
};

const CLASS_NAMES: [string, () => string][] = [
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', () => t('rules_capital_letters')],
  ['abcdefghijklmnopqrstuvwxyz', () => t('rules_lower_case_letters')],
  ['0123456789', () => t('rules_digits')],
];

/** A set in words: "digits", "capital letters or lower-case letters", "one of !#$%". */
function setText(chars: string): string {
  const parts: string[] = [];
  let rest = chars;
  for (const [members, name] of CLASS_NAMES) {
    if ([...members].every((c) => rest.includes(c))) {
      parts.push(name());
      rest = [...rest].filter((c) => !members.includes(c)).join('');
    }
  }
  const symbols = rest.replace(' ', '');
  if (symbols.length > 20) parts.push(t('rules_symbols'));
  else if (symbols) parts.push(t('rules_one_of', symbols));
  return new Intl.ListFormat(catalogueLocale(), { type: 'disjunction' }).format(parts);
}

/** The rule in a sentence for the generator's hint: "8–20 characters; needs digits; at most 2 alike in a row." */
export function describeRules(rules: PasswordRules): string {
  const parts: string[] = [];
  const { minLength, maxLength } = rules;
  if (minLength !== null && maxLength !== null)
    parts.push(minLength === maxLength ? tp('rules_length_exact', minLength) : t('rules_length_range', minLength, maxLength));
  else if (minLength !== null) parts.push(tp('rules_length_min', minLength));
  else if (maxLength !== null) parts.push(tp('rules_length_max', maxLength));
  for (const set of rules.required) if (!set.unicode) parts.push(t('rules_needs', setText(set.chars)));
  if (!rules.allowed.unicode) parts.push(t('rules_only', setText(rules.allowed.chars)));
  if (rules.maxConsecutive !== null) parts.push(tp('rules_max_consecutive', rules.maxConsecutive));
  return parts.length > 0 ? t('rules_sentence', parts.join(t('rules_separator'))) : '';
}
