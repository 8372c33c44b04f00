// Text normalisation shared by the keyword tables and every signal the detector reads, so that
// "E-Mail-Adresse", "ｅｍａｉｌ", "userName" and "contraseña" compare the same way on both sides.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Lower-case words separated by single spaces.
 * NFKC folds full-width forms (common on Japanese and Chinese pages, UAX #15); Latin and Cyrillic
 * accents are dropped (é → e, ё → е) but not the kana voicing marks, which live outside U+0300–U+036F.
 */
export function normaliseText(raw: string): string {
  // Plain ASCII needs none of the Unicode folding below (most names and ids; it is the hot path).
  if (ASCII.test(raw)) return raw.toLowerCase().replace(SEPARATORS, ' ').trim();
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
  const split = raw
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
  return normaliseText(split);
}

/** Collapses the whitespace of rendered text and caps its length, so huge containers stay cheap. */
export function squeezeText(raw: string, maxLength = 200): string {
  const squeezed = raw.replace(/\s+/g, ' ').trim();
  return squeezed.length > maxLength ? squeezed.slice(0, maxLength) : squeezed;
}
