/**
 * Parses a user's URL regular expression into a small syntax tree, accepting only a subset of
 * JavaScript RegExp syntax whose meaning is a plain regular language.
 *
 * Why not `new RegExp(pattern).test(url)`: JavaScript regexes backtrack, and the page URL is chosen by
 * the page. Even without nested quantifiers a pattern like `.*a.*a.*b` takes about a second on a
 * 256-character URL (measured on this project's machines), which would stall the service worker that
 * does all autofill. The tree built here is run by the linear-time matcher in compile-url-pattern.ts.
 *
 * Supported: literals, `.`, classes `[...]`/`[^...]` with ranges, `\d \D \w \W \s \S`, escaped
 * punctuation, groups `(...)`/`(?:...)`, `|`, quantifiers `* + ? {n} {n,} {n,m}` (lazy forms too), and
 * `^`/`$` only at the very start/end (the pattern is always anchored at both ends anyway).
 * Refused as unsupported: back-references, lookaround, word boundaries, named groups, other escapes,
 * and braces or brackets that are not syntax — none of them are needed to describe URLs.
 */

export type CharRange = readonly [low: number, high: number];
/** One set of characters: its ranges, or everything outside them. */
export type CharSet = { negated: boolean; ranges: readonly CharRange[] };
/** A union of sets (what a bracket class holds), or everything outside that union. */
export type CharClass = { negated: boolean; sets: readonly CharSet[] };

export type PatternNode =
  | { type: 'char'; cls: CharClass }
  | { type: 'seq'; items: readonly PatternNode[] }
  | { type: 'alt'; options: readonly PatternNode[] }
  | { type: 'repeat'; node: PatternNode; min: number; max: number };

export type UrlPatternError = 'too-long' | 'too-complex' | 'invalid' | 'unsupported';

export type ParseUrlPatternResult = { ok: true; node: PatternNode } | { ok: false; reason: UrlPatternError };

export const MAX_PATTERN_LENGTH = 512;
/** Largest bound allowed in `{n,m}`; counted repetition is expanded into automaton states. */
export const MAX_REPEAT_BOUND = 100;

const DIGITS: CharSet = { negated: false, ranges: [[0x30, 0x39]] };
const WORD: CharSet = {
  negated: false,
  ranges: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};
// ECMA-262 WhiteSpace and LineTerminator code points, the set `\s` matches.
const SPACE_RANGES: readonly CharRange[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const SPACE: CharSet = { negated: false, ranges: SPACE_RANGES };
// `.` matches anything but a line terminator (ECMA-262 §22.2.2.7).
const ANY_BUT_NEWLINE: CharClass = {
  negated: true,
  sets: [
    {
      negated: false,
      ranges: [
        [0x0a, 0x0a],
        [0x0d, 0x0d],
        [0x2028, 0x2029],
      ],
    },
  ],
};
const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: DIGITS,
  D: { ...DIGITS, negated: true },
  w: WORD,
  W: { ...WORD, negated: true },
  s: SPACE,
  S: { ...SPACE, negated: true },
};
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;

class PatternSyntaxError extends Error {
  constructor(readonly reason: UrlPatternError) {
    super(reason);
  }
}

export function parseUrlPattern(source: string): ParseUrlPatternResult {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, reason: 'too-long' };
  try {
    new RegExp(source);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  try {
    return { ok: true, node: createParser(stripOuterAnchors(source)).parse() };
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { ok: false, reason: error.reason };
    throw error;
  }
}

function stripOuterAnchors(source: string): string {
  let body = source.startsWith('^') ? source.slice(1) : source;
  if (body.endsWith('$')) {
    const backslashes = /\\*$/.exec(body.slice(0, -1))?.[0].length ?? 0;
    if (backslashes % 2 === 0) body = body.slice(0, -1);
  }
  return body;
}

type ClassElement = { kind: 'char'; code: number } | { kind: 'set'; set: CharSet };

