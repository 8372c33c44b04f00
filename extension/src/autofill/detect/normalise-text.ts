// Text normalisation shared by the keyword tables and every signal the detector reads, so that
// "E-Mail-Adresse", "ｅｍａｉｌ", "userName" and "contraseña" compare the same way on both sides.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, on purpose
const ASCII = /^[\x00-\x7f]*$/;
// The same rules restricted to ASCII, where \p{L} is [A-Za-z] and \p{N} is [0-9]. Most texts of a
// page are ASCII: they then never compile the Unicode-property patterns, whose first use in a page
// costs more than the rest of a detection pass on a small form (the detect_ms budget).
const ASCII_SEPARATORS = /[^a-z0-9]+/g;
// Where an identifier changes words: lower→upper, upper→Upper-lower, letter→digit, digit→letter.
const WORD_BOUNDARIES = [/(\p{Ll})(\p{Lu})/gu, /(\p{Lu})(\p{Lu}\p{Ll})/gu, /(\p{L})(\p{N})/gu, /(\p{N})(\p{L})/gu];
const ASCII_WORD_BOUNDARIES = [/([a-z])([A-Z])/g, /([A-Z])([A-Z][a-z])/g, /([A-Za-z])([0-9])/g, /([0-9])([A-Za-z])/g];

/**
 * Lower-case words separated by single spaces.
 * NFKC folds full-width forms (common on Japanese and Chinese pages, UAX #15); Latin and Cyrillic
 * accents are dropped (é → e, ё → е) but not the kana voicing marks, which live outside U+0300–U+036F.
 */
export function normaliseText(raw: string): string {
  // Plain ASCII needs none of the Unicode folding below (most names and ids; it is the hot path).
  if (ASCII.test(raw)) return raw.toLowerCase().replace(ASCII_SEPARATORS, ' ').trim();
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(SEPARATORS, ' ')
    .trim();
}

/**
 * Splits an identifier from markup (name, id) into words before normalising:
 * "txtUserName" → "txt user name", "loginForm:j_password2" → "login form j password 2",
 * "XMLHttpID" → "xml http id".
 */
export function splitIdentifier(raw: string): string {
  let split = raw;
  for (const boundary of ASCII.test(raw) ? ASCII_WORD_BOUNDARIES : WORD_BOUNDARIES) split = split.replace(boundary, '$1 $2');
  return normaliseText(split);
}

/** Collapses the whitespace of rendered text and caps its length, so huge containers stay cheap. */
export function squeezeText(raw: string, maxLength = 200): string {
  const squeezed = raw.replace(/\s+/g, ' ').trim();
  return squeezed.length > maxLength ? squeezed.slice(0, maxLength) : squeezed;
}
