/**
 * The `passwordrules` language: what characters and lengths a site accepts, as a page states it in
 * its `passwordrules` attribute and as Apple's password-manager-resources data states it per site
 * (shared/data/password-manager-resources/). Pure: no DOM, never throws.
 *
 * The language (Apple, "Password Rules Language", developer.apple.com/password-rules; WHATWG HTML
 * issue 3518): properties separated by `;`, each `name: value`.
 * - `required: A, B` — the password must contain a character of A or B; several `required`
 *   properties must each be met.
 * - `allowed: A, B` — characters the password may use; `required` classes are allowed implicitly,
 *   and when neither is given every ASCII printable character is allowed.
 * - `max-consecutive: N` — no character more than N times in a row (the smallest N wins).
 * - `minlength: N`, `maxlength: N` — the largest minimum and the smallest maximum win.
 * - Classes: `upper`, `lower`, `digit`, `special` (ASCII punctuation and space), `ascii-printable`,
 *   `unicode`, and custom sets `[...]` of ASCII printable characters, where `-` counts only as the
 *   first character and `]` as the last one when written `]]`.
 *
 * The input is hostile page text: an unknown property, an unknown class, a malformed number or a
 * property followed by garbage is ignored (up to the next `;`) and the rest still counts, as the
 * specification's parser recovers; input longer than MAX_RULES_LENGTH is cut.
 */

/** A set of characters: ASCII printable ones listed, or any character at all (`unicode`). */
export type CharacterClassSet = { chars: string; unicode: boolean };

export type PasswordRules = {
  /** Each entry must be met by at least one character of the password. */
  required: CharacterClassSet[];
  /** Every character must be in this set (the required sets are part of it). */
  allowed: CharacterClassSet;
  maxConsecutive: number | null;
  minLength: number | null;
  maxLength: number | null;
};

/** Longer rules text is cut: real rules are under 200 characters. */
export const MAX_RULES_LENGTH = 1000;
/** Numbers are capped here; no site needs a longer password or a longer run. */
const MAX_NUMBER = 10_000;

const range = (from: string, to: string): string => {
  let out = '';
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out += String.fromCharCode(c);
  return out;
};

export const ASCII_PRINTABLE = range(' ', '~');
const CLASS_CHARS: Readonly<Record<string, string>> = {
  upper: range('A', 'Z'),
  lower: range('a', 'z'),
  digit: range('0', '9'),
  special: range(' ', '/') + range(':', '@') + range('[', '`') + range('{', '~'),
  'ascii-printable': ASCII_PRINTABLE,
};

const isPrintable = (c: string) => c >= ' ' && c <= '~';
const isIdentifierChar = (c: string | undefined) => c !== undefined && /[a-zA-Z-]/.test(c);
const isWhitespace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** Characters in ASCII order, each once. */
function normalise(chars: Iterable<string>): string {
  return [...new Set(chars)].sort().join('');
}

export function unionOf(sets: readonly CharacterClassSet[]): CharacterClassSet {
  return { chars: normalise(sets.flatMap((s) => [...s.chars])), unicode: sets.some((s) => s.unicode) };
}

type Property = { name: 'required' | 'allowed'; value: CharacterClassSet } | { name: 'max-consecutive' | 'minlength' | 'maxlength'; value: number };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string | undefined {
    return this.text[this.pos];
  }
  skipSpace(): void {
    while (isWhitespace(this.peek())) this.pos++;
  }
  identifier(): string {
    const start = this.pos;
    while (isIdentifierChar(this.peek())) this.pos++;
    return this.text.slice(start, this.pos).toLowerCase();
  }
  /** A custom class from its `[`: its characters, or null when it never closes. */
  customClass(): string[] | null {
    this.pos++; // '['
    const chars: string[] = [];
    const first = this.pos;
    while (!this.done) {
      const c = this.text[this.pos]!;
      if (c === ']') {
        // `]]`: the first `]` is a member, the second closes the class.
        if (this.text[this.pos + 1] === ']') {
          chars.push(']');
          this.pos += 2;
        } else this.pos++;
        return chars;
      }
      this.pos++;
      if (!isPrintable(c)) continue;
      if (c === '-' && this.pos - 1 !== first) continue; // '-' counts only first
      chars.push(c);
    }
    return null;
  }
  /** Moves past the next `;` that is not inside a custom class (or to the end). */
  skipProperty(): void {
    while (!this.done) {
      const c = this.peek();
      if (c === ';') {
        this.pos++;
        return;
      }
      if (c === '[') this.customClass();
      else this.pos++;
    }
  }
  /** True at the end of a property: only spaces before `;` or the end. Consumes the `;`. */
  endOfProperty(): boolean {
    this.skipSpace();
    if (this.done) return true;
    if (this.peek() !== ';') return false;
    this.pos++;
    return true;
  }
}

