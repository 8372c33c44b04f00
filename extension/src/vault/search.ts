// Typo-tolerant search over the decrypted overview index, built for 10,000 items per keystroke.
// Each entry's fields are lower-cased and split into words once (createSearchIndex); a query is
// split into tokens that must all match (AND). A token scores by the best field it hits, and how:
// whole field > field prefix > word prefix > substring > a word prefix within a small edit distance
// (Damerau-Levenshtein, so "gihtub" finds "github"). Field weights rank name over username over
// domain over tags. The typo pass runs only for tokens of 4+ characters and only when the cheaper
// matches failed, which keeps a 10,000-item search to a few milliseconds. Two entry-level tests come
// first: a token that is not a substring of the entry's joined text cannot match exactly, by prefix
// or as a substring (one `includes` per entry, about the cost of a bare filter pass), and a token
// with more characters missing from all of the entry's words than its typo budget cannot match
// within it either. Spelling variants of compound words meet: "wifi" finds "Wi-Fi" and "Wi Fi" (a
// field's adjacent words are also indexed joined), and "wi-fi" finds "WiFi" (a query is split into
// words as fields are).

export type SearchFields = { id: string; name: string; username: string; domains: readonly string[]; tags: readonly string[] };

type Field = { text: string; words: string[]; masks: Uint32Array; weight: number; joined: string[] };
type Entry = {
  id: string;
  fields: Field[];
  /** Every field's text joined by a separator no query holds (queries are split on white space). */
  all: string;
  /** The characters of all its words (charMask of each, or'ed). */
  mask: number;
};

export type SearchIndex = { entries: Entry[] };

