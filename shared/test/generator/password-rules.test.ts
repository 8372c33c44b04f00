// The passwordrules language: the specification's examples, real sites' rules from Apple's data,
// hostile and malformed input (ignored part by part, never a throw), and the promise the generator
// makes — every password it draws obeys its rule, uniformly, on the first try.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import siteRules from '../../data/password-manager-resources/quirks/password-rules.json';
import { ASCII_PRINTABLE, MAX_RULES_LENGTH, parsePasswordRules, satisfiesPasswordRules } from '../../src/generator/password-rules';
import type { PasswordRules } from '../../src/generator/password-rules';
import { generateRulePassword } from '../../src/generator/generate-password';
import { CHI_SQUARED_CRITICAL_0_001, chiSquared, seededRandom } from './seeded-random';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGIT = '0123456789';
const SPECIAL = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const set = (...parts: string[]) => ({ chars: [...new Set(parts.join(''))].sort().join(''), unicode: false });
const rulesOf = (text: string): PasswordRules => {
  const rules = parsePasswordRules(text);
  if (rules === null) throw new Error(`no rules in ${text}`);
  return rules;
};
const builtIn = (domain: string): string => (siteRules as Record<string, { 'password-rules': string }>)[domain]!['password-rules'];
const maxRun = (password: string) => Math.max(0, ...(password.match(/(.)\1*/gsu) ?? []).map((run) => [...run].length));

describe('parsePasswordRules: the specification', () => {
  it('reads the example rule of the language description', () => {
    expect(rulesOf('max-consecutive: 2; minlength: 10; maxlength: 15; allowed: upper; required: digit, special;')).toEqual({
      required: [set(DIGIT, SPECIAL)],
      allowed: set(UPPER, DIGIT, SPECIAL),
      maxConsecutive: 2,
      minLength: 10,
      maxLength: 15,
    });
  });

  it('"required: a, b" is one alternative; two required properties must both be met', () => {
    expect(rulesOf('required: digit, upper;').required).toEqual([set(DIGIT, UPPER)]);
    expect(rulesOf('required: digit; required: upper;').required).toEqual([set(DIGIT), set(UPPER)]);
    expect(satisfiesPasswordRules('abc1', rulesOf('required: digit, upper; allowed: lower'))).toBe(true);
    expect(satisfiesPasswordRules('abc1', rulesOf('required: digit; required: upper; allowed: lower'))).toBe(false);
  });

  it('"allowed: a, b" equals "allowed: a; allowed: b"; required classes are allowed too', () => {
    expect(rulesOf('allowed: digit, upper;').allowed).toEqual(rulesOf('allowed: digit; allowed: upper;').allowed);
    expect(rulesOf('allowed: lower; required: digit').allowed).toEqual(set(LOWER, DIGIT));
  });

  it('allows every ASCII printable character when neither allowed nor required is given', () => {
    expect(rulesOf('minlength: 8').allowed).toEqual({ chars: ASCII_PRINTABLE, unicode: false });
    // Required classes alone are the whole alphabet.
    expect(rulesOf('required: lower; required: digit').allowed).toEqual(set(LOWER, DIGIT));
  });

  it('takes the largest minimum, the smallest maximum and the smallest run limit', () => {
    const rules = rulesOf('minlength: 8; minlength: 12; maxlength: 40; maxlength: 30; max-consecutive: 4; max-consecutive: 2');
    expect(rules).toMatchObject({ minLength: 12, maxLength: 30, maxConsecutive: 2 });
  });

  it('knows the named classes, in any letter case; special includes the space', () => {
    expect(rulesOf('allowed: special').allowed.chars).toBe(set(SPECIAL).chars);
    expect(rulesOf('allowed: ascii-printable').allowed.chars).toBe(ASCII_PRINTABLE);
    expect(rulesOf('allowed: UPPER, Lower').allowed).toEqual(set(UPPER, LOWER));
    expect(rulesOf('allowed: unicode').allowed.unicode).toBe(true);
    expect(satisfiesPasswordRules('pässwörd', rulesOf('allowed: unicode'))).toBe(true);
    expect(satisfiesPasswordRules('pässwörd', rulesOf('allowed: lower'))).toBe(false);
  });

  it('reads custom classes: "-" only first, "]" as the last member written "]]", ";" inside a class', () => {
    expect(rulesOf('allowed: [-_.]').allowed.chars).toBe(set('-_.').chars);
    expect(rulesOf('allowed: [_-.]').allowed.chars).toBe(set('_.').chars);
    expect(rulesOf('allowed: [abc]]').allowed.chars).toBe(set('abc]').chars);
    expect(rulesOf('required: [;,]; minlength: 9')).toMatchObject({ required: [set(';,')], minLength: 9 });
  });
});