function readClasses(reader: Reader): CharacterClassSet | null {
  const sets: CharacterClassSet[] = [];
  for (;;) {
    reader.skipSpace();
    const c = reader.peek();
    if (c === '[') {
      const chars = reader.customClass();
      if (chars === null) return null;
      if (chars.length > 0) sets.push({ chars: normalise(chars), unicode: false });
    } else if (isIdentifierChar(c)) {
      const name = reader.identifier();
      // An unknown class is left out; the ones beside it still count.
      if (name === 'unicode') sets.push({ chars: ASCII_PRINTABLE, unicode: true });
      else if (CLASS_CHARS[name] !== undefined) sets.push({ chars: CLASS_CHARS[name], unicode: false });
    } else return null;
    reader.skipSpace();
    if (reader.peek() !== ',') break;
    reader.pos++;
  }
  return sets.length > 0 ? unionOf(sets) : null;
}

function readNumber(reader: Reader): number | null {
  reader.skipSpace();
  const start = reader.pos;
  while (/[0-9]/.test(reader.peek() ?? '')) reader.pos++;
  if (reader.pos === start) return null;
  return Math.min(MAX_NUMBER, Number(reader.text.slice(start, Math.min(reader.pos, start + 6))));
}

function readProperty(reader: Reader): Property | null {
  const name = reader.identifier();
  reader.skipSpace();
  if (reader.peek() !== ':') return null;
  reader.pos++;
  switch (name) {
    case 'required':
    case 'allowed': {
      const value = readClasses(reader);
      return value && { name, value };
    }
    case 'max-consecutive':
    case 'minlength':
    case 'maxlength': {
      const value = readNumber(reader);
      return value === null ? null : { name, value };
    }
    default:
      return null;
  }
}

/**
 * The rules a `passwordrules` text states, or null when it states none that Keyhold can use
 * (empty, or nothing but unknown or malformed properties).
 */
export function parsePasswordRules(input: unknown): PasswordRules | null {
  if (typeof input !== 'string') return null;
  const reader = new Reader(input.slice(0, MAX_RULES_LENGTH));
  const required: CharacterClassSet[] = [];
  const allowed: CharacterClassSet[] = [];
  let maxConsecutive: number | null = null;
  let minLength: number | null = null;
  let maxLength: number | null = null;
  let any = false;

  while (!reader.done) {
    reader.skipSpace();
    if (reader.done) break;
    const start = reader.pos;
    const property = isIdentifierChar(reader.peek()) ? readProperty(reader) : null;
    if (property === null || !reader.endOfProperty()) {
      // Unknown or malformed: drop it, keep reading after its `;`.
      if (reader.pos === start) reader.pos++;
      reader.skipProperty();
      continue;
    }
    any = true;
    switch (property.name) {
      case 'required':
        required.push(property.value);
        break;
      case 'allowed':
        allowed.push(property.value);
        break;
      case 'max-consecutive':
        // 0 would forbid every password: read it as "no limit stated".
        if (property.value > 0) maxConsecutive = Math.min(maxConsecutive ?? Infinity, property.value);
        break;
      case 'minlength':
        minLength = Math.max(minLength ?? 0, property.value);
        break;
      case 'maxlength':
        if (property.value > 0) maxLength = Math.min(maxLength ?? Infinity, property.value);
        break;
    }
  }
  if (!any) return null;
  const all = [...allowed, ...required];
  return {
    required,
    allowed: all.length > 0 ? unionOf(all) : { chars: ASCII_PRINTABLE, unicode: false },
    maxConsecutive,
    minLength: minLength === 0 ? null : minLength,
    maxLength,
  };
}

function inSet(set: CharacterClassSet, char: string): boolean {
  return set.unicode || set.chars.includes(char);
}

/** Whether a password obeys the rules (the generator's promise; also used by the tests). */
export function satisfiesPasswordRules(password: string, rules: PasswordRules): boolean {
  const chars = [...password];
  if (rules.minLength !== null && chars.length < rules.minLength) return false;
  if (rules.maxLength !== null && chars.length > rules.maxLength) return false;
  if (!chars.every((c) => inSet(rules.allowed, c))) return false;
  if (!rules.required.every((set) => chars.some((c) => inSet(set, c)))) return false;
  if (rules.maxConsecutive !== null) {
    let run = 0;
    for (let i = 0; i < chars.length; i++) {
      run = i > 0 && chars[i] === chars[i - 1] ? run + 1 : 1;
      if (run > rules.maxConsecutive) return false;
    }
  }
  return true;
}