const WEIGHTS = { name: 1, username: 0.8, domain: 0.7, tag: 0.6 } as const;
const WORD_SPLIT = /[\s._@\-/:,;()[\]{}'"+|!?#&*=~]+/u;

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, on purpose
const ASCII = /^[\x00-\x7f]*$/;

export function normalizeForSearch(text: string): string {
  // NFKD + strip combining marks so "café" is found by "cafe"; plain ASCII skips the costly part.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A 32-bit set of the characters in a word (by char code mod 32), for cheap typo pre-filtering. */
function charMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Adjacent words joined are indexed too, for the first few words of a field ("wi fi" → "wifi"). */
const JOINED_WORDS = 6;

function field(text: string, weight: number): Field | null {
  const normalized = normalizeForSearch(text.trim());
  if (!normalized) return null;
  const words = normalized.split(WORD_SPLIT).filter(Boolean);
  const joined: string[] = [];
  for (let i = 1; i < Math.min(words.length, JOINED_WORDS); i++) joined.push(words[i - 1]! + words[i]!);
  const all = joined.length ? [...words, ...joined] : words;
  return { text: normalized, words: all, masks: Uint32Array.from(all, charMask), weight, joined };
}

export function createSearchIndex(items: Iterable<SearchFields>): SearchIndex {
  const entries: Entry[] = [];
  for (const item of items) entries.push(indexEntry(item));
  return { entries };
}

export function indexEntry(item: SearchFields): Entry {
  const fields = [
    field(item.name, WEIGHTS.name),
    field(item.username, WEIGHTS.username),
    ...item.domains.map((d) => field(d.replace(/^www\./, ''), WEIGHTS.domain)),
    ...item.tags.map((t) => field(t, WEIGHTS.tag)),
  ].filter((f): f is Field => f !== null);
  let mask = 0;
  for (const f of fields) for (const m of f.masks) mask |= m;
  // The joined words are in `all` too, so the entry-level substring test lets them through.
  const texts = fields.map((f) => (f.joined.length ? `${f.text}\n${f.joined.join('\n')}` : f.text));
  return { id: item.id, fields, all: texts.join('\n'), mask: mask >>> 0 };
}

export type SearchHit = { id: string; score: number };

const typoBudget = (token: string) => (token.length < 4 ? 0 : token.length >= 8 ? 2 : 1);

export function queryTokens(query: string): string[] {
  return normalizeForSearch(query).split(WORD_SPLIT).filter(Boolean);
}

/**
 * True when every entry matching `next` also matches `previous`, so a search for `next` may scan
 * only `previous`'s hits: `next` extends `previous` (more characters, or more tokens) and no token
 * crossed into a larger typo budget (at 4 and 8 characters), which could admit new matches.
 */
export function narrows(previous: string, next: string): boolean {
  const before = queryTokens(previous);
  const after = queryTokens(next);
  if (before.length === 0 || after.length < before.length) return false;
  return before.every((token, i) => {
    const grown = after[i]!;
    if (i < before.length - 1 ? grown !== token : !grown.startsWith(token)) return false;
    return typoBudget(grown) === typoBudget(token);
  });
}

/**
 * Returns matching ids, best first; an empty query matches nothing (callers show the full list).
 * `within` restricts the scan to entries already known to be candidates (see `narrows`).
 */
export function search(index: SearchIndex, query: string, options: { limit?: number; within?: ReadonlySet<string> } = {}): SearchHit[] {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  const limit = options.limit ?? Infinity;
  const hits: SearchHit[] = [];
  for (const entry of index.entries) {
    if (options.within && !options.within.has(entry.id)) continue;
    let total = 0;
    for (const token of tokens) {
      const score = scoreToken(entry, token);
      if (score === 0) {
        total = 0;
        break;
      }
      total += score;
    }
    if (total > 0) hits.push({ id: entry.id, score: total });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.length > limit ? hits.slice(0, limit) : hits;
}

function scoreToken(entry: Entry, token: string): number {
  if (entry.all.includes(token)) return exactScore(entry, token);
  if (token.length < 4) return 0;
  return typoScore(entry, token);
}

/** The best exact match: whole field, field prefix, word prefix or substring (the token is in `entry.all`). */
function exactScore(entry: Entry, token: string): number {
  let best = 0;
  for (const f of entry.fields) {
    let s = 0;
    if (f.text === token) s = 100;
    else if (f.text.startsWith(token)) s = 80;
    else if (f.words.some((w) => w.startsWith(token))) s = 60;
    else if (f.text.includes(token)) s = 40;
    if (s * f.weight > best) best = s * f.weight;
  }
  return best;
}

/** A word prefix within the token's typo budget (no exact match exists in the entry). */
function typoScore(entry: Entry, token: string): number {
  const maxDistance = typoBudget(token);
  const tokenMask = charMask(token);
  if (popcount(tokenMask & ~entry.mask) > maxDistance) return 0;
  let best = 0;
  for (const f of entry.fields) {
    for (let k = 0; k < f.words.length; k++) {
      const w = f.words[k]!;
      if (w.length + maxDistance < token.length) continue;
      // Each edit brings in at most one character the word lacks: more missing characters than
      // allowed edits cannot match, whatever the alignment.
      if (popcount(tokenMask & ~f.masks[k]!) > maxDistance) continue;
      // With at most `maxDistance` edits, one of the first maxDistance+1 characters of each side
      // must line up with one of the other's.
      if (!startsAlign(token, w, maxDistance)) continue;
      // Distance to the closest prefix of the word, so a typo in a partly typed word still finds
      // it ("gihub" → "github", "githbu" → "github-enterprise").
      const d = boundedPrefixDistance(token, w, maxDistance);
      if (d <= maxDistance) {
        const s = (d === 0 ? 60 : 20) * f.weight;
        if (s > best) best = s;
      }
    }
  }
  return best;
}

function startsAlign(a: string, b: string, max: number): boolean {
  for (let i = 0; i <= max && i < a.length; i++) {
    for (let j = 0; j <= max && j < b.length; j++) if (a.charCodeAt(i) === b.charCodeAt(j)) return true;
  }
  return false;
}

/**
 * Optimal-string-alignment distance from `token` to the closest prefix of `word` (the minimum of
 * the last DP row), with an early exit once every cell of a row exceeds `max`.
 */
export function boundedPrefixDistance(token: string, word: string, max: number): number {
  const b = word.length > token.length + max ? word.slice(0, token.length + max) : word;
  if (token.length > 128 || b.length > 128) return token === b ? 0 : max + 1;
  const row = fillRows(token, b, max);
  if (row === null) return max + 1;
  let best = max + 1;
  for (let j = 0; j <= b.length; j++) if (row[j]! < best) best = row[j]!;
  return best;
}

// Optimal-string-alignment distance with an early exit once every cell of a row exceeds `max`.
const rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(130), new Int32Array(130), new Int32Array(130)];

export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > 128 || b.length > 128) return a === b ? 0 : max + 1;
  const row = fillRows(a, b, max);
  return row === null ? max + 1 : Math.min(row[b.length]!, max + 1);
}

/** Runs the DP; returns the last row, or null when a row's minimum already exceeds `max`. */
function fillRows(a: string, b: string, max: number): Int32Array | null {
  let [prevPrev, prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prevPrev[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return null;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev;
}
