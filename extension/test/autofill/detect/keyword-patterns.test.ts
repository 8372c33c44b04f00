// keyword-patterns.ts is generated ahead of time from the keyword tables (so pages never compile
// them): it must be up to date, and each concept's optimised pattern must accept exactly the texts
// that the union of its entries' own patterns accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileConcept, compileEntry, compileKeywords, renderPatternsModule } from '../../../src/autofill/detect/compile-keywords';
import { KEYWORD_PATTERNS } from '../../../src/autofill/detect/keyword-patterns';
import { KEYWORDS, type Concept } from '../../../src/autofill/detect/keywords';
import { normaliseText, splitIdentifier } from '../../../src/autofill/detect/normalise-text';
import { fixtureNames, FIXTURES_DIR } from './corpus';

const CONCEPTS = Object.keys(KEYWORDS) as Concept[];
const entriesOf = (concept: Concept) => Object.values(KEYWORDS[concept]).flat();

/** Texts close to every entry (and their near misses), and the words of every fixture page. */
function sampleTexts(): string[] {
  const texts = new Set<string>();
  for (const concept of CONCEPTS) {
    for (const entry of entriesOf(concept)) {
      const body = normaliseText(entry.replace(/^\*|\$$/g, ''));
      const variants = [body, `${body}x`, `${body} x`, `x${body}`, `x ${body}`, `x ${body} y`, body.replaceAll(' ', ''), body.slice(0, -1)];
      for (let i = body.indexOf(' '); i !== -1; i = body.indexOf(' ', i + 1)) variants.push(body.slice(0, i) + body.slice(i + 1));
      variants.push(splitIdentifier(body.replaceAll(' ', '')));
      for (const variant of variants) texts.add(variant.trim());
    }
  }
  for (const name of fixtureNames()) {
    const html = readFileSync(`${FIXTURES_DIR}/${name}`, 'utf8');
    for (const chunk of html.split(/<[^>]*>|"/)) {
      texts.add(normaliseText(chunk));
      texts.add(splitIdentifier(chunk));
    }
  }
  texts.delete('');
  return [...texts];
}

describe('keyword patterns', () => {
  it('are up to date with keywords.ts (else run: npx tsx extension/src/autofill/detect/node/write-keyword-patterns.ts)', () => {
    const onDisk = readFileSync(new URL('../../../src/autofill/detect/keyword-patterns.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderPatternsModule(compileKeywords(KEYWORDS)));
    expect(KEYWORD_PATTERNS).toEqual(compileKeywords(KEYWORDS));
  });

  it('accept exactly what the entries accept one by one', () => {
    const texts = sampleTexts();
    expect(texts.length).toBeGreaterThan(5_000);
    for (const concept of CONCEPTS) {
      const optimised = new RegExp(KEYWORD_PATTERNS[concept], 'u');
      const oneByOne = new RegExp(entriesOf(concept).map(compileEntry).join('|'), 'u');
      const disagree = texts.filter((text) => optimised.test(text) !== oneByOne.test(text));
      expect(disagree, concept).toEqual([]);
    }
  });

  it('share beginnings and drop entries a shorter one already covers', () => {
    expect(compileConcept(['pass', 'passw', 'passcode', 'pin$', 'pincode'])).toBe('(?<![^ ])p(?:ass|in(?:(?![^ ])|code))');
    expect(compileConcept(['user name', 'user id$', '*bestatig', '密码'])).toBe('(?<![^ ])user ?(?:id(?![^ ])|name)|(?:bestatig|密码)');
  });
});
