// The generator speaking for a site: the background finds the site's built-in rules from any of its
// URLs, the panel's generate() follows them (falling back to the user's own settings when they
// cannot be met), and the hint says what they are in words.
import { describe, expect, it } from 'vitest';
import { parsePasswordRules, satisfiesPasswordRules } from '@keyhold/shared/generator/password-rules';
import { siteRulesFor } from '../../src/generator/site-rules';
import { generate } from '../../src/ui/lib/generate';
import { describeRules } from '../../src/ui/lib/site-rules-text';
import { DEFAULT_GENERATOR_OPTIONS } from '../../src/ui/lib/generator-options';

describe('siteRulesFor', () => {
  it("finds a site's built-in rules from a page URL or a saved URL without a scheme", () => {
    expect(siteRulesFor('https://www.activision.com/signup?x=1')?.domain).toBe('activision.com');
    expect(siteRulesFor('activision.com')?.domain).toBe('activision.com');
  });

  it('has none for other sites, extension pages and nothing', () => {
    expect(siteRulesFor('https://example.com/')).toBeNull();
    expect(siteRulesFor('chrome-extension://abc/popup.html')).toBeNull();
    expect(siteRulesFor(null)).toBeNull();
  });
});

describe('generate with site rules', () => {
  const rules = parsePasswordRules(siteRulesFor('activision.com')!.rules)!;

  it('follows the rules, at the panel length moved inside their bounds', () => {
    const options = { ...DEFAULT_GENERATOR_OPTIONS, password: { ...DEFAULT_GENERATOR_OPTIONS.password, length: 64, symbols: true } };
    for (let i = 0; i < 50; i++) {
      const result = generate(options, rules);
      expect(result.ok && result.followedRules).toBe(true);
      if (result.ok) {
        expect(result.value).toHaveLength(20);
        expect(satisfiesPasswordRules(result.value, rules)).toBe(true);
      }
    }
  });

  it("uses the user's settings when the rules cannot be met, and for passphrases", () => {
    const impossible = parsePasswordRules('minlength: 30; maxlength: 10')!;
    expect(generate(DEFAULT_GENERATOR_OPTIONS, impossible)).toMatchObject({ ok: true, followedRules: false });
    expect(generate({ ...DEFAULT_GENERATOR_OPTIONS, mode: 'passphrase' }, rules)).toMatchObject({ ok: true, followedRules: false });
  });
});

describe('describeRules', () => {
  it('says the rule in words', () => {
    expect(describeRules(parsePasswordRules('minlength: 8; maxlength: 20; max-consecutive: 2; required: lower, upper; required: digit')!)).toBe(
      '8–20 characters; needs capital letters or lower-case letters; needs digits; only capital letters, lower-case letters, or digits; at most 2 alike in a row.',
    );
    expect(describeRules(parsePasswordRules('minlength: 10; required: [!#$]')!)).toBe('at least 10 characters; needs one of !#$; only one of !#$.');
  });
});
