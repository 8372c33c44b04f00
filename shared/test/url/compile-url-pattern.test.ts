// The linear-time URL regex matcher: it must agree with JavaScript's RegExp on every pattern it
// accepts, refuse what it does not understand, and stay fast on patterns that make RegExp hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileUrlPattern, MAX_MATCHED_URL_LENGTH } from '../../src/url/regex/compile-url-pattern';
import { MAX_PATTERN_LENGTH } from '../../src/url/regex/parse-url-pattern';

function matcher(source: string) {
  const compiled = compileUrlPattern(source);
  if (!compiled.ok) throw new Error(`pattern refused: ${compiled.reason}`);
  return compiled.pattern;
}

function reference(source: string, input: string): boolean {
  return new RegExp(`^(?:${source})$`, 'i').test(input);
}

// Patterns over a tiny alphabet so that random strings hit both matches and near-misses.
const atom = fc.constantFrom('a', 'b', 'B', '/', '\\.', '.', '\\d', '\\W', '[ab]', '[^a]', '[a-c]', '[/.]', '\\w', '1');
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?');
const pattern: fc.Arbitrary<string> = fc.letrec<{ expr: string; term: string }>((tie) => ({
  term: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(atom, quantifier).map(([a, q]) => a + q) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), quantifier).map(([e, q]) => `(${e})${q}`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), quantifier).map(([e, q]) => `(?:${e})${q}`) },
  ),
  expr: fc.oneof(
    { weight: 3, arbitrary: fc.array(tie('term'), { minLength: 0, maxLength: 4 }).map((terms) => terms.join('')) },
    { weight: 1, arbitrary: fc.tuple(tie('term'), tie('term')).map(([x, y]) => `${x}|${y}`) },
  ),
})).expr;
const input = fc.array(fc.constantFrom('a', 'b', 'A', 'B', '/', '.', '1', 'c', '_'), { maxLength: 10 }).map((cs) => cs.join(''));

describe('agrees with RegExp', () => {
  it('on random patterns and inputs (anchored, case-insensitive)', () => {
    fc.assert(
      fc.property(pattern, fc.array(input, { minLength: 1, maxLength: 8 }), (source, inputs) => {
        const compiled = matcher(source);
        for (const text of inputs) expect(compiled.matches(text), `${source} on ${text}`).toBe(reference(source, text));
      }),
      { numRuns: 3000, seed: 20240601 },
    );
  });

  it.each([
    ['^https://(www\\.)?victim\\.com/login.*$', 'https://www.victim.com/login?next=/'],
    ['https://[a-z0-9-]+\\.victim\\.com/(login|signin)', 'https://eu-1.victim.com/signin'],
    ['https://victim\\.com/\\$\\{x\\}', 'https://victim.com/${x}'],
    ['https://victim\\.com/a$', 'https://victim.com/a'],
    ['https://victim\\.com/a\\$', 'https://victim.com/a$'],
    ['https://victim\\.com:\\d{2,5}/', 'https://victim.com:8443/'],
    ['[-a]+', '-a-'],
    ['[a-]+', 'a--'],
    ['https?://victim\\.com/.*', 'http://victim.com/x'],
  ])('%s on %s', (source, text) => {
    expect(matcher(source).matches(text)).toBe(true);
    expect(matcher(source).matches(`${text}#tail`)).toBe(reference(source, `${text}#tail`));
  });
});

describe('refuses what it does not support', () => {
  it.each([
    ['(', 'invalid'],
    ['a)', 'invalid'],
    ['[b-a]', 'invalid'],
    ['a{3,2}', 'invalid'],
    ['*a', 'invalid'],
    ['(a)\\1', 'unsupported'],
    ['(?=a)a', 'unsupported'],
    ['(?<!a)b', 'unsupported'],
    ['(?<name>a)', 'unsupported'],
    ['\\bvictim', 'unsupported'],
    ['a^b', 'unsupported'],
    ['a$b', 'unsupported'],
    ['a{', 'unsupported'],
    ['[]', 'unsupported'],
    ['\\u0041', 'unsupported'],
    ['[\\d-z]', 'unsupported'],
    ['a{101}', 'too-complex'],
    ['((((a{100}){100}){100}){100})', 'too-complex'],
    ['a'.repeat(MAX_PATTERN_LENGTH + 1), 'too-long'],
  ])('%s → %s', (source, reason) => {
    expect(compileUrlPattern(source)).toEqual({ ok: false, reason });
  });

  it('accepts a pattern at the length limit', () => {
    expect(compileUrlPattern('a'.repeat(MAX_PATTERN_LENGTH)).ok).toBe(true);
  });
});

describe('bounded work', () => {
  const hostile = `https://victim.com/${'a'.repeat(MAX_MATCHED_URL_LENGTH - 40)}`;

  it.each(['(a+)+b', '(a*)*b', '(a|a)*b', '(a|aa)+b', '.*a.*a.*a.*a.*a.*b', '(.*)*(.*)*b'])(
    '%s on an 8 KB URL of "a"s finishes quickly',
    (source) => {
      const started = performance.now();
      expect(matcher(`https://victim\\.com/${source}`).matches(hostile)).toBe(false);
      expect(performance.now() - started).toBeLessThan(500);
    },
  );

  it('never matches a URL longer than the limit', () => {
    const long = `https://victim.com/${'a'.repeat(MAX_MATCHED_URL_LENGTH)}`;
    expect(matcher('.*').matches(long)).toBe(false);
    expect(matcher('.*').matches(long.slice(0, MAX_MATCHED_URL_LENGTH))).toBe(true);
  });
});