function createParser(src: string) {
  let pos = 0;
  const fail = (reason: UrlPatternError): never => {
    throw new PatternSyntaxError(reason);
  };

  function parseAlternation(): PatternNode {
    const options = [parseSequence()];
    while (src[pos] === '|') {
      pos += 1;
      options.push(parseSequence());
    }
    return options.length === 1 ? (options[0] as PatternNode) : { type: 'alt', options };
  }

  function parseSequence(): PatternNode {
    const items: PatternNode[] = [];
    while (pos < src.length && src[pos] !== '|' && src[pos] !== ')') {
      items.push(parseQuantified(parseAtom()));
    }
    return items.length === 1 ? (items[0] as PatternNode) : { type: 'seq', items };
  }

  function parseQuantified(atom: PatternNode): PatternNode {
    const bounds = readQuantifier();
    if (bounds === null) return atom;
    if (src[pos] === '?') pos += 1; // lazy: same set of matching strings
    if (readQuantifier() !== null) fail('invalid');
    return { type: 'repeat', node: atom, min: bounds.min, max: bounds.max };
  }

  function readQuantifier(): { min: number; max: number } | null {
    const c = src[pos];
    if (c === '*' || c === '+' || c === '?') {
      pos += 1;
      return { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity };
    }
    if (c !== '{') return null;
    const braces = QUANTIFIER_BRACES.exec(src.slice(pos));
    if (braces === null) return fail('unsupported');
    pos += braces[0].length;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    if (max < min) fail('invalid');
    if (min > MAX_REPEAT_BOUND || (max !== Infinity && max > MAX_REPEAT_BOUND)) fail('too-complex');
    return { min, max };
  }

  function parseAtom(): PatternNode {
    const c = src[pos] as string;
    switch (c) {
      case '(':
        return parseGroup();
      case '[':
        return { type: 'char', cls: parseClass() };
      case '.':
        pos += 1;
        return { type: 'char', cls: ANY_BUT_NEWLINE };
      case '\\': {
        const element = parseEscape();
        return { type: 'char', cls: classOf([element], false) };
      }
      case '*':
      case '+':
      case '?':
        return fail('invalid');
      case '^':
      case '$':
      case '{':
      case '}':
      case ']':
        return fail('unsupported');
      default:
        pos += 1;
        return { type: 'char', cls: classOf([{ kind: 'char', code: c.charCodeAt(0) }], false) };
    }
  }

  function parseGroup(): PatternNode {
    pos += 1;
    if (src.startsWith('?:', pos)) pos += 2;
    else if (src[pos] === '?') fail('unsupported');
    const inner = parseAlternation();
    if (src[pos] !== ')') fail('invalid');
    pos += 1;
    return inner;
  }

  function parseEscape(): ClassElement {
    const c = src[pos + 1];
    if (c === undefined) return fail('invalid');
    pos += 2;
    const set = CLASS_ESCAPES[c];
    if (set !== undefined) return { kind: 'set', set };
    if (ASCII_PUNCTUATION.test(c)) return { kind: 'char', code: c.charCodeAt(0) };
    return fail('unsupported');
  }

  function parseClass(): CharClass {
    pos += 1;
    const negated = src[pos] === '^';
    if (negated) pos += 1;
    // `[]` and `[^]` are legal JavaScript but almost always a mistake in a URL pattern.
    if (src[pos] === ']') fail('unsupported');
    const elements: ClassElement[] = [];
    while (src[pos] !== ']') {
      if (pos >= src.length) fail('invalid');
      const low = parseClassElement();
      if (src[pos] === '-' && src[pos + 1] !== ']' && pos + 1 < src.length) {
        pos += 1;
        const high = parseClassElement();
        if (low.kind !== 'char' || high.kind !== 'char') return fail('unsupported');
        if (high.code < low.code) fail('invalid');
        elements.push({ kind: 'set', set: { negated: false, ranges: [[low.code, high.code]] } });
      } else {
        elements.push(low);
      }
    }
    pos += 1;
    return classOf(elements, negated);
  }

  function parseClassElement(): ClassElement {
    if (src[pos] === '\\') return parseEscape();
    const code = src.charCodeAt(pos);
    pos += 1;
    return { kind: 'char', code };
  }

  return {
    parse(): PatternNode {
      const node = parseAlternation();
      if (pos < src.length) fail('invalid'); // an unmatched ')'
      return node;
    },
  };
}

function classOf(elements: readonly ClassElement[], negated: boolean): CharClass {
  const sets = elements.map((element): CharSet =>
    element.kind === 'set' ? element.set : { negated: false, ranges: [[element.code, element.code]] },
  );
  return { negated, sets };
}