describe('parsePasswordRules: real sites (password-manager-resources)', () => {
  it('reads required and allowed classes with a custom set (acmemarkets.com)', () => {
    expect(rulesOf(builtIn('acmemarkets.com'))).toEqual({
      required: [set(UPPER), set('!#$%&*@^')],
      allowed: set(LOWER, DIGIT, UPPER, '!#$%&*@^'),
      maxConsecutive: null,
      minLength: 8,
      maxLength: 40,
    });
  });

  it('reads a class whose members include "[", "]", "-", space and ";" (admiral.com)', () => {
    const rules = rulesOf(builtIn('admiral.com'));
    expect(rules.required[1]).toEqual(set('- !"#$&\'()*+,.:;<=>?@[^_`{|}~]'));
    expect(rules.minLength).toBe(8);
  });

  it('reads max-consecutive and exact lengths (activision.com, aeon.co.jp)', () => {
    expect(rulesOf(builtIn('activision.com'))).toMatchObject({ maxConsecutive: 2, minLength: 8, maxLength: 20 });
    expect(rulesOf(builtIn('aeon.co.jp'))).toMatchObject({ maxConsecutive: 3, minLength: 8, maxLength: 8 });
  });

  it('parses every rule in the data, and the generator meets each one', () => {
    const rng = seededRandom(31);
    for (const [domain, entry] of Object.entries(siteRules as Record<string, { 'password-rules': string }>)) {
      const rules = parsePasswordRules(entry['password-rules']);
      expect(rules, domain).not.toBeNull();
      for (const length of [8, 20, 64]) {
        const generated = generateRulePassword(rules!, { length }, rng);
        expect(generated, domain).not.toBeNull();
        expect(satisfiesPasswordRules(generated!.password, rules!), `${domain}: ${generated!.password}`).toBe(true);
      }
    }
  });
});

describe('parsePasswordRules: malformed and hostile input', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['nonsense', null],
    [';;;', null],
    ['minlength: ten', null],
    ['required: sparkles', null],
    ['allowed: [abc', null],
  ])('%j states no rule', (text, expected) => {
    expect(parsePasswordRules(text)).toBe(expected);
  });

  it('ignores an unknown or malformed property and keeps the others', () => {
    expect(rulesOf('colour: blue; minlength: 12; maxlength: twelve; required: digit')).toMatchObject({
      required: [set(DIGIT)],
      minLength: 12,
      maxLength: null,
    });
    expect(rulesOf('minlength: 12 please; required: upper')).toMatchObject({ minLength: null, required: [set(UPPER)] });
    expect(rulesOf('required: upper, sparkles; minlength: 9').required).toEqual([set(UPPER)]);
  });

  it('reads "max-consecutive: 0" and "maxlength: 0" as no limit', () => {
    expect(rulesOf('max-consecutive: 0; maxlength: 0; minlength: 5')).toMatchObject({ maxConsecutive: null, maxLength: null, minLength: 5 });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.stringMatching(/^[a-z:;, [\]\-0-9]{0,120}$/)), (text) => {
        const rules = parsePasswordRules(text);
        if (rules !== null) generateRulePassword(rules, { length: 16 }, seededRandom(1));
      }),
      { numRuns: 2_000 },
    );
    expect(parsePasswordRules(42)).toBeNull();
    expect(parsePasswordRules(undefined)).toBeNull();
  });

  it('reads at most MAX_RULES_LENGTH characters', () => {
    const long = `${'x'.repeat(MAX_RULES_LENGTH)}; minlength: 40`;
    expect(parsePasswordRules(long)).toBeNull();
    expect(parsePasswordRules(`minlength: 40; ${'x'.repeat(5 * MAX_RULES_LENGTH)}`)).toMatchObject({ minLength: 40 });
  });
});

