// What the generator says about a site's password rules, in one place (the UI has no translation
// layer yet; when it gets one, this file is what moves into it).
import type { PasswordRules } from '@keyhold/shared/generator/password-rules';

export const SITE_RULES_TEXT = {
  follow: (domain: string) => `Follow ${domain}'s password rules`,
  cannotMeet: (domain: string) => `${domain}'s password rules cannot be met; your own settings apply.`,
};

const CLASS_NAMES: [string, string][] = [
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'capital letters'],
  ['abcdefghijklmnopqrstuvwxyz', 'lower-case letters'],
  ['0123456789', 'digits'],
];

/** A set in words: "digits", "capital letters or lower-case letters", "one of !#$%". */
function setText(chars: string): string {
  const parts: string[] = [];
  let rest = chars;
  for (const [members, name] of CLASS_NAMES) {
    if ([...members].every((c) => rest.includes(c))) {
      parts.push(name);
      rest = [...rest].filter((c) => !members.includes(c)).join('');
    }
  }
  const symbols = rest.replace(' ', '');
  if (symbols.length > 20) parts.push('symbols');
  else if (symbols) parts.push(`one of ${symbols}`);
  return parts.join(' or ');
}

/** The rule in a sentence for the generator's hint: "8–20 characters; needs digits; at most 2 alike in a row." */
export function describeRules(rules: PasswordRules): string {
  const parts: string[] = [];
  const { minLength, maxLength } = rules;
  if (minLength !== null && maxLength !== null)
    parts.push(minLength === maxLength ? `${minLength} characters` : `${minLength}–${maxLength} characters`);
  else if (minLength !== null) parts.push(`at least ${minLength} characters`);
  else if (maxLength !== null) parts.push(`at most ${maxLength} characters`);
  for (const set of rules.required) if (!set.unicode) parts.push(`needs ${setText(set.chars)}`);
  if (!rules.allowed.unicode) parts.push(`only ${setText(rules.allowed.chars)}`);
  if (rules.maxConsecutive !== null) parts.push(`at most ${rules.maxConsecutive} alike in a row`);
  return parts.length > 0 ? `${parts.join('; ')}.` : '';
}
