// Compiles the keyword tables into one regular expression per concept and answers "does this
// normalised text mention that concept?". Texts given here must come from normaliseText/splitIdentifier.
import { KEYWORDS } from './keywords';
import type { Concept } from './keywords';
import { normaliseText } from './normalise-text';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// Normalised text separates words with single spaces, so a word boundary is "a space or an end".
const WORD_START = '(?<![^ ])';
const WORD_END = '(?![^ ])';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One table entry → a regular expression source (see the entry syntax in keywords.ts). */
export function compileEntry(entry: string): string {
  const anywhere = entry.startsWith('*');
  const wholeWord = entry.endsWith('$');
  const body = normaliseText(entry.slice(anywhere ? 1 : 0, wholeWord ? -1 : undefined));
  if (body === '') throw new Error(`empty keyword entry: ${JSON.stringify(entry)}`);
  // Spaces between words, and between letters and digits, are optional: "user name" ≈ "username",
  // "2fa" ≈ "2 fa" (splitIdentifier separates digits from letters).
  const source = body
    .split(' ')
    .map((word) =>
      word
        .split(/(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u)
        .map(escapeRegExp)
        .join(' ?'),
    )
    .join(' ?');
  if (anywhere || CJK.test(body)) return source;
  return WORD_START + source + (wholeWord ? WORD_END : '');
}

const compiled = new Map<Concept, RegExp>();

function patternFor(concept: Concept): RegExp {
  let pattern = compiled.get(concept);
  if (pattern === undefined) {
    const entries = Object.values(KEYWORDS[concept]).flat();
    pattern = new RegExp(entries.map(compileEntry).join('|'), 'u');
    compiled.set(concept, pattern);
  }
  return pattern;
}

/** True when the normalised text names the concept in any of the supported languages. */
export function mentions(text: string, concept: Concept): boolean {
  return text !== '' && patternFor(concept).test(text);
}

/** True when any of the normalised texts names the concept. */
export function anyMentions(texts: readonly string[], concept: Concept): boolean {
  return texts.some((text) => mentions(text, concept));
}
