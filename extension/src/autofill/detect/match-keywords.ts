// Answers "does this normalised text mention that concept?" with one regular expression per
// concept, compiled from keyword-patterns.ts the first time the concept is asked about (a detection
// pass asks about only some of them). Texts given here must come from normaliseText/splitIdentifier.
import { KEYWORD_PATTERNS } from './keyword-patterns';
import type { Concept } from './keywords';

const compiled = new Map<Concept, RegExp>();

function patternFor(concept: Concept): RegExp {
  let pattern = compiled.get(concept);
  if (pattern === undefined) {
    pattern = new RegExp(KEYWORD_PATTERNS[concept], 'u');
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