describe('generateRulePassword', () => {
  it('keeps the preferred length inside the rule, and meets a maximum below 8', () => {
    expect(generateRulePassword(rulesOf('minlength: 6; maxlength: 16'), { length: 20 })!.password).toHaveLength(16);
    expect(generateRulePassword(rulesOf('minlength: 30'), { length: 20 })!.password).toHaveLength(30);
    expect(generateRulePassword(rulesOf('maxlength: 6; allowed: digit'), { length: 20 })!.password).toMatch(/^\d{6}$/);
  });

  it('gives null for rules no password can meet', () => {
    expect(generateRulePassword(rulesOf('minlength: 20; maxlength: 10'))).toBeNull();
    expect(generateRulePassword(rulesOf('maxlength: 2; required: upper; required: lower; required: digit'))).toBeNull();
    expect(generateRulePassword(rulesOf('allowed: [a]; max-consecutive: 1; minlength: 4'))).toBeNull();
    expect(generateRulePassword(rulesOf('minlength: 500'))).toBeNull();
  });

  it('leaves the space out unless a required class has nothing else', () => {
    const rng = seededRandom(5);
    for (let i = 0; i < 200; i++) expect(generateRulePassword(rulesOf('allowed: ascii-printable'), {}, rng)!.password).not.toContain(' ');
    expect(generateRulePassword(rulesOf('required: [ ]; allowed: lower'), {}, rng)!.password).toContain(' ');
  });

  it('a run limit of 1 with two characters alternates', () => {
    const { password } = generateRulePassword(rulesOf('allowed: [ab]; max-consecutive: 1; minlength: 10; maxlength: 10'))!;
    expect(['ababababab', 'bababababa']).toContain(password);
  });

  it('states the exact entropy: log2 of the number of valid passwords', () => {
    // 10 digits, length 6: 10^6 passwords.
    expect(generateRulePassword(rulesOf('allowed: digit; maxlength: 6'))!.bits).toBeCloseTo(6 * Math.log2(10), 9);
    // Length 2 over [ab] with at most one in a row: "ab" and "ba".
    expect(generateRulePassword(rulesOf('allowed: [ab]; max-consecutive: 1; maxlength: 2'))!.bits).toBeCloseTo(1, 9);
  });

  it('draws every valid password equally often (no bias toward placing required characters first)', () => {
    // Length 3 over [abc] with "a" required and no character twice in a row: count them by brute force.
    const rules = rulesOf('allowed: [abc]; required: [a]; max-consecutive: 1; maxlength: 3');
    const all: string[] = [];
    for (const x of 'abc') for (const y of 'abc') for (const z of 'abc') if (satisfiesPasswordRules(x + y + z, rules)) all.push(x + y + z);
    expect(all).toHaveLength(10);
    const rng = seededRandom(77);
    const seen = new Map(all.map((p) => [p, 0]));
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const { password } = generateRulePassword(rules, { length: 3 }, rng)!;
      seen.set(password, (seen.get(password) ?? 0) + 1);
    }
    expect(seen.size).toBe(10);
    const expected = all.map(() => draws / all.length);
    // 9 degrees of freedom: the α = 0.001 critical value lies between those of 7 and 11.
    expect(chiSquared([...seen.values()], expected)).toBeLessThan(CHI_SQUARED_CRITICAL_0_001[11]!);
  });
});

describe('property: every generated password satisfies its rule', () => {
  const namedClass = fc.constantFrom('upper', 'lower', 'digit', 'special', 'ascii-printable', 'unicode');
  const customClass = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...ASCII_PRINTABLE) }).map((s) => `[${s}]`);
  const classList = fc.array(fc.oneof(namedClass, customClass), { minLength: 1, maxLength: 3 }).map((classes) => classes.join(', '));
  const property = fc.oneof(
    classList.map((c) => `required: ${c}`),
    classList.map((c) => `allowed: ${c}`),
    fc.integer({ min: 0, max: 6 }).map((n) => `max-consecutive: ${n}`),
    fc.integer({ min: 0, max: 40 }).map((n) => `minlength: ${n}`),
    fc.integer({ min: 0, max: 64 }).map((n) => `maxlength: ${n}`),
  );
  const ruleText = fc.array(property, { minLength: 1, maxLength: 7 }).map((parts) => parts.join('; '));

  it('holds for random rules and lengths', () => {
    fc.assert(
      fc.property(ruleText, fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 2 ** 31 }), (text, length, seed) => {
        const rules = parsePasswordRules(text);
        if (rules === null) return;
        const generated = generateRulePassword(rules, { length }, seededRandom(seed % 256));
        if (generated === null) return;
        expect(satisfiesPasswordRules(generated.password, rules), `${text} → ${generated.password}`).toBe(true);
        if (rules.maxConsecutive !== null) expect(maxRun(generated.password)).toBeLessThanOrEqual(rules.maxConsecutive);
      }),
      { numRuns: 1_500 },
    );
  });

  it('finds a password for every satisfiable rule it is given (no false "impossible")', () => {
    fc.assert(
      fc.property(ruleText, (text) => {
        const rules = parsePasswordRules(text);
        if (rules === null || rules.required.length > 4) return;
        const min = rules.minLength ?? 1;
        const max = Math.min(rules.maxLength ?? 128, 128);
        if (min > max || rules.required.length > max) return;
        // Plenty of characters and no tight run limit: a password always exists.
        if ((rules.maxConsecutive ?? 9) < 2 || rules.allowed.chars.replace(' ', '').length < 4) return;
        if (rules.required.some((s) => !s.unicode && s.chars.replace(' ', '') === '')) return;
        expect(generateRulePassword(rules, { length: 20 }), text).not.toBeNull();
      }),
      { numRuns: 1_000 },
    );
  });
});
