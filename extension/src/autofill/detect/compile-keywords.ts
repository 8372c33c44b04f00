// Turns the keyword tables (keywords.ts) into one regular-expression source per concept. This runs
// ahead of time, never in a page: node/write-keyword-patterns.ts writes the result to
// keyword-patterns.ts, which is all the detector loads. Compiling the entries in the page (normalising
// each one, splitting it with Unicode-property regexes, then a flat alternation with a lookbehind per
// entry) was about half of the detector's cold first pass (the detect_ms budget, docs/architecture.md
// "Performance budgets").
//
// The source of a concept is its entries arranged as a trie, so alternatives that share a beginning
// are tried once: "pass", "passw", "passcode" become `pass` (a word-start entry already matches every
// longer word it begins), "user name", "user id" become `user ?(?:name|id)`. The word-boundary
// lookbehind is written once for all word-start entries instead of once per entry. The language of
// the result is exactly the union of the entries' own patterns (compileEntry); a test checks both
// that and that keyword-patterns.ts is up to date.
import type { Concept, KEYWORDS } from './keywords';
import { normaliseText } from './normalise-text';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// Normalised text separates words with single spaces, so a word boundary is "a space or an end".
const WORD_START = '(?<![^ ])';
const WORD_END = '(?![^ ])';
/** The token for "a space, or none" (between words, and between letters and digits). */
const OPTIONAL_SPACE = ' ?';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Where = 'word-start' | 'whole-word' | 'anywhere';
type Entry = { where: Where; tokens: string[] };

/** One table entry → where it may match, and its pattern as tokens (characters and optional spaces). */
function parseEntry(entry: string): Entry {
  const anywhere = entry.startsWith('*');
  const wholeWord = entry.endsWith('$');
  const body = normaliseText(entry.slice(anywhere ? 1 : 0, wholeWord ? -1 : undefined));
  if (body === '') throw new Error(`empty keyword entry: ${JSON.stringify(entry)}`);
  // Spaces between words, and between letters and digits, are optional: "user name" ≈ "username",
  // "2fa" ≈ "2 fa" (splitIdentifier separates digits from letters).
  const tokens: string[] = [];
  for (const word of body.split(' ')) {
    for (const part of word.split(/(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u)) {
      if (tokens.length > 0) tokens.push(OPTIONAL_SPACE);
      tokens.push(...Array.from(part, escapeRegExp));
    }
  }
  const where: Where = anywhere || CJK.test(body) ? 'anywhere' : wholeWord ? 'whole-word' : 'word-start';
  return { where, tokens };
}

/** One table entry → a regular expression source of its own (see the entry syntax in keywords.ts). */
export function compileEntry(entry: string): string {
  const { where, tokens } = parseEntry(entry);
  const source = tokens.join('');
  if (where === 'anywhere') return source;
  return WORD_START + source + (where === 'whole-word' ? WORD_END : '');
}

type TrieNode = { children: Map<string, TrieNode>; end: 'any-continuation' | 'word-end' | null };

const newNode = (): TrieNode => ({ children: new Map(), end: null });

function insert(root: TrieNode, { where, tokens }: Entry): void {
  let node = root;
  for (const token of tokens) {
    if (node.end === 'any-continuation') return; // a shorter entry already matches whatever follows
    let child = node.children.get(token);
    if (child === undefined) node.children.set(token, (child = newNode()));
    node = child;
  }
  if (where === 'whole-word') {
    node.end ??= 'word-end';
  } else {
    node.end = 'any-continuation';
    node.children.clear();
  }
}

function emit(node: TrieNode): string {
  if (node.end === 'any-continuation') return '';
  const alternatives = [...node.children.keys()].sort().map((token) => token + emit(node.children.get(token)!));
  if (node.end === 'word-end') alternatives.unshift(WORD_END);
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
}

/** The entries of one concept (all languages) → one regular expression source matching any of them. */
export function compileConcept(entries: readonly string[]): string {
  const wordStart = newNode();
  const anywhere = newNode();
  for (const entry of entries.map(parseEntry)) insert(entry.where === 'anywhere' ? anywhere : wordStart, entry);
  const parts: string[] = [];
  if (wordStart.children.size > 0) parts.push(WORD_START + emit(wordStart));
  if (anywhere.children.size > 0) parts.push(emit(anywhere));
  if (parts.length === 0) throw new Error('a concept needs at least one keyword entry');
  return parts.join('|');
}

/** Every concept of the tables → its source. */
export function compileKeywords(tables: typeof KEYWORDS): Record<Concept, string> {
  const concepts = Object.keys(tables) as Concept[];
  return Object.fromEntries(concepts.map((concept) => [concept, compileConcept(Object.values(tables[concept]).flat())])) as Record<Concept, string>;
}

/** The text of keyword-patterns.ts for the given sources. */
export function renderPatternsModule(patterns: Record<Concept, string>): string {
  const lines = Object.entries(patterns).map(([concept, source]) => `  ${concept}: ${JSON.stringify(source)},`);
  return [
    '// GENERATED from keywords.ts by compile-keywords.ts — do not edit. After changing keywords.ts, run',
    '//   npx tsx extension/src/autofill/detect/node/write-keyword-patterns.ts',
    '// (a unit test fails while this file is out of date).',
    "import type { Concept } from './keywords';",
    '',
    '/** One regular-expression source (flag u) per concept: does a normalised text name it? */',
    'export const KEYWORD_PATTERNS: Readonly<Record<Concept, string>> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}
